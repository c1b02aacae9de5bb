// Sessions to the lab host with test-friendly defaults: the lab's key, no agent, the lab's
// known_hosts plus a scratch app file, and a log of what the connection did.
import { join } from 'node:path';
import type { Prompter, SshEndpoint } from '../../../../electron/ssh/endpoint.ts';
import { SshSession, type SessionOptions } from '../../../../electron/ssh/session.ts';
import type { LabEnv } from '../../../lab/env.ts';
import { scriptedUser, type ScriptedPrompter } from './prompter.ts';
import { scratchDir } from './sshd.ts';

export interface LabSession {
  session: SshSession;
  user: ScriptedPrompter;
  /** connection log lines ("connect: …", "auth: …") and "asked: …" for each question */
  log: string[];
  appKnownHosts: string;
}

export const labRoot = (lab: LabEnv): SshEndpoint => ({ host: lab.sshHost, port: lab.sshPort, user: lab.sshUser, identityFiles: [lab.sshKey] });

export function labSession(lab: LabEnv, options: Partial<SessionOptions> & { answers?: Partial<Prompter> } = {}): LabSession {
  const { answers, ...sessionOptions } = options;
  const log: string[] = [];
  const user = scriptedUser(answers, log);
  const appKnownHosts = join(scratchDir('app'), 'known_hosts');
  const session = new SshSession({
    target: labRoot(lab),
    agent: null,
    knownHosts: { files: [lab.knownHosts, appKnownHosts], appendTo: appKnownHosts, policy: 'ask' },
    prompter: user,
    log: (line) => log.push(line),
    ...sessionOptions,
  });
  return { session, user, log, appKnownHosts };
}
