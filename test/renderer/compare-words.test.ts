// The Compare panel's list: the differences and notes as messages the panel says in the user's
// language; comparing two hosts (matched by names) leaves out that their UUIDs differ.
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveHost } from '../../shared/api/index.ts';
import { itemMessage, noteMessages } from '../../shared/diff/index.ts';
import type { Topology, TopologyNode } from '../../shared/topology/model.ts';
import { CompareState } from '../../renderer/state/compare.svelte.ts';
import type { EditState } from '../../renderer/state/edit.svelte.ts';
import { language, tell } from '../../renderer/state/i18n.svelte.ts';
import type { LiveHostsState } from '../../renderer/state/live.svelte.ts';
import { HOST, labTopology } from '../shared/plan/hosts.ts';

const copy = (t: Topology): Topology => JSON.parse(JSON.stringify(t)) as Topology;
const find = (t: Topology, kind: TopologyNode['kind'], name: string) => t.nodes.find((n) => n.kind === kind && n.name === name)!;

function hostOf(profileId: string, t: Topology): LiveHost {
  return { profileId, host: t.hosts[0]!, nodes: t.nodes, links: t.links, banners: [], refreshedAt: '2026-12-01T00:00:00.000Z' };
}

/** The lab host now: web01 defined again (a new UUID), centos7 shut down, TAP tap-free gone. */
function changedLab(): Topology {
  const host = copy(labTopology());
  (find(host, 'vm', 'web01') as TopologyNode & { uuid?: string }).uuid = '99999999-2222-3333-4444-555555555555';
  const centos7 = find(host, 'vm', 'centos7');
  centos7.state = 'shut off';
  for (const l of host.links) if (l.kind === 'nic' && l.source === centos7.id) l.live = false;
  host.nodes = host.nodes.filter((n) => n.name !== 'tap-free');
  return host;
}

function comparing(): CompareState {
  const live = { hosts: new Map([['now', hostOf('now', changedLab())], ['other', hostOf('other', labTopology())]]) } as unknown as LiveHostsState;
  return new CompareState(live, { ran: 0 } as unknown as EditState);
}

describe('the Compare panel’s list', () => {
  afterEach(() => language.choose('system'));

  it('says the differences and notes in the chosen language', () => {
    const compare = comparing();
    compare.chooseHost('now');
    compare.show({ name: 'lab.vwtopo', topology: labTopology() });
    expect(compare.fileHost).toBe(HOST);
    const diff = compare.diff!;
    language.choose('zh-TW');
    expect(diff.items.map((i) => tell(itemMessage(i)))).toEqual(['TAP 裝置「tap-free」：在檔案中，不在主機上']);
    expect(noteMessages(diff).map(tell)).toEqual([
      '虛擬機器「centos7」在主機上的狀態為「已關機」，檔案中為「執行中」。',
      '虛擬機器「web01」是依名稱對應的：它在主機上的 UUID 是 99999999-2222-3333-4444-555555555555，在檔案中是 11111111-2222-3333-4444-555555555555。',
    ]);
    language.choose('en');
    expect(noteMessages(diff).map(tell)).toEqual(diff.notes);
  });

  it('leaves out that two hosts matched by names have different UUIDs, and keeps the other notes', () => {
    const compare = comparing();
    compare.chooseHost('now');
    compare.showHost('other');
    const diff = compare.diff!;
    expect(diff.notes).toEqual(['VM centos7 is shut off on the host and was running in the file.']);
    language.choose('zh-TW');
    expect(noteMessages(diff).map(tell)).toEqual(['虛擬機器「centos7」在主機上的狀態為「已關機」，檔案中為「執行中」。']);
  });
});
