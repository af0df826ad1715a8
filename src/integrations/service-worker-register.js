/*
 * Registers the site's service worker (see service-worker-runtime.js). The build copies this file
 * to `sw-register.js` beside `sw.js` at the site's root and links it from every page as an external
 * script, which the Content-Security-Policy allows ('self'; an inline script would need a hash).
 *
 * It waits for the page's load event and then for an idle moment, so precaching the site never
 * competes with the lesson text or the sandbox starting. The worker's URL and scope come from this
 * script's own URL, so the site works at the root of a host or under any sub-path.
 */
(() => {
  if (!("serviceWorker" in navigator) || !document.currentScript) return;
  const worker = new URL("sw.js", document.currentScript.src);
  const register = () => {
    navigator.serviceWorker.register(worker, { scope: new URL("./", worker).pathname }).catch((error) => {
      // Offline support is an extra: the site works without it (file://, private windows…).
      console.warn("Stateful Lab works online only here: the service worker was refused.", error);
    });
  };
  const whenIdle = () =>
    "requestIdleCallback" in window
      ? requestIdleCallback(register, { timeout: 5000 })
      : setTimeout(register, 1000);
  if (document.readyState === "complete") whenIdle();
  else addEventListener("load", whenIdle, { once: true });
})();
