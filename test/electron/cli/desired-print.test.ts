// How `virtwire diff` prints the differences (desired-print's diffText, what runDesired writes
// without --json) in the CLI's language, and that --json, the diff as it is, stays English and
// the same shape whatever the language.
import { afterAll, describe, expect, it } from 'vitest';
import { diffText, itemLine } from '../../../electron/cli/desired-print.ts';
import { useLocale } from '../../../electron/cli/i18n.ts';
import { diffTopologies } from '../../../shared/diff/index.ts';
import type { Topology, TopologyNode } from '../../../shared/topology/model.ts';
import { HOST, labTopology } from '../../shared/plan/hosts.ts';

const copy = (t: Topology): Topology => JSON.parse(JSON.stringify(t)) as Topology;
const find = (t: Topology, kind: TopologyNode['kind'], name: string) => t.nodes.find((n) => n.kind === kind && n.name === name)!;

/** The lab file against the host after a network's autostart was turned off, a TAP removed and a VM shut down. */
function labDiff() {
  const file = labTopology();
  const host = copy(file);
  const network = find(host, 'network', 'default');
  if (network.kind === 'network') network.autostart = false;
  host.nodes = host.nodes.filter((n) => n.name !== 'tap-free');
  const centos7 = find(host, 'vm', 'centos7');
  centos7.state = 'shut off';
  for (const l of host.links) if (l.kind === 'nic' && l.source === centos7.id) l.live = false;
  return diffTopologies(file, HOST, host, HOST);
}

describe('virtwire diff, printed', () => {
  afterAll(() => useLocale('en'));

  it('in English as before', () => {
    useLocale('en');
    expect(diffText(labDiff(), 'lab.vwtopo', HOST)).toBe(
      [
        `${HOST} differs from lab.vwtopo (- only in the file, + only on the host, ~ changed):`,
        '  ~ network default: autostart yes → no',
        '  - TAP tap-free: in the file, not on the host',
        '2 differences.',
        'note: VM centos7 is shut off on the host and was running in the file.',
        '',
      ].join('\n'),
    );
  });

  it('in Traditional Chinese, names as they are', () => {
    useLocale('zh-TW');
    expect(diffText(labDiff(), 'lab.vwtopo', HOST)).toBe(
      [
        `${HOST} 與 lab.vwtopo 不同（- 只在檔案中，+ 只在主機上，~ 已變更）：`,
        '  ~ 網路「default」：自動啟動 是 → 否',
        '  - TAP 裝置「tap-free」：在檔案中，不在主機上',
        '共 2 項差異。',
        '注意：虛擬機器「centos7」在主機上的狀態為「已關機」，檔案中為「執行中」。',
        '',
      ].join('\n'),
    );
    expect(itemLine(labDiff().items[0]!)).toBe('~ 網路「default」：自動啟動 是 → 否');
  });

  it('with --json: the diff as it is, in English and the same shape in every language', () => {
    const json = (locale: 'en' | 'zh-TW') => {
      useLocale(locale);
      return JSON.stringify(labDiff(), null, 2);
    };
    const english = json('en');
    expect(json('zh-TW')).toBe(english);
    const parsed = JSON.parse(english) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['fileHost', 'liveHost', 'items', 'notes']);
    expect(parsed.notes).toEqual(['VM centos7 is shut off on the host and was running in the file.']);
    expect(english).not.toMatch(/\p{Script=Han}/u);
  });
});
