/**
 * Stands in for Monaco's diff editor and multi-diff editor widgets (astro.config.mjs aliases them
 * here). `editor.api` links them in for `createDiffEditor`, which the sandbox's editor never calls:
 * leaving them out takes their code and CSS off the editor's load. Constructing one says why.
 */
class LeftOut {
  constructor() {
    throw new Error("Monaco's diff editors are not part of this editor");
  }
}

export class DiffEditorWidget extends LeftOut {}
export class MultiDiffEditorWidget extends LeftOut {}
export function toLineChanges(): never {
  throw new Error("Monaco's diff editors are not part of this editor");
}
