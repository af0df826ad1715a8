import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/** What part of the page axe looks at, and which of its rules run (all of them unless given). */
export interface AxeScope {
  include?: string;
  exclude?: string;
  rules?: string[];
}

/**
 * axe's serious and critical findings on `page`, one line each (rule, help, the elements), the way
 * every spec counts them.
 *
 * Run the way that is cheap on two shared cores, with the same violations found: axe's legacy mode
 * runs in the page itself (it gives up only cross-origin iframes, which the site has none of)
 * instead of serialising every node's result over to a blank page of its own, and
 * `resultTypes: ["violations"]` keeps one example node of each passing rule rather than building a
 * selector for every node that passed. On a long lesson that is 3 to 4 times faster.
 */
export async function seriousViolations(page: Page, scope: AxeScope = {}): Promise<string[]> {
  // options() replaces the run options, so it comes before withRules(), which adds to them.
  let axe = new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ["violations"] });
  if (scope.include) axe = axe.include(scope.include);
  if (scope.exclude) axe = axe.exclude(scope.exclude);
  if (scope.rules) axe = axe.withRules(scope.rules);
  const results = await axe.analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}
