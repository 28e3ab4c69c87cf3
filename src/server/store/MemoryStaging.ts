import BTree from 'sorted-btree';
import { compareKeys } from './compareKeys';
import { mergeLayers } from './mergeLayers';
import type { EntryRecord, SealedStaging, Staging } from './types';

type Layer = BTree<string, EntryRecord | null>;

const newLayer = (): Layer => new BTree<string, EntryRecord | null>(undefined, compareKeys);

/** A read-only view of sealed layers (newest first). */
class SealedLayers implements SealedStaging {
  constructor(readonly layers: readonly Layer[]) {}

  entries(from = ''): IterableIterator<[string, EntryRecord | null]> {
    return mergeLayers(this.layers.map((layer) => layer.entries(from)));
  }
}

/**
 * A staging area in memory: the live layer takes writes; layers sealed by a running commit are still
 * read (newest first) until the commit lands, as lakeFS reads a branch's sealed staging tokens. A sealed
 * layer is never written again.
 */
export class MemoryStaging implements Staging {
  private live: Layer = newLayer();
  private sealed: Layer[] = [];

  get(key: string): EntryRecord | null | undefined {
    const own = this.live.get(key);
    if (own !== undefined) return own;
    for (const layer of this.sealed) {
      const value = layer.get(key);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  set(key: string, value: EntryRecord | null): boolean {
    this.live.set(key, value);
    return true;
  }

  /** Drops the live change; a sealed entry (about to be committed) is hidden by a tombstone instead. */
  delete(key: string): boolean {
    this.live.delete(key);
    if (this.sealed.some((layer) => layer.get(key))) this.live.set(key, null);
    return true;
  }

  entries(from = ''): IterableIterator<[string, EntryRecord | null]> {
    if (this.sealed.length === 0) return this.live.entries(from);
    return mergeLayers([this.live, ...this.sealed].map((layer) => layer.entries(from)));
  }

  forEachPair(visit: (key: string, value: EntryRecord | null) => void): void {
    for (const [k, v] of this.entries()) visit(k, v);
  }

  clear(): void {
    this.live = newLayer();
    this.sealed = [];
  }

  seal(): SealedStaging {
    if (this.live.size > 0) {
      this.sealed.unshift(this.live);
      this.live = newLayer();
    }
    return new SealedLayers([...this.sealed]);
  }

  release(sealed: SealedStaging, committed: boolean): void {
    if (!committed) return;
    const done = new Set((sealed as SealedLayers).layers);
    this.sealed = this.sealed.filter((layer) => !done.has(layer));
  }
}
