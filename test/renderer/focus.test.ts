// Focus mode's reach (renderer/graph/focus.ts) on a headless cytoscape: what is wired to the
// object in focus, along each wire and no further. (In Chromium: test/e2e/big-host.e2e.test.ts
// fades the rest.)
import cytoscape, { type Core } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { wiredTo } from '../../renderer/graph/focus.ts';

/**
 * net1 ← br0 (its bridge) ← vnet0 (TAP) ← vm1, and vm1 also on net2 directly; vm2 on br0 by
 * its own TAP vnet1; vm3 only on net2; a host box that links to nothing.
 */
function drawing(): Core {
  const cy = cytoscape({ headless: true });
  const node = (id: string, kind: string) => ({ group: 'nodes' as const, data: { id, kind } });
  const edge = (id: string, source: string, target: string) => ({ group: 'edges' as const, data: { id, source, target } });
  cy.add([
    node('host:a', 'host'),
    node('net1', 'network'),
    node('net2', 'network'),
    node('br0', 'bridge'),
    node('vnet0', 'tap'),
    node('vnet1', 'tap'),
    node('vm1', 'vm'),
    node('vm2', 'vm'),
    node('vm3', 'vm'),
    edge('uses', 'net1', 'br0'),
    edge('port0', 'vnet0', 'br0'),
    edge('port1', 'vnet1', 'br0'),
    edge('backs0', 'vm1', 'vnet0'),
    edge('backs1', 'vm2', 'vnet1'),
    edge('nic1', 'vm1', 'net2'),
    edge('nic3', 'vm3', 'net2'),
  ]);
  return cy;
}

const ids = (eles: cytoscape.CollectionReturnValue): string[] => eles.map((e) => e.id()).sort();

describe('wiredTo', () => {
  it('from a VM: up its wires to the networks, not to the other ports of its bridge', () => {
    const cy = drawing();
    expect(ids(wiredTo(cy.getElementById('vm1')))).toEqual(['backs0', 'br0', 'net1', 'net2', 'nic1', 'port0', 'uses', 'vm1', 'vnet0']);
  });

  it('from a network: down through its bridge and TAPs to every VM on it, and nothing on other networks', () => {
    const cy = drawing();
    expect(ids(wiredTo(cy.getElementById('net1')))).toEqual(['backs0', 'backs1', 'br0', 'net1', 'port0', 'port1', 'uses', 'vm1', 'vm2', 'vnet0', 'vnet1']);
    expect(ids(wiredTo(cy.getElementById('net2')))).toEqual(['net2', 'nic1', 'nic3', 'vm1', 'vm3']);
  });

  it('nothing in focus: nothing', () => {
    const cy = drawing();
    expect(wiredTo(cy.getElementById('gone')).empty()).toBe(true);
  });

  it('a network with 2,000 VMs is gone through once (a union per VM copied everything found so far)', () => {
    const cy = cytoscape({ headless: true });
    const elements: cytoscape.ElementDefinition[] = [{ group: 'nodes', data: { id: 'net', kind: 'network' } }];
    for (let i = 0; i < 2_000; i++) {
      elements.push({ group: 'nodes', data: { id: `vm${i}`, kind: 'vm' } }, { group: 'edges', data: { id: `nic${i}`, source: `vm${i}`, target: 'net' } });
    }
    cy.add(elements);
    const union = cy.collection().union;
    let unions = 0;
    // counted on the prototype every collection shares
    const proto = Object.getPrototypeOf(cy.collection()) as { union: typeof union };
    proto.union = function (this: cytoscape.CollectionReturnValue, ...args: Parameters<typeof union>) {
      unions += 1;
      return union.apply(this, args);
    };
    try {
      expect(wiredTo(cy.getElementById('net')).length).toBe(4_001);
    } finally {
      proto.union = union;
    }
    expect(unions).toBeLessThan(5);
  });
});
