import { describe, expect, it } from 'vitest';
import { byNaturalName, naturalCompare } from '../../../shared/text/natural.ts';

describe('natural order', () => {
  it('compares runs of digits as numbers', () => {
    expect(['net10', 'net2', 'net1', 'net20', 'net3'].sort(naturalCompare)).toEqual(['net1', 'net2', 'net3', 'net10', 'net20']);
    expect(['vnet100', 'vnet11', 'vnet9', 'vnet10'].sort(naturalCompare)).toEqual(['vnet9', 'vnet10', 'vnet11', 'vnet100']);
    expect(['br-10-b', 'br-9-b', 'br-10-a'].sort(naturalCompare)).toEqual(['br-9-b', 'br-10-a', 'br-10-b']);
  });

  it('never calls two different names equal, so every machine sorts them the same', () => {
    expect(naturalCompare('Net1', 'net1')).not.toBe(0);
    expect(naturalCompare('net01', 'net1')).not.toBe(0);
    expect(Math.sign(naturalCompare('Net1', 'net1'))).toBe(-Math.sign(naturalCompare('net1', 'Net1')));
    expect(naturalCompare('net1', 'net1')).toBe(0);
  });

  it('sorts records by name, then by a unique key', () => {
    const items = [
      { name: 'vm10', id: 'b' },
      { name: 'vm2', id: 'z' },
      { name: 'vm2', id: 'a' },
    ];
    expect(items.sort(byNaturalName((i) => i.name, (i) => i.id)).map((i) => `${i.name}/${i.id}`)).toEqual(['vm2/a', 'vm2/z', 'vm10/b']);
  });
});
