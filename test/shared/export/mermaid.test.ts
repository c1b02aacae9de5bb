// The Mermaid export's structure, line by line. Mermaid itself parses and renders these files
// in test/e2e/export-formats.e2e.test.ts (its parser needs a DOM, so it runs in Chromium).
import { describe, expect, it } from 'vitest';
import { oneLine } from '../../../shared/export/graph.ts';
import { mermaidText, toMermaid } from '../../../shared/export/mermaid.ts';
import { demoTopology } from '../../../shared/topology/demo.ts';
import type { Topology } from '../../../shared/topology/model.ts';
import { buildView, VIEW_KINDS, type ViewKind } from '../../../shared/topology/views.ts';
import { manyVmsTopology } from '../../support/many-vms.ts';

const LABEL = '"[^"]*"';
const STATEMENTS = [
  /^flowchart TB$/,
  /^ {2}%% VirtWire topology, (logical|wiring) view$/,
  new RegExp(`^ {2}subgraph h\\d+\\[${LABEL}\\]$`),
  /^ {2}end$/,
  new RegExp(`^ {2,4}n\\d+(\\(\\[${LABEL}\\]\\)|\\[\\(${LABEL}\\)\\]|\\{${LABEL}\\}|\\(${LABEL}\\)|\\{\\{${LABEL}\\}\\}|\\[/${LABEL}/\\]|>${LABEL}\\])$`),
  new RegExp(`^ {2}n\\d+ (---|===|-->|-\\.-|-\\.->)\\|${LABEL}\\| n\\d+$`),
  /^ {2}classDef \w+ [\w#:, -]+$/,
  /^ {2}class n\d+(,n\d+)* \w+$/,
  /^ {2}style h\d+ [\w#:,-]+$/,
  /^ {2}linkStyle \d+(,\d+)* [\w#:,-]+$/,
];

/** Undoes mermaidText and the label's line break. */
const decode = (label: string): string[] =>
  label.split('<br>').map((l) => l.replace(/#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/\u2060/g, ''));

function checkChart(topology: Topology, view: ViewKind, text: string): void {
  const lines = text.trimEnd().split('\n');
  for (const line of lines) expect(STATEMENTS.some((s) => s.test(line)), line).toBe(true);
  const shown = buildView(topology, view);
  const nodeLines = lines.filter((l) => /^ {2,4}n\d+[^ \d]/.test(l));
  expect(nodeLines).toHaveLength(shown.nodes.length);
  const names = nodeLines.map((l) => decode(/"([^"]*)"/.exec(l)![1]!)[0]);
  expect(names.sort()).toEqual(shown.nodes.map((n) => oneLine(n.label)).sort());
  const declared = new Set(nodeLines.map((l) => /n\d+/.exec(l)![0]));
  const edgeLines = lines.filter((l) => /^ {2}n\d+ /.test(l));
  expect(edgeLines).toHaveLength(shown.edges.length);
  for (const l of edgeLines) for (const id of l.match(/\bn\d+\b/g)!) expect(declared.has(id)).toBe(true);
  const linkStyled = lines.filter((l) => l.startsWith('  linkStyle ')).flatMap((l) => l.split(' ')[3]!.split(',').map(Number));
  expect(linkStyled.sort((a, b) => a - b)).toEqual(edgeLines.map((_, i) => i));
}

describe('Mermaid export', () => {
  for (const view of VIEW_KINDS) {
    it(`is a flowchart of the demo's ${view} view, one statement a line`, () => {
      checkChart(demoTopology(), view, toMermaid(demoTopology(), view));
    });
  }

  it('gives each kind its shape and each link kind its line', () => {
    const text = toMermaid(demoTopology(), 'wiring');
    expect(text).toContain('(["default<br>network · NAT"])');
    expect(text).toContain('[("virbr0<br>bridge")]');
    expect(text).toContain('{"vnet0<br>TAP"}');
    expect(text).toContain('("centos7<br>VM")');
    expect(text).toContain('{{"eth0<br>physical NIC"}}');
    expect(text).toContain('[/"lab-net<br>missing network"/]');
    expect(text).toContain('>"user (SLIRP)<br>NIC endpoint · user"]');
    expect(text).toMatch(/ ===\|"uses"\| /);
    expect(text).toMatch(/ -->\|"uplink"\| /);
    expect(text).toMatch(/ -\.-\|"52:54:00:3c:aa:04 · virtio"\| /); // to the missing network
  });

  it('writes what Mermaid would read as markup or entities as entity codes', () => {
    expect(mermaidText('a"b<c>&d#e`f\\ng')).toBe('a#34;b#60;c#62;#38;d#35;e#96;f#92;#8288;ng');
  });

  it('survives hostile names and 1,000 VMs, in both views', () => {
    const topology = manyVmsTopology(1000, { hostile: true });
    for (const view of VIEW_KINDS) {
      const text = toMermaid(topology, view);
      checkChart(topology, view, text);
      expect(text).toContain('[("ovsbr0<br>bridge · OVS")]');
      expect(text).toContain('>"user (SLIRP)<br>NIC endpoint · user"]');
    }
  });
});
