import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { splitProbeOutput } from '../../../electron/discovery/probe-output.ts';
import { probeArgv } from '../../../electron/discovery/probe-script.ts';
import { TEST_HOST_URI, hasVirsh, localRun } from './local-run.ts';

const MARKER = '@@vw-00112233445566778899';

const virshLines = (uri: string, ...args: string[]): string[] =>
  execFileSync('virsh', ['-c', uri, ...args], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .sort();

describe.runIf(hasVirsh())('the probe against libvirt test driver hosts', () => {
  it('finds every network and domain virsh lists, with info and XML, in one command', async () => {
    const result = await localRun(probeArgv(MARKER, TEST_HOST_URI));
    expect(result.code).toBe(0);
    const out = splitProbeOutput(result.stdout, MARKER);
    expect(out.complete).toBe(true);
    expect(out.virsh).toBe('ok');
    expect(out.networks.map((n) => n.info.Name).sort()).toEqual(virshLines(TEST_HOST_URI, 'net-list', '--all', '--name'));
    expect(out.domains.map((d) => d.info.Name).sort()).toEqual(virshLines(TEST_HOST_URI, 'list', '--all', '--name'));
    for (const n of out.networks) expect(n.xml).toContain(`<uuid>${n.uuid}</uuid>`);
    for (const d of out.domains) {
      expect(d.info.State).toBe('running');
      expect(d.xml).toContain(`<uuid>${d.uuid}</uuid>`);
      expect(d.inactiveXml).toContain(`<uuid>${d.uuid}</uuid>`);
    }
    expect(JSON.parse(out.ipLink!)).toBeInstanceOf(Array);
  });

  it('reads a running domain named by an event (no UUID) with its live XML', async () => {
    const [name] = virshLines(TEST_HOST_URI, 'list', '--name');
    const result = await localRun(probeArgv(MARKER, TEST_HOST_URI, { kind: 'domain', name: name! }));
    const out = splitProbeOutput(result.stdout, MARKER);
    expect(out.domains.map((d) => d.info.Name)).toEqual([name]);
    expect(out.domains[0]!.info.State).toBe('running');
    expect(out.domains[0]!.xml).toMatch(/^<domain type='test' id='\d+'>/); // the live XML: a running domain has an id
  });

  it("asks a VM's guest agent for addresses only when the VM has the agent's channel", async () => {
    const sections = async (name: string) =>
      splitProbeOutput((await localRun(probeArgv(MARKER, TEST_HOST_URI, { kind: 'domain', name }))).stdout, MARKER).domains.map((d) => [d.info.Name, d.agentAddresses !== undefined]);
    // web has <channel><target type='virtio' name='org.qemu.guest_agent.0'/>, db & "cache" has none
    expect(await sections('web')).toEqual([['web', true]]);
    expect(await sections('db & "cache"')).toEqual([['db & "cache"', false]]);
  });

  it('batches many objects into few virsh invocations without exceeding argument limits', async () => {
    // 400 domains > 2 chunks; the batch argument of each chunk must stay well under 128 KiB.
    const domains = Array.from({ length: 400 }, (_, i) => {
      const uuid = `22222222-0000-4000-8000-${String(i).padStart(12, '0')}`;
      return `<domain type='test'><name>vm${i}</name><uuid>${uuid}</uuid><memory>1024</memory><os><type>hvm</type></os></domain>`;
    });
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'vw-probe-')), 'host.xml');
    writeFileSync(file, `<node>${domains.join('')}</node>`);
    const out = splitProbeOutput((await localRun(probeArgv(MARKER, `test://${file}`))).stdout, MARKER);
    expect(out.domains).toHaveLength(400);
  });

  it('reads links, neighbours, bridge ports and forwarding entries as ip and bridge print them, in two processes', async () => {
    const out = splitProbeOutput((await localRun(probeArgv(MARKER, TEST_HOST_URI, { kind: 'links' }))).stdout, MARKER);
    const own = (cmd: string, ...args: string[]) => JSON.parse(execFileSync(cmd, args, { encoding: 'utf8' })) as Record<string, unknown>[];
    const names = (list: Record<string, unknown>[], key: string) => list.map((x) => String(x[key])).sort();
    expect(out.toolErrors).toEqual([]);
    expect(names(JSON.parse(out.ipLink!), 'ifname')).toEqual(names(own('ip', '-j', '-d', 'link', 'show'), 'ifname'));
    expect(names(JSON.parse(out.neigh!), 'dst')).toEqual(names(own('ip', '-j', 'neigh', 'show'), 'dst'));
    expect(names(JSON.parse(out.bridgeLink!), 'ifname')).toEqual(names(own('bridge', '-j', 'link', 'show'), 'ifname'));
    expect(names(JSON.parse(out.fdb!), 'mac')).toEqual(names(own('bridge', '-j', '-s', 'fdb', 'show'), 'mac'));
    expect(out.complete).toBe(true);
  });

  it('reports a libvirt it cannot reach, and still reads the kernel links', async () => {
    const result = await localRun(probeArgv(MARKER, 'test:///nonexistent/host.xml'));
    const out = splitProbeOutput(result.stdout, MARKER);
    expect(out.virsh).toBe('error');
    expect(out.virshError).toMatch(/error/i);
    expect(out.ipLink).toBeDefined();
    expect(out.networks).toEqual([]);
  });

  it('passes a hostile URI as data, never as shell code', async () => {
    const result = await localRun(probeArgv(MARKER, "test:///x'; touch /tmp/vw-pwned; echo '"));
    expect(splitProbeOutput(result.stdout, MARKER).virsh).toBe('error');
    expect(() => execFileSync('test', ['-e', '/tmp/vw-pwned'])).toThrow();
  });
});

describe('probe output', () => {
  it('cannot be fooled by a marker-like line inside XML', () => {
    const fake = '@@vw-ffffffffffffffff net-info evil';
    const text = [`${MARKER} dom-info u1`, 'Name: a', `${MARKER} dom-inactive u1`, '<domain>', fake, '</domain>', `${MARKER} end`].join('\n');
    const out = splitProbeOutput(text, MARKER);
    expect(out.networks).toEqual([]);
    expect(out.domains[0]!.inactiveXml).toContain(fake);
  });

  it('notices output cut short', () => {
    expect(splitProbeOutput(`${MARKER} iplink\n[]`, MARKER).complete).toBe(false);
  });

  it("takes each batched kernel command's JSON, and a failed one's words as a tool error", () => {
    const both = splitProbeOutput(`${MARKER} ipbatch\n[{"ifname":"lo"}]\n[{"dst":"10.0.0.1"}]\n${MARKER} rc 0\n${MARKER} end`, MARKER);
    expect([both.ipLink, both.neigh, both.toolErrors]).toEqual(['[{"ifname":"lo"}]', '[{"dst":"10.0.0.1"}]', []]);
    // the first command failed: the one JSON line is the second command's
    const first = splitProbeOutput(`${MARKER} bridgebatch\nRTNETLINK answers: Operation not permitted\nCommand failed -:1\n[{"mac":"52:54:00:00:00:01"}]\n${MARKER} rc 1\n${MARKER} end`, MARKER);
    expect([first.bridgeLink, first.fdb, first.toolErrors]).toEqual([undefined, '[{"mac":"52:54:00:00:00:01"}]', ['RTNETLINK answers: Operation not permitted']]);
    // no ip at all: both commands failed with its words
    const none = splitProbeOutput(`${MARKER} ipbatch\nsh: 1: ip: not found\n${MARKER} rc 127\n${MARKER} end`, MARKER);
    expect([none.ipLink, none.neigh, none.toolErrors]).toEqual([undefined, undefined, ['sh: 1: ip: not found', 'sh: 1: ip: not found']]);
  });

  it('moves a failing kernel tool into the errors', () => {
    const out = splitProbeOutput(`${MARKER} bridgelink\nbridge: not found\n${MARKER} rc 127\n${MARKER} end`, MARKER);
    expect(out.bridgeLink).toBeUndefined();
    expect(out.toolErrors).toEqual(['bridge: not found']);
  });
});
