import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

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

  const serious = (await new AxeBuilder({ page }).include("[data-cluster]").analyze()).violations.filter(
    (v) => v.impact === "serious" || v.impact === "critical",
  );
  expect(serious.map((v) => v.id)).toEqual([]);

  // A card is a button: it describes the pod in the terminal.
  await view.getByRole("button", { name: /web-1/ }).click();
  await expect(page.locator(".xterm-rows")).toContainText(
    "Successfully assigned default/web-1 to kind-control-plane",
    {
      timeout: 10_000,
    },
  );
});
