// @ts-check
/**
 * `import schema from "virtual:k8s-schema"`: the editor's Kubernetes JSON schema, generated from
 * kubernetes-types when the site is built (scripts/k8s-schema/generate.ts) and bundled into the
 * editor's YAML worker (sandbox/ui/editor/yaml.worker.ts; astro.config.mjs gives worker builds
 * this plugin), so it is never fetched at run time and never loads with the page.
 */
const ID = "virtual:k8s-schema";
const RESOLVED = `\0${ID}`;

/** @returns {import("vite").Plugin} */
export function kubernetesSchema() {
  /** @type {Promise<string> | undefined} */
  let code;
  return {
    name: "stateful-lab:k8s-schema",
    resolveId(source) {
      return source === ID ? RESOLVED : null;
    },
    load(id) {
      if (id !== RESOLVED) return null;
      // Generated once per build or dev server (about 2 s of type analysis).
      code ??= import("../../scripts/k8s-schema/generate.ts").then(
        // A JSON string parses faster than the same data as a JavaScript object literal.
        ({ generateKubernetesSchema }) =>
          `export default JSON.parse(${JSON.stringify(JSON.stringify(generateKubernetesSchema()))});`,
      );
      return code;
    },
  };
}
