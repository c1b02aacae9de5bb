// What the first screen needs from the backend (the app's info and the topology it opens with),
// asked for as early as the page can: renderer/early.ts asks while the rest of the UI's code
// is still being evaluated, so the socket's handshake and the answers overlap that work
// instead of following it. The workspace takes the answers when it starts.
import type { AppInfo, OpenedTopology } from '../../shared/api/index.ts';
import { getApi } from '../transport/index.ts';

export type FirstAnswers = [AppInfo, OpenedTopology];

let asked: Promise<FirstAnswers> | null = null;

function ask(): Promise<FirstAnswers> {
  const api = getApi();
  return Promise.all([api.app.getInfo({}), api.app.getInitialTopology({})]);
}

/** Asks now, once; the answers wait for takeFirstAnswers. */
export function askFirstAnswers(): void {
  if (asked !== null) return;
  asked = ask();
  // a failure is the workspace's to show when it takes the answers, not an unhandled rejection before
  asked.catch(() => undefined);
}

/** The answers asked for early, or asked for now; each early answer is taken once (a later start asks again). */
export function takeFirstAnswers(): Promise<FirstAnswers> {
  const answers = asked ?? ask();
  asked = null;
  return answers;
}
