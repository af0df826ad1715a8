/**
 * monaco-yaml's language worker with the Kubernetes schema built in. The schema is only used here,
 * where validation, completion and hover run, so it stays out of the page's editor chunk: the page
 * neither parses it nor copies it to the worker. monaco.ts starts this worker with two messages,
 * "ignore" and monaco-yaml's creation data (its schemas without their bodies); the creation data
 * is given the schema on its way in.
 */
import schema from "virtual:k8s-schema";
import "monaco-yaml/yaml.worker.js";
import { KUBERNETES_SCHEMA_URI } from "./schema-uri.ts";

interface CreateData {
  schemas?: Array<{ uri: string; schema?: unknown }>;
}

const withSchema = (data: CreateData): CreateData => ({
  ...data,
  schemas: data.schemas?.map((entry) => (entry.uri === KUBERNETES_SCHEMA_URI ? { ...entry, schema } : entry)),
});

// monaco-yaml's worker has set its first handler; the one the first message installs reads the
// creation data.
const start = self.onmessage;
self.onmessage = (first: MessageEvent) => {
  start?.call(self, first);
  const readCreateData = self.onmessage;
  self.onmessage = (event: MessageEvent<CreateData>) =>
    readCreateData?.call(self, new MessageEvent("message", { data: withSchema(event.data) }));
};
