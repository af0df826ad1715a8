/**
 * Vitest setup: kubectl's verbs and its YAML parser load on first use (so that the browser's
 * engine worker starts small); tests load them all up front so that a command starts within the
 * tick it is called in, as tests that write while a watch runs expect.
 */
import { loadAllVerbs } from "../../sandbox/engine/kubectl/kubectl.ts";

await loadAllVerbs();
