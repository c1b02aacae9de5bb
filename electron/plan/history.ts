// One host's applied changes, as the editor's undo/redo stacks: applying a new change forgets
// what was undone; undo moves the last applied change to the undone stack, redo moves it back.
import type { HistoryEntry, PlanHistory } from '../../shared/api/plan.ts';

/** Enough for a working session; older changes drop off the bottom of the undo stack. */
const LIMIT = 200;

export class ChangeHistory {
  readonly #applied: HistoryEntry[] = [];
  readonly #undone: HistoryEntry[] = [];

  lastApplied(): HistoryEntry | undefined {
    return this.#applied.at(-1);
  }

  lastUndone(): HistoryEntry | undefined {
    return this.#undone.at(-1);
  }

  recordChange(entry: HistoryEntry): void {
    this.#applied.push(entry);
    if (this.#applied.length > LIMIT) this.#applied.shift();
    this.#undone.length = 0;
  }

  /** The change was undone (by undo or by rolling back its report): redo can bring it back. */
  markUndone(changeId: string): void {
    const index = this.#applied.findIndex((e) => e.changeId === changeId);
    if (index < 0) return;
    const [entry] = this.#applied.splice(index, 1);
    this.#undone.push(entry!);
  }

  markRedone(changeId: string): void {
    const index = this.#undone.findIndex((e) => e.changeId === changeId);
    if (index < 0) return;
    const [entry] = this.#undone.splice(index, 1);
    this.#applied.push(entry!);
  }

  snapshot(): PlanHistory {
    return { applied: [...this.#applied], undone: [...this.#undone] };
  }
}
