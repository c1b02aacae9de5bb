// Questions a connection asks the user, sent to the UI as hosts.onDidPrompt events and
// answered through hosts.answerPrompt. A question left open blocks only its own connection.
import { randomUUID } from 'node:crypto';
import type { HostPrompt, PromptAnswer } from '../../shared/api/hosts.ts';
import { ApiError } from '../../shared/errors.ts';

type Question = HostPrompt extends infer P ? (P extends HostPrompt ? Omit<P, 'promptId' | 'hostId'> : never) : never;

const ANSWER_KIND: Record<HostPrompt['kind'], PromptAnswer['kind']> = {
  hostkey: 'hostkey',
  passphrase: 'secret',
  password: 'secret',
  'keyboard-interactive': 'keyboard-interactive',
};

/** What a cancelled or abandoned question means: refuse the key, give no secret. */
const REFUSAL: Record<PromptAnswer['kind'], PromptAnswer> = {
  hostkey: { kind: 'hostkey', accept: false },
  secret: { kind: 'secret', value: null },
  'keyboard-interactive': { kind: 'keyboard-interactive', answers: null },
};

interface Pending {
  hostId: string;
  kind: PromptAnswer['kind'];
  resolve(answer: PromptAnswer): void;
}

export class PromptBroker {
  readonly #pending = new Map<string, Pending>();
  readonly #send: (prompt: HostPrompt) => void;

  constructor(send: (prompt: HostPrompt) => void) {
    this.#send = send;
  }

  ask(hostId: string, question: Question): Promise<PromptAnswer> {
    const promptId = randomUUID();
    const kind = ANSWER_KIND[question.kind];
    return new Promise((resolve) => {
      this.#pending.set(promptId, { hostId, kind, resolve });
      this.#send({ ...question, promptId, hostId } as HostPrompt);
    });
  }

  answer(promptId: string, answer: PromptAnswer): void {
    const pending = this.#pending.get(promptId);
    if (!pending) throw new ApiError('not-found', 'That question was already answered or is no longer open.');
    if (pending.kind !== answer.kind) throw new ApiError('invalid-input', `This question needs a ${pending.kind} answer.`);
    this.#pending.delete(promptId);
    pending.resolve(answer);
  }

  /** Refuses every open question of a host, e.g. when the user disconnects it. */
  cancel(hostId: string): void {
    for (const [id, pending] of this.#pending) {
      if (pending.hostId !== hostId) continue;
      this.#pending.delete(id);
      pending.resolve(REFUSAL[pending.kind]);
    }
  }
}
