/** The name monaco-yaml knows the Kubernetes schema by, on the page and in its worker. */
export const KUBERNETES_SCHEMA_URI = "inmemory://stateful-lab/kubernetes.json";
