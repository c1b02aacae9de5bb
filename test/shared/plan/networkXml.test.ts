// Network XML for every create variant: compared with golden files and validated against
// libvirt's own schema with virt-xml-validate (a test-only tool from libvirt-clients, which
// needs xmllint from libxml2-utils). Under CI=true a missing tool fails the test; elsewhere
// the schema check is skipped with a message saying what to install.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseNetworkXml } from '../../../shared/libvirt/network.ts';
import { escapeXml, networkXml } from '../../../shared/plan/networkXml.ts';
import type { NetworkSpec } from '../../../shared/plan/types.ts';
import { NAT_SPEC } from './cases.ts';

const VARIANTS: Record<string, { spec: NetworkSpec; uuid?: string }> = {
  'isolated-bare': { spec: { name: 'quiet', mode: 'isolated', bridge: 'virbr2' } },
  'isolated-dhcp': {
    spec: { name: 'isolated-dhcp', mode: 'isolated', bridge: 'virbr3', ipv4: { address: '10.20.0.1', prefix: 24, dhcpRange: { start: '10.20.0.100', end: '10.20.0.200' } } },
  },
  'nat-dual-stack': { spec: { ...NAT_SPEC, bridge: 'virbr4' } },
  'nat-redefine-with-uuid': { spec: { name: 'default', mode: 'nat', bridge: 'virbr0', ipv4: { address: '192.168.122.1', prefix: 24 } }, uuid: '9a05da11-e96b-47f3-8253-a3a482e445f5' },
  'route-ipv6-only': {
    spec: { name: 'routed6', mode: 'route', bridge: 'virbr5', forwardDev: 'eth0', ipv6: { address: 'fd00:6::1', prefix: 64, dhcpHosts: [{ id: '0:1:0:1:2c:3d:4e:5f:52:54:0:0:0:1', name: 'six', ip: 'fd00:6::10' }] } },
  },
  'open-static-hosts': {
    spec: { name: 'open', mode: 'open', bridge: 'virbr6', domain: 'open.example', ipv4: { address: '172.16.0.1', prefix: 16, dhcpHosts: [{ mac: '52:54:00:16:00:01', ip: '172.16.0.2' }, { name: 'printer', ip: '172.16.0.3' }] } },
  },
  'bridged-host-bridge': { spec: { name: 'lan', mode: 'bridge', bridge: 'br0' } },
  'hostile-text-escaped': { spec: { name: `a'b"c<d>&e $(rm -rf ~); é`, mode: 'isolated', bridge: 'virbr8' } },
};

const ci = process.env.CI === 'true';
const tool = spawnSync('virt-xml-validate', ['--help'], { encoding: 'utf8' });
const xmllint = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
const haveTools = !tool.error && !xmllint.error;
const MISSING = 'virt-xml-validate or xmllint is missing: install Debian packages libvirt-clients and libxml2-utils';
if (!haveTools && !ci) console.warn(`networkXml.test.ts: skipping the libvirt schema check (${MISSING}).`);

const dir = mkdtempSync(join(tmpdir(), 'virtwire-netxml-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('network XML', () => {
  it.each(Object.keys(VARIANTS))('%s matches its golden file', async (name) => {
    const { spec, uuid } = VARIANTS[name]!;
    await expect(networkXml(spec, uuid)).toMatchFileSnapshot(`golden/${name}.xml`);
  });

  it.each(Object.keys(VARIANTS))('%s reads back as the spec', (name) => {
    const { spec, uuid } = VARIANTS[name]!;
    const record = parseNetworkXml(networkXml(spec, uuid));
    expect(record.name).toBe(spec.name);
    expect(record.uuid).toBe(uuid);
    expect(record.forward).toBe(spec.mode);
    expect(record.bridge).toBe(spec.bridge);
    expect(record.ips.map((ip) => `${ip.address}/${ip.prefix}`)).toEqual([spec.ipv4, spec.ipv6].filter((s) => s !== undefined).map((s) => `${s.address}/${s.prefix}`));
    expect(record.ips.flatMap((ip) => ip.dhcpHosts)).toEqual([...(spec.ipv4?.dhcpHosts ?? []), ...(spec.ipv6?.dhcpHosts ?? [])]);
  });

  it('escapes every XML special character', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });

  it.runIf(haveTools || ci).each(Object.keys(VARIANTS))('%s is valid per virt-xml-validate', (name) => {
    if (!haveTools) throw new Error(`CI=true and ${MISSING}`);
    const { spec, uuid } = VARIANTS[name]!;
    const file = join(dir, `${name}.xml`);
    writeFileSync(file, networkXml(spec, uuid));
    // virt-xml-validate reports on stderr; its exit status is the verdict.
    const run = spawnSync('virt-xml-validate', [file, 'network'], { encoding: 'utf8' });
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
    expect(run.stderr).toContain('validates');
  });

  it.runIf(haveTools)('the schema check itself rejects a bad network', () => {
    const file = join(dir, 'bogus.xml');
    writeFileSync(file, "<network><name>x</name><forward mode='bogus'/></network>\n");
    expect(spawnSync('virt-xml-validate', [file, 'network'], { encoding: 'utf8' }).status).not.toBe(0);
  });
});
