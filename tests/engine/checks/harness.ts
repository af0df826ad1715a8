import type { CheckParams } from "../../../sandbox/engine/checks/index.ts";
import { createSandbox, type Sandbox, type SandboxOptions } from "../../../sandbox/engine/index.ts";

/** A fresh instant-time sandbox after `lines`, every one of which must succeed. */
export async function sandboxAfter(lines: string[], options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = createSandbox({ timeMode: "instant", ...options });
  await runIn(sandbox, lines);
  return sandbox;
}

export async function runIn(
  sandbox: Sandbox,
  lines: string[],
  options: { allowFail?: boolean } = {},
): Promise<void> {
  for (const line of lines) {
    let output = "";
    const status = await sandbox.exec(line, (chunk) => {
      output += chunk.text;
    });
    if (status !== 0 && !options.allowFail) throw new Error(`${line} exited ${status}:\n${output}`);
  }
}

/** The one result of a single check. */
export function check(sandbox: Sandbox, name: string, params: CheckParams) {
  const [result] = sandbox.checkTasks([{ id: "t", check: { name, params } }]);
  return result!;
}

/** The StatefulSet and headless Service of lessons 3 and 4, with `replicas` pods. */
export function webYaml(
  options: { replicas?: number; clusterIP?: string; policy?: string; claims?: boolean } = {},
): string {
  const { replicas = 2, clusterIP = "None", policy, claims = false } = options;
  return `cat > web.yaml <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
${clusterIP === "None" ? "  clusterIP: None\n" : ""}  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: ${replicas}
${policy ? `  podManagementPolicy: ${policy}\n` : ""}  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.27
        ports:
        - containerPort: 80
          name: web
${
  claims
    ? `        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
`
    : ""
}EOF`;
}

export const APPLY_AND_WAIT = ["kubectl apply -f web.yaml", "kubectl rollout status statefulset/web"];
