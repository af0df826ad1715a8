/**
 * Vitest setup: kubectl's verbs, its YAML parser and the host shell's tools load on first use (so
 * that the browser's engine worker starts small); tests load them all up front so that a command
 * starts within the tick it is called in, as tests that write while a watch runs expect.
 */
import { loadAllVerbs } from "../../sandbox/engine/kubectl/kubectl.ts";
import { loadHostTools } from "../../sandbox/engine/shell/host.ts";

await Promise.all([loadAllVerbs(), loadHostTools()]);
