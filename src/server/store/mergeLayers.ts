import { compareKeys } from './compareKeys';

/**
 * Merges sorted [key, value] iterators into one sorted iterator; for a key several layers hold, the
 * earliest layer's value wins (layers are given newest first).
 * @param layers - iterators in key order, newest layer first
 * @returns the merged entries in key order
 */
export function* mergeLayers<V>(
  layers: readonly Iterator<[string, V]>[],
): Generator<[string, V], void, undefined> {
  if (layers.length === 1) {
    const only = layers[0] as Iterator<[string, V]>;
    for (let next = only.next(); !next.done; next = only.next()) yield next.value;
    return;
  }
  const heads = layers.map((layer) => layer.next());
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i] as IteratorResult<[string, V]>;
      if (head.done) continue;
      const top = heads[best] as IteratorResult<[string, V]> | undefined;
      if (best < 0 || compareKeys(head.value[0], (top?.value as [string, V])[0]) < 0) best = i;
    }
    if (best < 0) return;
    const winner = (heads[best] as IteratorYieldResult<[string, V]>).value;
    yield winner;
    // every layer positioned on the same key moves past it (the newest one won)
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i] as IteratorResult<[string, V]>;
      if (!head.done && head.value[0] === winner[0]) heads[i] = (layers[i] as Iterator<[string, V]>).next();
    }
  }
}
