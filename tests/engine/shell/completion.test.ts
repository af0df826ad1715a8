import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../../sandbox/engine/index.ts";

async function sandboxWith(lines: string[]): Promise<Sandbox> {
  const sandbox = createSandbox({ timeMode: "instant" });
  for (const line of lines) await sandbox.exec(line, () => undefined);
  return sandbox;
}

/** The candidates for `line` with the cursor at its end. */
async function candidates(sandbox: Sandbox, line: string): Promise<string[]> {
  return (await sandbox.complete(line, line.length)).candidates;
}

describe("tab completion", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await sandboxWith([
      "kubectl create namespace shop",
      "kubectl create deployment web --image=nginx --replicas=2",
      "kubectl create deployment api --image=nginx -n shop",
      "mkdir manifests; touch manifests/db.yaml pod.yaml 'my file.yaml' .hidden",
    ]);
  });

  it("completes command names from the shell's own table", async () => {
    expect(await candidates(sandbox, "kub")).toEqual(["kubectl"]);
    expect(await candidates(sandbox, "ec")).toEqual(["echo"]);
    expect(await candidates(sandbox, "c")).toEqual(
      expect.arrayContaining(["cat", "cd", "cp", "cut", "clear"]),
    );
  });

  it("completes kubectl verbs and subcommands", async () => {
    expect(await candidates(sandbox, "kubectl desc")).toEqual(["describe"]);
    expect(await candidates(sandbox, "kubectl -n shop ge")).toEqual(["get"]);
    expect(await candidates(sandbox, "kubectl rollout st")).toEqual(["status"]);
  });

  it("completes resource types by plural, singular and short name", async () => {
    expect(await candidates(sandbox, "kubectl get statef")).toEqual(["statefulset", "statefulsets"]);
    expect(await candidates(sandbox, "kubectl get pv")).toEqual(["pv", "pvc"]);
    expect(await candidates(sandbox, "kubectl explain deploy")).toEqual([
      "deploy",
      "deployment",
      "deployments",
    ]);
  });

  it("completes object names from the live cluster, in the namespace the line names", async () => {
    expect(await candidates(sandbox, "kubectl get deployments ")).toEqual(["web"]);
    expect(await candidates(sandbox, "kubectl get deploy -n shop ")).toEqual(["api"]);
    expect(await candidates(sandbox, "kubectl --namespace=shop describe deploy/")).toEqual(["deploy/api"]);
    expect(await candidates(sandbox, "kubectl describe deploy/w")).toEqual(["deploy/web"]);
    const pods = await candidates(sandbox, "kubectl logs web-");
    expect(pods).toHaveLength(2);
    for (const pod of pods) expect(pod).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}$/);
    expect(await candidates(sandbox, "kubectl cordon ")).toEqual(
      expect.arrayContaining(["kind-control-plane"]),
    );
  });

  it("sees objects created after it was first asked", async () => {
    const s = await sandboxWith([]);
    expect(await candidates(s, "kubectl get sts ")).toEqual([]);
    await s.exec("kubectl create deployment late --image=nginx", () => undefined);
    expect(await candidates(s, "kubectl get deploy ")).toEqual(["late"]);
  });

  it("completes namespaces, contexts and flags of the verb", async () => {
    expect(await candidates(sandbox, "kubectl get pods -n s")).toEqual(["shop"]);
    expect(await candidates(sandbox, "kubectl get pods --namespace=kube-s")).toEqual([
      "--namespace=kube-system",
    ]);
    expect(await candidates(sandbox, "kubectl --context ")).toEqual(["kind-kind"]);
    expect(await candidates(sandbox, "kubectl get pods -o j")).toEqual([
      "json",
      "jsonpath",
      "jsonpath-as-json",
      "jsonpath-file",
    ]);
    expect(await candidates(sandbox, "kubectl get pods --output=y")).toEqual(["--output=yaml"]);
    expect(await candidates(sandbox, "kubectl get pods --all-n")).toEqual(["--all-namespaces"]);
    // A flag of another verb is not offered.
    expect(await candidates(sandbox, "kubectl get pods --repl")).toEqual([]);
    expect(await candidates(sandbox, "kubectl scale deploy web --repl")).toEqual(["--replicas"]);
  });

  it("completes workspace files, directories with a slash, special characters escaped", async () => {
    const cat = await sandbox.complete("cat ", 4);
    expect(cat).toEqual({
      replaceFrom: 4,
      candidates: ["manifests/", "my\\ file.yaml", "pod.yaml"],
      filenames: true,
    });
    expect(await candidates(sandbox, "cat .h")).toEqual([".hidden"]);
    expect(await candidates(sandbox, "kubectl apply -f manifests/")).toEqual(["manifests/db.yaml"]);
    expect(await candidates(sandbox, "cd ")).toEqual(["manifests/"]);
    expect(await candidates(sandbox, "echo hi > p")).toEqual(["pod.yaml"]);
    expect(await candidates(sandbox, "cat ~/po")).toEqual(["~/pod.yaml"]);
  });

  it("completes the command after a pipe, watch's options and assignments", async () => {
    expect(await candidates(sandbox, "kubectl get pods | gr")).toEqual(["grep"]);
    expect(await candidates(sandbox, "watch -n 2 kubectl get deploy ")).toEqual(["web"]);
    expect(await candidates(sandbox, "FOO=1 kubectl desc")).toEqual(["describe"]);
  });

  it("completes in the middle of a line up to the cursor", async () => {
    const line = "kubectl desc pods";
    expect(await sandbox.complete(line, 12)).toEqual({
      replaceFrom: 8,
      candidates: ["describe"],
      filenames: false,
    });
  });

  it("offers nothing for quoted, escaped or expanded words rather than something wrong", async () => {
    expect(await candidates(sandbox, "cat 'po")).toEqual([]);
    expect(await candidates(sandbox, "cat $HO")).toEqual([]);
    expect(await candidates(sandbox, "kubectl get pods -- ")).toEqual([]);
  });

  it("inside a pod's shell, completes the pod's commands and files, not the host's", async () => {
    const s = await sandboxWith([
      "kubectl run box --image=busybox:1.36 -- sleep 3600",
      "kubectl wait --for=condition=Ready pod/box",
    ]);
    await s.exec("kubectl exec -it box -- sh", () => undefined);
    expect(s.prompt()).toBe("/ # ");
    expect(await candidates(s, "kub")).toEqual([]);
    expect(await candidates(s, "cat /etc/host")).toEqual(
      expect.arrayContaining(["/etc/hostname", "/etc/hosts"]),
    );
    // No kubectl in the pod: like bash for any unknown command, file names, not the cluster's objects.
    const afterKubectl = await candidates(s, "kubectl get pods ");
    expect(afterKubectl).toContain("etc/");
    expect(afterKubectl).not.toContain("box");
  });
});

describe("tab completion properties", () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await sandboxWith([
      "kubectl create deployment web --image=nginx",
      "mkdir -p a/b; touch a/x.yaml 'sp ace' 'q\"uote'",
    ]);
  });

  const words = fc.constantFrom(
    "kubectl",
    "get",
    "describe",
    "pods",
    "deploy/",
    "sts/",
    "-n",
    "--namespace=",
    "-f",
    "cat",
    "cd",
    "a/",
    "|",
    ">",
    "'",
    '"',
    "\\",
    "$(",
    "--",
    "watch",
    "-o",
    " ",
    "\t",
    "\n",
    "rollout",
    "st",
    "web",
  );
  const lines = fc.oneof(
    fc.string(),
    fc.array(words, { maxLength: 8 }).map((w) => w.join(" ")),
  );

  it("never throws, and every candidate extends the word at the cursor", async () => {
    await fc.assert(
      fc.asyncProperty(lines, fc.nat(), async (line, cursorSeed) => {
        const cursor = cursorSeed % (line.length + 1);
        const { replaceFrom, candidates } = await sandbox.complete(line, cursor);
        expect(replaceFrom).toBeGreaterThanOrEqual(0);
        expect(replaceFrom).toBeLessThanOrEqual(cursor);
        const word = line.slice(replaceFrom, cursor);
        for (const candidate of candidates) {
          expect(candidate.startsWith(word)).toBe(true);
          expect(candidate.length).toBeGreaterThan(0);
        }
        expect([...candidates].sort()).toEqual(candidates);
        expect(new Set(candidates).size).toBe(candidates.length);
      }),
      { numRuns: 400 },
    );
  });

  it("survives any cursor value", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.oneof(fc.integer(), fc.double()), async (line, cursor) => {
        const { replaceFrom } = await sandbox.complete(line, cursor);
        expect(replaceFrom).toBeGreaterThanOrEqual(0);
        expect(replaceFrom).toBeLessThanOrEqual(line.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe("tab completion of containers and what they run", () => {
  const TWO_CONTAINERS = `cat > duo.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: duo
spec:
  initContainers:
  - name: setup
    image: busybox:1.36
    command: ["true"]
  containers:
  - name: web
    image: nginx:1.27
  - name: sidecar
    image: busybox:1.36
    command: ["sleep", "3600"]
EOF
kubectl apply -f duo.yaml
kubectl wait --for=condition=Ready pod/duo`;
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await sandboxWith([TWO_CONTAINERS]);
  });

  it("-c and --container= complete the pod's init containers and containers", async () => {
    expect(await candidates(sandbox, "kubectl exec duo -c ")).toEqual(["setup", "sidecar", "web"]);
    expect(await candidates(sandbox, "kubectl exec -it duo -c s")).toEqual(["setup", "sidecar"]);
    expect(await candidates(sandbox, "kubectl logs pod/duo --container=si")).toEqual(["--container=sidecar"]);
    expect(await candidates(sandbox, "kubectl logs nosuchpod -c ")).toEqual([]);
    expect(await candidates(sandbox, "kubectl exec -c ")).toEqual([]);
  });

  it("after `kubectl exec POD --`, completes the commands of the container exec picks", async () => {
    // nginx is Debian-based: bash is there; BusyBox's sidecar has no bash but its own applets.
    expect(await candidates(sandbox, "kubectl exec -it duo -- ba")).toContain("bash");
    expect(await candidates(sandbox, "kubectl exec -it duo -c sidecar -- ba")).not.toContain("bash");
    expect(await candidates(sandbox, "kubectl exec duo --container=sidecar -- s")).toEqual(
      expect.arrayContaining(["sh", "sleep"]),
    );
    // Only the command word: its arguments are the program's business.
    expect(await candidates(sandbox, "kubectl exec duo -- sh ")).toEqual([]);
    expect(await candidates(sandbox, "kubectl exec nosuchpod -- s")).toEqual([]);
  });

  it("completes the last type of a comma-separated list", async () => {
    expect(await candidates(sandbox, "kubectl get sts,po")).toEqual(["sts,po", "sts,pod", "sts,pods"]);
    expect(await candidates(sandbox, "kubectl get pods,svc,statefulset")).toEqual([
      "pods,svc,statefulset",
      "pods,svc,statefulsets",
    ]);
    // A list names types only: no object names follow it.
    expect(await candidates(sandbox, "kubectl get sts,pods ")).toEqual([]);
  });
});
