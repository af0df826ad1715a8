/**
 * Pause / play, speed and "step to next event" for a sandbox's simulated clock, and the clock
 * itself. The worker owns time; this only asks it and shows what it says.
 */
import type { ClockStatus } from "../protocol.ts";
import type { SandboxClient } from "./sandbox-client.ts";

const REFRESH_MS = 250;
// Icons as SVG: the ⏸/▶ glyphs are missing from many system fonts.
const PAUSE_ICON =
  '<svg aria-hidden="true" width="12" height="12" viewBox="0 0 12 12"><rect x="2" y="1" width="3" height="10" fill="currentColor"/><rect x="7" y="1" width="3" height="10" fill="currentColor"/></svg>';
const PLAY_ICON =
  '<svg aria-hidden="true" width="12" height="12" viewBox="0 0 12 12"><path d="M2 1l9 5-9 5z" fill="currentColor"/></svg>';

export function bindTimeControls(root: HTMLElement, client: SandboxClient): void {
  const clock = root.querySelector<HTMLTimeElement>("[data-clock]");
  const toggle = root.querySelector<HTMLButtonElement>("[data-time-toggle]");
  const speed = root.querySelector<HTMLSelectElement>("[data-speed]");
  const step = root.querySelector<HTMLButtonElement>("[data-step]");
  if (!clock || !toggle || !speed || !step) return;
  let chosenSpeed = Number(speed.value) || 1;
  let shownPaused = false;

  const show = (status: ClockStatus) => {
    const when = new Date(status.now);
    clock.dateTime = when.toISOString();
    clock.textContent = when.toISOString().slice(11, 19);
    step.disabled = status.nextEventAt === undefined;
    const paused = status.speed === 0;
    // The toggle changes only when the state does: replacing its icon on every refresh (four a
    // second) lost a click whose press and release fell on either side of it.
    if (paused === shownPaused) return;
    shownPaused = paused;
    toggle.setAttribute("aria-pressed", String(paused));
    toggle.setAttribute("aria-label", paused ? "Resume time" : "Pause time");
    toggle.innerHTML = paused ? PLAY_ICON : PAUSE_ICON;
    root.toggleAttribute("data-paused", paused);
  };

  toggle.addEventListener("click", async () => {
    const paused = toggle.getAttribute("aria-pressed") === "true";
    show(await client.setSpeed(paused ? chosenSpeed : 0));
  });
  speed.addEventListener("change", async () => {
    chosenSpeed = Number(speed.value);
    const paused = toggle.getAttribute("aria-pressed") === "true";
    if (!paused) show(await client.setSpeed(chosenSpeed));
  });
  step.addEventListener("click", async () => show(await client.stepToNextEvent()));

  const refresh = async () => {
    // A worker being restarted (Reset, a hang) rejects the call; the next refresh asks the new one.
    await client.clock().then(show, () => undefined);
    setTimeout(refresh, REFRESH_MS);
  };
  // The clock is the engine's: it shows once the engine has started (on first use). A speed
  // chosen before these controls were bound (the early terminal takes keys before) holds.
  const chosenEarly = speed.selectedOptions[0]?.defaultSelected === false;
  void client.started.then(async () => {
    if (chosenEarly) await client.setSpeed(chosenSpeed).catch(() => undefined);
    await refresh();
  });
}
