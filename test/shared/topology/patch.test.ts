// The difference between two reads of a host is what changed and nothing else: the probe's
// output of a 40-VM host (the same parsing as discovery) read before and after a change.
import { describe, expect, it } from 'vitest';
import { assembleHost } from '../../../electron/discovery/discover.ts';
import type { HostRecord } from '../../../shared/topology/model.ts';
import { applyObjectsPatch, diffHostObjects, isEmptyPatch, type HostObjects } from '../../../shared/topology/patch.ts';
import { fakeHostState, probed, uuidOf, type FakeVm } from '../../support/probed-host.ts';

const host: HostRecord = { id: 'root@h', label: 'h', ssh: { host: 'h', port: 22, user: 'root' }, uri: 'qemu:///system', capturedAt: '' };
const read = (state: ReturnType<typeof fakeHostState>): HostObjects => assembleHost(host, probed(state)).topology;
const sorted = (o: HostObjects) => ({ nodes: [...o.nodes].sort((a, b) => a.id.localeCompare(b.id)), links: [...o.links].sort((a, b) => a.id.localeCompare(b.id)) });
const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id);

describe('diffHostObjects', () => {
  it('is empty for two reads of a host that did not change', () => {
    const state = fakeHostState(40);
    const [a, b] = [read(state), read(state)];
    expect(a.nodes[0]).not.toBe(b.nodes[0]);
    const patch = diffHostObjects(a, b);
    expect(isEmptyPatch(patch)).toBe(true);
    expect(patch).toEqual({ nodes: { added: [], updated: [], removed: [] }, links: { added: [], updated: [], removed: [] } });
  });

  it('names only the VM that gained a NIC, its new link and its TAP', () => {
    const state = fakeHostState(40);
    const before = read(state);
    const vm = state.vms[1]!;
    vm.liveOnly.push({ mac: '52:54:00:aa:00:01', network: 'net2', dev: 'vnet900' });
    const after = read(state);
    const patch = diffHostObjects(before, after);
    const vmNode = after.nodes.find((n) => n.kind === 'vm' && n.name === 'vm1')!;
    // the VM's live XML changed, so the VM node is updated; nothing else of the host is
    expect(ids(patch.nodes.updated)).toEqual([vmNode.id]);
    expect(patch.nodes.added.map((n) => [n.kind, n.name])).toEqual([['tap', 'vnet900']]);
    expect(patch.nodes.removed).toEqual([]);
    expect(patch.links.added.map((l) => (l.kind === 'nic' ? [l.kind, l.mac, l.live, l.config] : [l.kind]))).toEqual(
      expect.arrayContaining([['nic', '52:54:00:aa:00:01', true, false], ['port']]),
    );
    expect(patch.links.added).toHaveLength(2);
    expect(patch.links.updated).toEqual([]);
    expect(patch.links.removed).toEqual([]);
    expect(sorted(applyObjectsPatch(before, patch))).toEqual(sorted(after));
  });

  it('removes what a VM took with it and adds a VM that came, with their links', () => {
    const state = fakeHostState(40);
    const before = read(state);
    const gone = state.vms.splice(2, 1)[0]!; // running: it had a TAP
    const came: FakeVm = { name: 'new-vm', uuid: uuidOf(999, 0xb0), running: false, nics: [{ mac: '52:54:00:bb:00:01', network: 'net0' }], liveOnly: [] };
    state.vms.push(came);
    const after = read(state);
    const patch = diffHostObjects(before, after);
    expect(patch.nodes.added.map((n) => n.name)).toEqual(['new-vm']);
    expect(patch.nodes.removed).toEqual(expect.arrayContaining(before.nodes.filter((n) => n.name === gone.name || (n.kind === 'tap' && n.name === gone.nics[0]!.dev)).map((n) => n.id)));
    const goneLinks = before.links.filter((l) => l.source.includes(gone.uuid)).map((l) => l.id);
    expect(goneLinks.length).toBeGreaterThan(0);
    expect(patch.links.removed).toEqual(expect.arrayContaining(goneLinks));
    expect(patch.links.added.map((l) => l.source)).toEqual([patch.nodes.added[0]!.id]);
    expect(patch.nodes.updated).toEqual([]);
    expect(sorted(applyObjectsPatch(before, patch))).toEqual(sorted(after));
  });

  it('adds what is not there yet at the end, once, and what was removed and added again', () => {
    const a = { id: 'a', v: 1 };
    const b = { id: 'b', v: 1 };
    const c = { id: 'c', v: 1 };
    const list = { nodes: [a, b], links: [] } as unknown as Parameters<typeof applyObjectsPatch>[0];
    const nodes = (changes: { added: object[]; updated: object[]; removed: string[] }) =>
      applyObjectsPatch(list, { nodes: changes, links: { added: [], updated: [], removed: [] } } as unknown as Parameters<typeof applyObjectsPatch>[1]).nodes;
    expect(nodes({ added: [c, { id: 'a', v: 2 }], updated: [], removed: [] })).toEqual([a, b, c]);
    expect(nodes({ added: [{ id: 'a', v: 2 }], updated: [{ id: 'b', v: 2 }], removed: ['a'] })).toEqual([{ id: 'b', v: 2 }, { id: 'a', v: 2 }]);
    expect(nodes({ added: [], updated: [], removed: [] })).toEqual([a, b]);
  });

  it('updates a VM whose state changed, in place', () => {
    const state = fakeHostState(10);
    const before = read(state);
    state.vms[0]!.running = true;
    const after = read(state);
    const patch = diffHostObjects(before, after);
    expect(patch.nodes.updated.map((n) => [n.name, n.state])).toEqual([['vm0', 'running']]);
    const applied = applyObjectsPatch(before, patch);
    expect(ids(applied.nodes)).toEqual(ids(before.nodes));
  });
});
