// Semantic zoom (renderer/graph/semanticZoom.ts) on a headless cytoscape: zoomed out, a busy
// network's VMs are hidden behind one aggregate, and the event that says so names the host
// boxes around what changed, so only those are fitted again (after a live patch of one host of
// several). (In Chromium: test/e2e/big-host.e2e.test.ts.)
import cytoscape, { type Core } from 'cytoscape';
import { describe, expect, it } from 'vitest';
import { HIDDEN_CLASS, MIN_AGGREGATE_VMS } from '../../renderer/graph/aggregate.ts';
import { IN_HOST } from '../../renderer/graph/hostBoxes.ts';
import { AGGREGATES_CHANGED, SemanticZoom } from '../../renderer/graph/semanticZoom.ts';

const VMS = MIN_AGGREGATE_VMS + 10;

/** host a: a network with VMS VMs around it; host b: a network with one VM */
function drawing(): Core {
  const cy = cytoscape({ headless: true, styleEnabled: true, style: [{ selector: `.${HIDDEN_CLASS}`, style: { display: 'none' } }] });
  const elements: cytoscape.ElementDefinition[] = [
    { group: 'nodes', data: { id: 'host:a', kind: 'host' }, classes: 'host' },
    { group: 'nodes', data: { id: 'host:b', kind: 'host' }, classes: 'host' },
    { group: 'nodes', data: { id: 'net-a', kind: 'network', label: 'net-a', [IN_HOST]: 'host:a' }, position: { x: 0, y: 0 } },
    { group: 'nodes', data: { id: 'net-b', kind: 'network', label: 'net-b', [IN_HOST]: 'host:b' }, position: { x: 5_000, y: 0 } },
    { group: 'nodes', data: { id: 'vm-b', kind: 'vm', label: 'vm-b', state: 'running', [IN_HOST]: 'host:b' }, position: { x: 5_200, y: 0 } },
    { group: 'edges', data: { id: 'nic-b', kind: 'nic', source: 'vm-b', target: 'net-b' } },
  ];
  for (let i = 0; i < VMS; i++) {
    const angle = (2 * Math.PI * i) / VMS;
    elements.push(
      { group: 'nodes', data: { id: `vm${i}`, kind: 'vm', label: `vm${i}`, state: 'running', [IN_HOST]: 'host:a' }, position: { x: 600 * Math.cos(angle), y: 600 * Math.sin(angle) } },
      { group: 'edges', data: { id: `nic${i}`, kind: 'nic', source: `vm${i}`, target: 'net-a' } },
    );
  }
  cy.add(elements);
  return cy;
}

describe('SemanticZoom', () => {
  it('zoomed out, hides the busy network’s VMs and names only that host’s box as changed', () => {
    const cy = drawing();
    const zoom = new SemanticZoom(cy);
    const events: unknown[] = [];
    cy.on(AGGREGATES_CHANGED, (_event, hosts: unknown) => void events.push(hosts));
    cy.zoom(0.1);
    zoom.refreshNow();
    expect(cy.nodes(`.${HIDDEN_CLASS}`).length).toBe(VMS);
    expect(cy.getElementById('vm-b').hasClass(HIDDEN_CLASS)).toBe(false);
    expect(events).toEqual([['host:a']]);

    // a VM added on host a (a live patch) and counted: hidden with the others, host a named again
    cy.add([
      { group: 'nodes', data: { id: 'vm-new', kind: 'vm', label: 'vm-new', state: 'shut off', [IN_HOST]: 'host:a' }, position: { x: 0, y: 650 } },
      { group: 'edges', data: { id: 'nic-new', kind: 'nic', source: 'vm-new', target: 'net-a' } },
    ]);
    zoom.refreshNow();
    expect(cy.getElementById('vm-new').hasClass(HIDDEN_CLASS)).toBe(true);
    expect(events).toEqual([['host:a'], ['host:a']]);

    // a recount that changes nothing says nothing
    zoom.refreshNow();
    expect(events).toHaveLength(2);
    zoom.destroy();
  });
});
