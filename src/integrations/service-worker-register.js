/*
 * Registers the site's service worker (see service-worker-runtime.js). The build copies this file
 * to `sw-register.js` beside `sw.js` at the site's root and links it from every page as an external
 * script, which the Content-Security-Policy allows ('self'; an inline script would need a hash).
 *
 * Installing the worker precaches the whole site (8 MiB: Monaco, the engine, every lesson), which
 * keeps both cores of a small laptop busy for about a second. So it waits for the page's load
 * event and an idle moment, so that it never competes with the lesson text; on a page with a
 * sandbox, for the sandbox's cluster to be up (`data-cluster-ready`, the learner's first use) or
 * for a minute without that, so that it never competes with the engine starting; and then for
 * three seconds without a key or a click, so that it does not compete with what the learner just
 * started either (the next command, the editor loading). The worker's URL and scope come from
 * this script's own URL, so the site works at the root of a host or under any sub-path.
 */
(() => {
  if (!("serviceWorker" in navigator) || !document.currentScript) return;
  const worker = new URL("sw.js", document.currentScript.src);
  /** How long a page waits for its sandbox to be used before it fills the offline cache anyway. */
  const SANDBOX_WAIT_MS = 60_000;
  /** How long the learner leaves the page alone (no key, no click) before the cache fills. */
  const QUIET_MS = 3000;

  const register = () => {
    navigator.serviceWorker.register(worker, { scope: new URL("./", worker).pathname }).catch((error) => {
      // Offline support is an extra: the site works without it (file://, private windows…).
      console.warn("Stateful Lab works online only here: the service worker was refused.", error);
    });
  };

  /** Calls `then` once every sandbox of the page has its cluster up, or after SANDBOX_WAIT_MS. */
  const afterSandboxes = (/** @type {() => void} */ then) => {
    const waiting = () => document.querySelector("k8s-sandbox:not([data-cluster-ready])") !== null;
    if (!waiting()) return then();
    const observer = new MutationObserver(() => {
      if (!waiting()) done();
    });
    const timer = setTimeout(() => done(), SANDBOX_WAIT_MS);
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      then();
    };
    observer.observe(document.body, {
      subtree: true,
      attributes: true,
      attributeFilter: ["data-cluster-ready"],
    });
  };

  /**
   * Calls `then` once the learner has left the page alone for QUIET_MS: a click or a key that
   * starts something (a command, the editor loading) has that long to do it undisturbed.
   */
  const afterQuiet = (/** @type {() => void} */ then) => {
    const INPUT = ["keydown", "pointerdown"];
    let timer = setTimeout(() => done(), QUIET_MS);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => done(), QUIET_MS);
    };
    const done = () => {
      for (const type of INPUT) removeEventListener(type, restart, { capture: true });
      then();
    };
    for (const type of INPUT) addEventListener(type, restart, { capture: true, passive: true });
  };

  const whenIdle = () => {
    const next = () => afterSandboxes(() => afterQuiet(register));
    if ("requestIdleCallback" in window) requestIdleCallback(next, { timeout: 5000 });
    else setTimeout(next, 1000);
  };
  if (document.readyState === "complete") whenIdle();
  else addEventListener("load", whenIdle, { once: true });
})();
