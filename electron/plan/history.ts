// One host's applied changes, as the editor's undo/redo stacks: applying a new change forgets
// what was undone; undo moves the last applied change to the undone stack, redo moves it back.
// With a store (history-store.ts) the stacks are kept on disk, so undo works after a restart;
// entries read back from disk are marked restored, and are planned afresh before they run
// (restored.ts), never replayed as they were stored.
import type { HistoryEntry, PlanHistory } from '../../shared/api/plan.ts';

/** Enough for a working session; older changes drop off the bottom of the undo stack. */
const LIMIT = 200;

export interface ChangeHistoryOptions {
  /** entries from an earlier run, oldest first */
  restored?: PlanHistory;
  /** called with the stacks after every change to them */
  onChange?: (history: PlanHistory) => void;
}

export class ChangeHistory {
  readonly #applied: HistoryEntry[];
  readonly #undone: HistoryEntry[];
  readonly #restored: Set<string>;
  readonly #onChange: ((history: PlanHistory) => void) | undefined;

  constructor({ restored, onChange }: ChangeHistoryOptions = {}) {
    this.#applied = [...(restored?.applied ?? [])].slice(-LIMIT);
    this.#undone = [...(restored?.undone ?? [])].slice(-LIMIT);
    this.#restored = new Set([...this.#applied, ...this.#undone].map((e) => e.changeId));
    this.#onChange = onChange;
  }

  /** The entry was read back from an earlier run: its steps must be planned afresh before they run. */
  isRestored(changeId: string): boolean {
    return this.#restored.has(changeId);
  }

  lastApplied(): HistoryEntry | undefined {
    return this.#applied.at(-1);
  }

  lastUndone(): HistoryEntry | undefined {
    return this.#undone.at(-1);
  }

  recordChange(entry: HistoryEntry): void {
    this.#applied.push(entry);
    if (this.#applied.length > LIMIT) this.#applied.shift();
    for (const forgotten of this.#undone) this.#restored.delete(forgotten.changeId);
    this.#undone.length = 0;
    this.#changed();
  }

  /** The change was undone (by undo or by rolling back its report): redo can bring it back. */
  markUndone(changeId: string): void {
    const index = this.#applied.findIndex((e) => e.changeId === changeId);
    if (index < 0) return;
    const [entry] = this.#applied.splice(index, 1);
    this.#undone.push(entry!);
    this.#changed();
  }

  markRedone(changeId: string): void {
    const index = this.#undone.findIndex((e) => e.changeId === changeId);
    if (index < 0) return;
    const [entry] = this.#undone.splice(index, 1);
    this.#applied.push(entry!);
    this.#changed();
  }

  snapshot(): PlanHistory {
    return { applied: [...this.#applied], undone: [...this.#undone] };
  }

  #changed(): void {
    this.#onChange?.(this.snapshot());
  }
}
