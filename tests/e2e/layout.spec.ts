/**
 * Layout as a learner sees it, at the sizes people use (laptop, small laptop, tablet, phone):
 * the sandbox bar wraps whole groups and never overflows, the terminal has no horizontal
 * scrollbar, dialogs fit small screens, the cluster view keeps a dozen pods readable, and a file
 * name's bidi control cannot reorder the editor's Rename label. Geometry, not pixel snapshots.
 */
import { expect, type Locator, type Page, test } from "@playwright/test";

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
];

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

async function open(page: Page, path: string): Promise<Locator> {
  await page.goto(path);
  const sandbox = page.locator("[data-sandbox][data-ready]");
  await sandbox.waitFor();
  return sandbox;
}

/** Every rendered control and group of the bar, and the sandbox's own box. */
async function barGeometry(page: Page) {
  return page.locator("[data-sandbox]").evaluate((sandbox) => {
    const box = (e: Element): Box => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    const bar = sandbox.querySelector(".sandbox-bar")!;
    const style = getComputedStyle(bar);
    const barBox = box(bar);
    const content = {
      ...barBox,
      left: barBox.left + Number.parseFloat(style.paddingLeft) + Number.parseFloat(style.borderLeftWidth),
      right: barBox.right - Number.parseFloat(style.paddingRight) - Number.parseFloat(style.borderRightWidth),
    };
    const shown = (e: Element) => e.getClientRects().length > 0;
    const groups = [...bar.querySelectorAll(".sandbox-views, .sandbox-time, .sandbox-state")].map((g) => ({
      name: g.className,
      controls: [...g.querySelectorAll("button, select")].filter(shown).map(box),
    }));
    const items = [...bar.querySelectorAll("*")]
      .filter(shown)
      .map((e) => ({ name: `${e.tagName} ${e.textContent?.trim() ?? ""}`, ...box(e) }));
    const rows = new Set(
      [...bar.children]
        .filter(shown)
        .flatMap((g) =>
          [...g.querySelectorAll("button, select")].map((c) => Math.round(c.getBoundingClientRect().top)),
        ),
    );
    return { sandbox: box(sandbox), content, groups, items, rows: rows.size };
  });
}

// One page load per page, then each size in turn: the layout is a function of the viewport (the
// bar's container query, xterm refitting its panel), so resizing shows what a load at that size
// shows, without a page load and an engine start per size.
for (const path of ["lessons/statefulsets/", "playground/"]) {
  test(`the sandbox bar lays out whole groups without overflow at every size on /${path}`, async ({
    page,
  }) => {
    await open(page, path);
    // The engine started (the clock shows its time): the bar at its widest status text.
    await page.locator(".xterm").click();
    await expect(page.locator("[data-status]")).toHaveText("Cluster ready");
    await expect(page.locator("[data-clock]")).not.toHaveText("--:--:--");
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const at = `at ${size.width}x${size.height}`;
      // A frame for the container query and xterm's refit to settle.
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
      const g = await barGeometry(page);
      for (const item of g.items) {
        expect(item.left, `${item.name} starts inside the sandbox ${at}`).toBeGreaterThanOrEqual(
          g.sandbox.left - 0.5,
        );
        expect(item.right, `${item.name} ends inside the sandbox ${at}`).toBeLessThanOrEqual(
          g.sandbox.right + 0.5,
        );
      }
      // A group never splits over two rows: its controls share one row.
      for (const group of g.groups) {
        const tops = new Set(group.controls.map((c) => Math.round(c.top)));
        expect(tops.size, `${group.name} on one row ${at}`).toBe(1);
      }
      // At most two rows of controls at any of these sizes, and the last group (Share, Reset) ends
      // the bar's last row flush with its end, as the panels end the first when the tools wrap
      // below them: aligned, not ragged.
      expect(g.rows, `rows ${at}`).toBeLessThanOrEqual(2);
      const state = g.groups.find((group) => group.name.includes("sandbox-state"))!.controls;
      const views = g.groups.find((group) => group.name.includes("sandbox-views"))!.controls;
      expect(Math.abs(state.at(-1)!.right - g.content.right), `Share/Reset flush ${at}`).toBeLessThanOrEqual(
        1,
      );
      if (Math.round(views.at(-1)!.top) !== Math.round(state.at(-1)!.top)) {
        expect(Math.abs(views.at(-1)!.right - g.content.right), `panels flush ${at}`).toBeLessThanOrEqual(1);
      }
      // Every control of the bar is as tall as the others (the icon button, the select).
      const heights = new Set(
        g.groups.flatMap((group) => group.controls.map((c) => Math.round(c.bottom - c.top))),
      );
      expect(heights.size, `control heights ${at}`).toBe(1);
    }
  });
}

test("the terminal has no horizontal scrollbar and no cut column at any size", async ({ page }) => {
  await open(page, "lessons/statefulsets/");
  await page.locator(".xterm").click();
  await page.keyboard.type("kubectl get pods -A -o wide\n");
  await expect(page.locator(".xterm-rows")).toContainText("kube-system");
  const fit = () =>
    page.locator("[data-terminal]").evaluate((host) => {
      const viewport = host.querySelector(".xterm-viewport")!;
      const screen = host.querySelector(".xterm-screen")!.getBoundingClientRect();
      return {
        panelScrolls: host.scrollWidth > host.clientWidth,
        xtermScrolls: viewport.scrollWidth > viewport.clientWidth,
        screenInside: screen.right <= host.getBoundingClientRect().right + 0.5,
      };
    });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    // xterm refits on its panel's resize and redraws on the next frame.
    await expect
      .poll(fit, { message: `at ${size.width}x${size.height}` })
      .toEqual({ panelScrolls: false, xtermScrolls: false, screenInside: true });
  }
});

for (const size of [
  { width: 390, height: 844 },
  { width: 844, height: 390 },
]) {
  test(`the Share and Reset dialogs fit a ${size.width}x${size.height} screen`, async ({ page }) => {
    await page.setViewportSize(size);
    await open(page, "playground/");
    await page.locator(".xterm").click();
    await expect(page.locator("[data-share-open]")).toBeEnabled();
    for (const [opener, dialog] of [
      ["[data-share-open]", "[data-share-dialog]"],
      ["[data-reset-open]", "[data-reset-dialog]"],
    ] as const) {
      await page.locator(opener).click();
      const box = await page.locator(dialog).evaluate((d) => {
        const r = d.getBoundingClientRect();
        const controls = [...d.querySelectorAll("button, input:not([hidden])")].map((c) =>
          c.getBoundingClientRect(),
        );
        return {
          left: r.left,
          right: r.right,
          top: r.top,
          bottom: r.bottom,
          scrolls: d.scrollWidth > d.clientWidth,
          controlsInside: controls.every((c) => c.left >= r.left && c.right <= r.right),
        };
      });
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(size.width);
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.bottom).toBeLessThanOrEqual(size.height);
      expect(box.scrolls, "no sideways scrolling inside the dialog").toBe(false);
      expect(box.controlsInside).toBe(true);
      await page.keyboard.press("Escape");
      await expect(page.locator(dialog)).not.toBeVisible();
    }
  });
}

test("a dozen pods stay readable in the cluster view on a phone: even columns, nothing cut", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, "playground/");
  await page.locator("select[data-speed]").selectOption("10");
  await page.locator(".xterm").click();
  await page.keyboard.type(
    "kubectl create deployment web --image=registry.k8s.io/nginx-slim:0.27 --replicas=12\n",
  );
  await page.locator("[data-cluster-toggle]").click();
  const cards = page.locator("[data-cluster] .cv-card-button");
  await expect(cards).toHaveCount(12, { timeout: 30_000 });
  const layout = await page.locator("[data-cluster]").evaluate((panel) => {
    const lane = panel.querySelector(".cv-lane")!.getBoundingClientRect();
    const buttons = [...panel.querySelectorAll<HTMLElement>(".cv-card-button")];
    return {
      panelScrollsSideways: panel.scrollWidth > panel.clientWidth,
      inLane: buttons.every((b) => {
        const r = b.getBoundingClientRect();
        return r.left >= lane.left && r.right <= lane.right;
      }),
      textFits: buttons.every((b) => [...b.children].every((c) => c.scrollWidth <= c.clientWidth + 1)),
      perRow: buttons.filter((b) => b.getBoundingClientRect().top === buttons[0]!.getBoundingClientRect().top)
        .length,
      widths: new Set(buttons.map((b) => Math.round(b.getBoundingClientRect().width))).size,
    };
  });
  expect(layout.panelScrollsSideways).toBe(false);
  expect(layout.inLane).toBe(true);
  expect(layout.textFits).toBe(true);
  expect(layout.perRow).toBeGreaterThanOrEqual(2);
  expect(layout.widths, "cards in even columns").toBe(1);
});

test("a bidi control in a file name cannot reorder the editor's Rename label", async ({ page }) => {
  await open(page, "playground/");
  await page.locator("[data-editor-toggle]").click();
  await page.getByRole("button", { name: "New file" }).click();
  const newName = page.getByRole("textbox", { name: "New file name" });
  await newName.fill("");
  // U+202E (right-to-left override) inside the name, as a share link or the shell could bring it.
  const name = "x\u202Elmay.yaml";
  await newName.focus();
  await page.keyboard.insertText(name);
  await page.keyboard.press("Enter");
  await expect(page.locator(".sandbox-editor-tab[aria-selected=true]")).toHaveText(name);
  await page.getByRole("button", { name: "Rename file" }).click();
  const label = page.locator(".sandbox-editor-ask label");
  await expect(label).toHaveText(`Rename ${name} to`);
  const order = await label.evaluate((element) => {
    const rectOf = (node: Node) => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return range.getBoundingClientRect();
    };
    const [before, quoted, after] = [...element.childNodes];
    return {
      isolated: quoted instanceof HTMLElement && quoted.localName === "bdi",
      rename: rectOf(before!).right,
      nameLeft: rectOf(quoted!).left,
      nameRight: rectOf(quoted!).right,
      to: rectOf(after!).left,
    };
  });
  expect(order.isolated).toBe(true);
  // "Rename", then the name, then "to", left to right: the override stays inside the name.
  expect(order.rename).toBeLessThanOrEqual(order.nameLeft + 0.5);
  expect(order.nameRight).toBeLessThanOrEqual(order.to + 0.5);
  await page.keyboard.press("Escape");
  // The browser's own Delete confirmation quotes it between FSI and PDI, plain text's isolation.
  const message = new Promise<string>((resolve) =>
    page.once("dialog", (dialog) => {
      resolve(dialog.message());
      void dialog.dismiss();
    }),
  );
  await page.getByRole("button", { name: "Delete file" }).click();
  expect(await message).toBe(`Delete \u2068${name}\u2069? It is removed from the workspace, as rm would.`);
});
