// Each host's change history on disk, so undo and redo outlive a restart: one JSON file per host
// profile under history/ in the app's data folder, written atomically after every change to the
// stacks, bounded (the newest changes are kept). A file that does not read is kept aside as
// .bad and the host starts with no history; nothing from it is ever run as it stands, since
// restored entries are planned afresh against the host (restored.ts).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { PlanHistory } from '../../shared/api/plan.ts';
import { writeFileAtomic } from '../services/atomic-write.ts';
import { ChangeHistory } from './history.ts';

export const HISTORY_DIR = 'history';
/** Changes kept on disk per stack and host: the newest ones. */
export const KEPT_ON_DISK = 50;
/** A host's history file is kept under this size, dropping its oldest changes first. */
export const MAX_HISTORY_BYTES = 2 * 1024 * 1024;

const action = z.looseObject({ op: z.looseObject({ op: z.string() }), argv: z.array(z.string()), description: z.string() });
const step = action.extend({ inverse: action.nullable(), irreversibleReason: z.string().optional() });
const entry = z.object({
  changeId: z.string().min(1).max(100),
  appliedAt: z.string(),
  reportId: z.string(),
  plan: z.looseObject({
    intent: z.looseObject({ kind: z.string() }),
    steps: z.array(step).min(1),
    affects: z.looseObject({ vms: z.array(z.string()), summary: z.array(z.string()) }),
    destructive: z.boolean(),
    warnings: z.array(z.string()),
  }),
});
const fileSchema = z.object({ version: z.literal(1), profileId: z.string(), applied: z.array(entry), undone: z.array(entry) });

/** The newest changes that fit the bounds. */
export function bounded(history: PlanHistory): PlanHistory {
  const kept = { applied: history.applied.slice(-KEPT_ON_DISK), undone: history.undone.slice(-KEPT_ON_DISK) };
  while (JSON.stringify(kept).length > MAX_HISTORY_BYTES && kept.applied.length + kept.undone.length > 0) {
    // the oldest applied change goes first; the undone ones are newer than all of them
    if (kept.applied.length > 0) kept.applied.shift();
    else kept.undone.shift();
  }
  return kept;
}

export interface HistoryFilesOptions {
  /** told when a host's file did not read and was set aside */
  onProblem?: (message: string) => void;
}

export class HistoryFiles {
  readonly #dir: string;
  readonly #onProblem: (message: string) => void;
  readonly #queues = new Map<string, Promise<unknown>>();

  constructor(configDir: string, { onProblem = (m) => console.error(`VirtWire: ${m}`) }: HistoryFilesOptions = {}) {
    this.#dir = join(configDir, HISTORY_DIR);
    this.#onProblem = onProblem;
  }

  /** The file of one host profile; named by a hash so any profile id makes a safe file name. */
  pathOf(profileId: string): string {
    return join(this.#dir, `${createHash('sha256').update(profileId).digest('hex').slice(0, 32)}.json`);
  }

  /** The host's history as last written, with every change to it written back. */
  open(profileId: string): ChangeHistory {
    return new ChangeHistory({ restored: this.read(profileId), onChange: (history) => void this.write(profileId, history) });
  }

  /** Read once per host and run, when the history is first needed; small and bounded, so read whole. */
  read(profileId: string): PlanHistory {
    const path = this.pathOf(profileId);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      return { applied: [], undone: [] };
    }
    try {
      const file = fileSchema.parse(JSON.parse(text));
      if (file.profileId !== profileId) throw new Error(`it belongs to another host profile (${file.profileId})`);
      return bounded({ applied: file.applied, undone: file.undone } as unknown as PlanHistory);
    } catch (e) {
      let kept = `it was kept as ${path}.bad`;
      try {
        renameSync(path, `${path}.bad`);
      } catch (moveError) {
        kept = `it could not be moved aside (${moveError instanceof Error ? moveError.message : String(moveError)})`;
      }
      const issues = (e as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
      const why = issues ? issues.slice(0, 3).map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ') : e instanceof Error ? e.message : String(e);
      this.#onProblem(`The change history of host profile ${profileId} could not be read (${why}); the host starts with no undo history, and ${kept}.`);
      return { applied: [], undone: [] };
    }
  }

  /** Writes one host's history; writes of one host happen in order, the last one wins. */
  write(profileId: string, history: PlanHistory): Promise<void> {
    const text = `${JSON.stringify({ version: 1, profileId, ...bounded(history) })}\n`;
    const before = this.#queues.get(profileId) ?? Promise.resolve();
    const next = before.then(async () => {
      mkdirSync(this.#dir, { recursive: true });
      await writeFileAtomic(this.pathOf(profileId), text);
    });
    const settled = next.catch((e: unknown) => this.#onProblem(`The change history could not be saved: ${e instanceof Error ? e.message : String(e)}`));
    this.#queues.set(profileId, settled);
    return settled;
  }

  /** Resolves when every write started so far has landed (tests, and a clean exit). */
  async flushed(): Promise<void> {
    await Promise.all(this.#queues.values());
  }
}
