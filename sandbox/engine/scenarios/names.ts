/** The named starting states a lesson may ask for. The site's lesson schema validates against this list. */
export const SCENARIO_NAMES = ["default"] as const;

export type ScenarioName = (typeof SCENARIO_NAMES)[number];
