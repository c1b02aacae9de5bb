// Logging in to the lab's real sshd every way OpenSSH does: key file, agent, password,
// keyboard-interactive (PAM), a passphrase-protected key, and through ProxyJump hops.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { HostRunner } from '../../../electron/ssh/runner.ts';
import type { SshSession } from '../../../electron/ssh/session.ts';
import { describeLab } from '../../lab/env.ts';
import { labRoot, labSession, type LabSession } from './support/session.ts';
import { newKeyFile, scratchDir, startSshd, type ExtraSshd } from './support/sshd.ts';

const whoami = async (session: SshSession, user: string) =>
  (await new HostRunner(session, { host: 'lab', user, useSudo: false }).runChecked(['id', '-un'])).stdout.trim();
const NO_KEY = ['/nonexistent/no-key'];

describeLab('authentication', (lab) => {
  const open: LabSession[] = [];
  const daemons: ExtraSshd[] = [];
  const agents: ChildProcess[] = [];
  const track = (s: LabSession) => (open.push(s), s);
  const passwordUser = () => ({ host: lab.sshHost, port: lab.sshPort, user: lab.passwordUser, identityFiles: NO_KEY });
  afterEach(async () => {
    open.splice(0).forEach((s) => s.session.disconnect());
    for (const d of daemons.splice(0)) await d.stop();
    agents.splice(0).forEach((a) => a.kill());
  });

  it('logs in with a key file', async () => {
    const s = track(labSession(lab));
    await s.session.connect();
    expect(await whoami(s.session, 'root')).toBe('root');
    expect(s.log).toContain(`auth: publickey ${lab.sshKey}`);
    expect(s.user.asked).toEqual([]);
  });

  it('logs in through an ssh-agent holding the key, before trying any key file', async () => {
    const socket = join(scratchDir('agent'), 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    agents.push(agent);
    for (let i = 0; i < 50 && !existsSocket(socket); i++) await new Promise((r) => setTimeout(r, 100));
    execFileSync('ssh-add', [lab.sshKey], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
    const s = track(labSession(lab, { agent: socket, target: { ...labRoot(lab), identityFiles: NO_KEY } }));
    await s.session.connect();
    expect(await whoami(s.session, 'root')).toBe('root');
    expect(s.log.filter((l) => l.startsWith('auth:'))).toEqual(['auth: none', 'auth: agent']);
  });

  it('logs in with a password, asked for only after the keys failed', async () => {
    const s = track(labSession(lab, { target: passwordUser(), answers: { password: async () => lab.password } }));
    await s.session.connect();
    expect(await whoami(s.session, lab.passwordUser)).toBe(lab.passwordUser);
    expect(s.user.asked).toEqual(['password']);
  });

  it('reports a wrong password as an auth error after three tries', async () => {
    const retries: boolean[] = [];
    const s = track(
      labSession(lab, {
        target: passwordUser(),
        answers: { password: async (q) => (retries.push(q.retry), 'wrong password') },
      }),
    );
    await expect(s.session.connect()).rejects.toMatchObject({ code: 'auth' });
    expect(retries).toEqual([false, true, true]);
    expect(s.session.state).toBe('failed');
  });

  it('answers keyboard-interactive prompts (sshd with PAM), showing each prompt to the user', async () => {
    const pam = await startSshd(lab, { settings: ['UsePAM yes', 'KbdInteractiveAuthentication yes', 'PasswordAuthentication no'] });
    daemons.push(pam);
    const prompts: string[] = [];
    const s = track(
      labSession(lab, {
        target: { ...passwordUser(), port: pam.port },
        knownHosts: { files: [], appendTo: join(scratchDir('kbd'), 'known_hosts'), policy: 'accept-new' },
        answers: {
          keyboardInteractive: async (q) => {
            prompts.push(...q.prompts.map((p) => `${p.prompt}|echo=${p.echo}`));
            return q.prompts.map(() => lab.password);
          },
        },
      }),
    );
    await s.session.connect();
    expect(await whoami(s.session, lab.passwordUser)).toBe(lab.passwordUser);
    expect(prompts).toEqual(['Password: |echo=false']);
    expect(readFileSync(pam.log, 'utf8')).toContain(`Accepted keyboard-interactive/pam for ${lab.passwordUser}`);
  });

  it('unlocks a passphrase-protected key, asking again after a wrong passphrase', async () => {
    const dir = scratchDir('passphrase');
    const key = newKeyFile(dir, 'id_ed25519', 'correct horse battery');
    writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${key}.pub`));
    const sshd = await startSshd(lab, { settings: [`AuthorizedKeysFile ${join(dir, 'authorized_keys')}`, 'StrictModes no'] });
    daemons.push(sshd);
    const answers = ['wrong', 'correct horse battery'];
    const retries: boolean[] = [];
    const s = track(
      labSession(lab, {
        target: { host: lab.sshHost, port: sshd.port, user: 'root', identityFiles: [key] },
        knownHosts: { files: [], appendTo: join(dir, 'known_hosts'), policy: 'accept-new' },
        answers: { passphrase: async (q) => (retries.push(q.retry), answers.shift() ?? null) },
      }),
    );
    await s.session.connect();
    expect(await whoami(s.session, 'root')).toBe('root');
    expect(retries).toEqual([false, true]);
  });

  it('connects through two ProxyJump hops', async () => {
    const hops = [await startSshd(lab, { settings: ['LogLevel DEBUG1'] }), await startSshd(lab, { settings: ['LogLevel DEBUG1'] })];
    daemons.push(...hops);
    const s = track(
      labSession(lab, {
        jumps: hops.map((hop) => ({ ...labRoot(lab), port: hop.port })),
        knownHosts: { files: [lab.knownHosts], appendTo: join(scratchDir('jump'), 'known_hosts'), policy: 'accept-new' },
      }),
    );
    await s.session.connect();
    expect(await whoami(s.session, 'root')).toBe('root');
    expect(s.log.filter((l) => l.startsWith('connect:'))).toEqual([
      `connect: root@${lab.sshHost}:${hops[0]!.port}`,
      `connect: root@${lab.sshHost}:${hops[1]!.port} (through jump host)`,
      `connect: root@${lab.sshHost}:${lab.sshPort} (through jump host)`,
    ]);
    // Each hop's sshd opened the tunnel to the next machine.
    expect(readFileSync(hops[0]!.log, 'utf8')).toContain(`target ${lab.sshHost} port ${hops[1]!.port}`);
    expect(readFileSync(hops[1]!.log, 'utf8')).toContain(`target ${lab.sshHost} port ${lab.sshPort}`);
  });
});

const existsSocket = (path: string): boolean => existsSync(path) && statSync(path).isSocket();
