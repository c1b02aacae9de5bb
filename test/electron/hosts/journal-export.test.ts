// Exporting the command journal: the desktop app writes the script where the Save dialog
// says; without a dialog (browser mode, where the page downloads it) the call is refused.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../electron/hosts/secrets.ts';
import { HostsService } from '../../../electron/hosts/service.ts';
import { JOURNAL_LIMIT } from '../../../shared/api/hosts.ts';

function service(chooseJournalFile?: (name: string) => Promise<string | null>) {
  const dir = mkdtempSync(join(tmpdir(), 'vw-journal-'));
  const hosts = new HostsService({
    profilesFile: join(dir, 'hosts.json'),
    appKnownHostsFile: join(dir, 'known_hosts'),
    userKnownHostsFiles: [],
    sshConfigFile: join(dir, 'ssh_config'),
    secrets: new MemorySecretStore(),
    agent: null,
    onDidChangeState: () => undefined,
    onDidPrompt: () => undefined,
    ...(chooseJournalFile ? { chooseJournalFile } : {}),
  });
  return { hosts, dir };
}

describe('exporting the journal', () => {
  it('writes the shell script where the user chose, and nothing when the dialog is cancelled', async () => {
    const asked: string[] = [];
    let answer: string | null = null;
    const { hosts, dir } = service(async (name) => (asked.push(name), answer));
    expect(await hosts.exportJournal({})).toBeNull();
    answer = join(dir, 'journal.sh');
    expect(await hosts.exportJournal({})).toEqual({ path: answer });
    expect(readFileSync(answer, 'utf8')).toBe((await hosts.journal({})).script);
    expect(asked[0]).toMatch(/^virtwire-journal-\d{8}-\d{6}\.sh$/);
  });

  it('says what it keeps, and is refused without a Save dialog', async () => {
    const { hosts } = service();
    expect(await hosts.journal({})).toMatchObject({ entries: [], limit: JOURNAL_LIMIT, dropped: 0 });
    await expect(hosts.exportJournal({})).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/desktop app/) });
  });
});
