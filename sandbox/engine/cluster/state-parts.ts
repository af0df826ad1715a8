/**
 * State kept outside the object store (volume data, container filesystems, kubelet runtime
 * state…) joins cluster snapshots through this registry:
 * `cluster.stateParts.register("volume-data", { save: () => data, restore: (data) => … })`.
 * `save` must return JSON-serialisable data that shares nothing with live state; `restore`
 * receives that data back on a fresh cluster (a private copy it may keep), and must check its
 * shape, since snapshots come from outside, throwing on anything it cannot use.
 */
export interface StatePart {
  save(): unknown;
  restore(data: unknown): void;
}

export class StateParts {
  readonly #parts = new Map<string, StatePart>();

  register(name: string, part: StatePart): void {
    if (this.#parts.has(name)) throw new Error(`state part "${name}" is already registered`);
    this.#parts.set(name, part);
  }

  names(): string[] {
    return [...this.#parts.keys()].sort();
  }

  save(): Record<string, unknown> {
    return Object.fromEntries(this.names().map((name) => [name, this.#parts.get(name)!.save()]));
  }

  /** Restores every registered part that the snapshot has data for. */
  restore(data: Record<string, unknown>): void {
    for (const name of this.names()) if (name in data) this.#parts.get(name)!.restore(data[name]);
  }
}
