import { describe, expect, it } from 'vitest';
import { demoTopology } from '../../../shared/topology/demo.ts';
import { hostId, linkId, nodeId } from '../../../shared/topology/ids.ts';

describe('stable ids', () => {
  it('derives a host id from the SSH target, omitting the default port', () => {
    expect(hostId({ user: 'root', host: 'kvm1', port: 22 })).toBe('root@kvm1');
    expect(hostId({ user: 'admin', host: '10.0.0.5', port: 2222 })).toBe('admin@10.0.0.5:2222');
  });

  it('derives node ids from host, kind and UUID or interface name', () => {
    expect(nodeId('root@kvm1', 'network', '9a05da11-e96b-47f3-8253-a3a482e445f5')).toBe(
      'root@kvm1/network/9a05da11-e96b-47f3-8253-a3a482e445f5',
    );
    expect(nodeId('root@kvm1', 'bridge', 'virbr0')).toBe('root@kvm1/bridge/virbr0');
    expect(nodeId('root@kvm1', 'tap', 'virbr0')).not.toBe(nodeId('root@kvm1', 'bridge', 'virbr0'));
    expect(nodeId('root@kvm2', 'bridge', 'virbr0')).not.toBe(nodeId('root@kvm1', 'bridge', 'virbr0'));
  });

  it('tells NICs of one VM on one network apart by MAC', () => {
    expect(linkId('nic', 'a', 'b', '52:54:00:00:00:01')).not.toBe(linkId('nic', 'a', 'b', '52:54:00:00:00:02'));
  });

  it('gives the demo the same ids every time, all distinct', () => {
    const a = demoTopology();
    const b = demoTopology();
    expect(a.nodes.map((n) => n.id)).toEqual(b.nodes.map((n) => n.id));
    expect(new Set(a.nodes.map((n) => n.id)).size).toBe(a.nodes.length);
    expect(new Set(a.links.map((l) => l.id)).size).toBe(a.links.length);
  });
});
