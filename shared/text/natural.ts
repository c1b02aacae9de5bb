// Natural order for names people read: runs of digits compare as numbers, so `net2` comes
// before `net10` and `vnet9` before `vnet10`. Case and accents only break ties, and two names
// that differ at all never compare equal, so a sort is the same on every machine.

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Sorts by a name, naturally, then by a key that is unique (e.g. an id) for a stable order. */
export function byNaturalName<T>(name: (item: T) => string, key?: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => naturalCompare(name(a), name(b)) || (key ? naturalCompare(key(a), key(b)) : 0);
}
