// Questions the backend asks while connecting (a new host key, a passphrase, a password,
// keyboard-interactive prompts), one at a time in the order they came.
import type { HostPrompt, PromptAnswer } from '../../shared/api/index.ts';
import { type ApiErrorData, ApiError } from '../../shared/errors.ts';
import { getApi } from '../transport/index.ts';

/** The answer that declines a question of this kind. */
export function cancelAnswer(prompt: HostPrompt): PromptAnswer {
  switch (prompt.kind) {
    case 'hostkey':
      return { kind: 'hostkey', accept: false };
    case 'keyboard-interactive':
      return { kind: 'keyboard-interactive', answers: null };
    default:
      return { kind: 'secret', value: null };
  }
}

export class PromptsState {
  queue = $state.raw<HostPrompt[]>([]);
  error = $state.raw<ApiErrorData | null>(null);

  readonly current = $derived(this.queue[0] ?? null);

  start(): () => void {
    return getApi().on('hosts.onDidPrompt', (prompt) => {
      this.queue = [...this.queue, prompt];
    });
  }

  async answer(answer: PromptAnswer): Promise<void> {
    const prompt = this.current;
    if (!prompt) return;
    this.queue = this.queue.slice(1);
    try {
      await getApi().hosts.answerPrompt({ promptId: prompt.promptId, answer });
      this.error = null;
    } catch (e) {
      this.error = ApiError.from(e).toJSON();
    }
  }

  cancel(): Promise<void> {
    return this.current ? this.answer(cancelAnswer(this.current)) : Promise.resolve();
  }
}
