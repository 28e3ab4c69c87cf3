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
  /** Sealed layers a running commit reads (with how many commits read them). */
  private readonly held = new Map<Layer, number>();

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

  /**
   * Drops the staged change of `key`. A sealed layer no commit reads any more (left by a failed commit)
   * loses it too; an entry a running commit is committing is hidden by a tombstone instead.
   */
  delete(key: string): boolean {
    this.live.delete(key);
    let committing = false;
    for (const layer of this.sealed) {
      if (!this.held.has(layer)) layer.delete(key);
      else if (layer.get(key)) committing = true;
    }
    if (committing) this.live.set(key, null);
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
    for (const layer of this.sealed) this.held.set(layer, (this.held.get(layer) ?? 0) + 1);
    return new SealedLayers([...this.sealed]);
  }

  release(sealed: SealedStaging, committed: boolean): void {
    const layers = (sealed as SealedLayers).layers;
    for (const layer of layers) {
      const holders = (this.held.get(layer) ?? 1) - 1;
      if (holders > 0) this.held.set(layer, holders);
      else this.held.delete(layer);
    }
    if (!committed) return;
    const done = new Set(layers);
    this.sealed = this.sealed.filter((layer) => !done.has(layer));
  }
}
