// A scripted user for lab tests: answers the connection's questions and records each one,
// so a test can check what was asked and when.
import type { Prompter } from '../../../../electron/ssh/endpoint.ts';

export interface ScriptedPrompter extends Prompter {
  /** every question asked, in order, e.g. "hostKey", "password" */
  asked: string[];
}

/** `log`, when given, also gets "asked: NAME" lines, to show questions among connection events. */
export function scriptedUser(answers: Partial<Prompter> = {}, log?: string[]): ScriptedPrompter {
  const asked: string[] = [];
  const record =
    <A, R>(name: keyof Prompter, fallback: R, answer?: (arg: A) => Promise<R>) =>
    (arg: A): Promise<R> => {
      asked.push(name);
      log?.push(`asked: ${name}`);
      return answer ? answer(arg) : Promise.resolve(fallback);
    };
  return {
    asked,
    hostKey: record('hostKey', false, answers.hostKey),
    passphrase: record('passphrase', null, answers.passphrase),
    password: record('password', null, answers.password),
    keyboardInteractive: record('keyboardInteractive', null, answers.keyboardInteractive),
  };
}
