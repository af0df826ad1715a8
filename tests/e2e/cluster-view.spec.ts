import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe.ts";

const STATEFULSET = `cat > web.yaml <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
  - port: 80
    name: web
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  selector:
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
EOF
kubectl apply -f web.yaml`;

const CLAIMED_POD = `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  containers:
  - name: db
    image: busybox:1.36
    command: [sleep, "3600"]
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: data
EOF`;

test("the cluster view shows a new StatefulSet's pods in order, with the headless Service's DNS names", async ({
  page,
}, testInfo) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  const toggle = page.getByRole("button", { name: "Cluster" });
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const view = page.getByRole("region", { name: "Cluster view" });
  await expect(view).toContainText("kind-control-plane");
  await expect(view).toContainText("No pods in your namespaces yet");

  await page.getByRole("combobox", { name: "Speed" }).selectOption("10");
  await page.evaluate(
    (text) => document.querySelector<HTMLElement & { run(t: string): void }>("k8s-sandbox")!.run(text),
    STATEFULSET,
  );
  const cards = view.locator(".cv-card .cv-pod-name");
  await expect(cards).toHaveText(["web-0", "web-1"], { timeout: 20_000 });
  await expect(view.locator(".cv-card.is-ready")).toHaveCount(2, { timeout: 20_000 });
  await expect(view).toContainText("StatefulSet web · 2/2 ready");
  await expect(view).toContainText("nginx · headless");
  await expect(view).toContainText("web-0.nginx");
  await page.screenshot({ path: testInfo.outputPath("cluster-view.png") });

  expect(await seriousViolations(page, { include: "[data-cluster]" })).toEqual([]);

  // A card is a button: it describes the pod in the terminal.
  await view.getByRole("button", { name: /web-1/ }).click();
  await expect(page.locator(".xterm-rows")).toContainText(
    "Successfully assigned default/web-1 to kind-control-plane",
    {
      timeout: 10_000,
    },
  );

  // A claim shows on the card of the pod that mounts it and, in Storage, with its volume.
  await page.evaluate(
    (text) => document.querySelector<HTMLElement & { run(t: string): void }>("k8s-sandbox")!.run(text),
    CLAIMED_POD,
  );
  await expect(view.locator(".cv-card", { hasText: "db" })).toContainText("disk: data", { timeout: 20_000 });
  const claim = view.locator(".cv-claim", { hasText: "data" });
  await expect(claim).toContainText(/^claim data · Bound → volume pvc-[0-9a-f-]+ \(Delete\)$/, {
    timeout: 20_000,
  });
  await claim.getByRole("button", { name: "data" }).click();
  await expect(page.locator(".xterm-rows")).toContainText(
    'External provisioner is provisioning volume for claim "default/data"',
  );
});

test("a terminating pod pulses unless reduced motion is asked for; a re-created pod on another node says where it came from; names describe", async ({
  page,
}) => {
  // Lesson 8's cluster has three workers, so a pod has somewhere else to go.
  await page.goto("lessons/when-things-fail/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await page.getByRole("combobox", { name: "Speed" }).selectOption("10");
  await page.getByRole("button", { name: "Cluster" }).click();
  const view = page.getByRole("region", { name: "Cluster view" });
  const run = (text: string) =>
    page.evaluate(
      (t) => document.querySelector<HTMLElement & { run(t: string): void }>("k8s-sandbox")!.run(t),
      text,
    );
  await run(STATEFULSET);
  await expect(view.locator(".cv-card.is-ready")).toHaveCount(2, { timeout: 30_000 });
  const laneOf = (pod: string) =>
    view
      .locator(".cv-lane", { has: page.locator(".cv-pod-name", { hasText: new RegExp(`^${pod}$`) }) })
      .locator("h4 .cv-object");
  const firstNode = (await laneOf("web-0").textContent())!;
  expect(firstNode).toMatch(/^kind-worker\d?$/);

  // Paused, a deleted pod stays Terminating: its card pulses, or keeps still for reduced motion.
  await page.getByRole("button", { name: "Pause time" }).click();
  await run(`kubectl cordon ${firstNode}\nkubectl delete pod web-0 --wait=false`);
  const leaving = view.locator(".cv-card.is-terminating .cv-card-button");
  await expect(leaving).toContainText("Terminating", { timeout: 10_000 });
  const animation = () => leaving.evaluate((el) => getComputedStyle(el).animationName);
  expect(await animation()).toBe("cv-leave");
  await page.emulateMedia({ reducedMotion: "reduce" });
  expect(await animation()).toBe("none");
  await page.emulateMedia({ reducedMotion: "no-preference" });

  // The StatefulSet makes web-0 again, elsewhere: the card says where it was.
  await page.getByRole("button", { name: "Resume time" }).click();
  const moved = view.locator(".cv-card.is-moved", { hasText: "web-0" });
  await expect(moved).toContainText(`rescheduled from ${firstNode}`, { timeout: 30_000 });
  expect(await laneOf("web-0").textContent()).not.toBe(firstNode);

  // A node's name, like every object's, describes it in the terminal.
  await view.getByRole("button", { name: firstNode, exact: true }).click();
  await expect(page.locator(".xterm-rows")).toContainText("Allocated resources:");
  await view.getByRole("button", { name: "StatefulSet web" }).first().click();
  await expect(page.locator(".xterm-rows")).toContainText("create Pod web-0 in StatefulSet web successful");
});

test("while the cluster changes, the focused object keeps focus and a slow press on a card still describes it", async ({
  page,
}) => {
  await page.goto("playground/");
  await page.locator("[data-sandbox][data-ready]").waitFor();
  await page.getByRole("button", { name: "Cluster" }).click();
  const view = page.getByRole("region", { name: "Cluster view" });
  await expect(view).toContainText("No pods in your namespaces yet");
  await page.getByRole("combobox", { name: "Speed" }).selectOption("10");
  const run = (text: string) =>
    page.evaluate(
      (t) => document.querySelector<HTMLElement & { run(t: string): void }>("k8s-sandbox")!.run(t),
      text,
    );
  await run(STATEFULSET);

  // Focus on web-0's card while its pods start: every new picture redraws the view.
  const web0 = view.getByRole("button", { name: /^web-0/ });
  await web0.focus();
  await expect(view).toContainText("StatefulSet web · 2/2 ready", { timeout: 20_000 });
  expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.command)).toBe(
    "kubectl describe pod web-0",
  );

  // A press held while a change redraws the view still counts: the view waits for the release.
  const box = (await view.getByRole("button", { name: /^web-1/ }).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await run("kubectl label pod web-0 pressed=yes");
  await page.waitForTimeout(600);
  await page.mouse.up();
  await expect(page.locator(".xterm-rows")).toContainText(
    "Successfully assigned default/web-1 to kind-control-plane",
    {
      timeout: 10_000,
    },
  );
});
