/** What a {@link WriteThroughMap} does to the database on each change. */
export interface WriteThrough<V> {
  /** Stores the pair; may return the value to keep instead (a durable version of it). */
  set(key: string, value: V): V | void;
  delete(key: string): void;
}

/**
 * A Map whose every `set`/`delete` is also written to the metadata database, so code that edits plain
 * Maps (routes, store operations) persists without knowing about it.
 */
export class WriteThroughMap<V> extends Map<string, V> {
  private readonly hooks: WriteThrough<V>;

  /**
   * @param entries - what the database holds now
   * @param hooks - the writes
   */
  constructor(entries: Iterable<readonly [string, V]>, hooks: WriteThrough<V>) {
    super();
    for (const [k, v] of entries) super.set(k, v);
    this.hooks = hooks;
  }

  override set(key: string, value: V): this {
    const kept = this.hooks.set(key, value);
    return super.set(key, kept ?? value);
  }

  override delete(key: string): boolean {
    if (!super.has(key)) return false;
    this.hooks.delete(key);
    return super.delete(key);
  }

  override clear(): void {
    for (const key of [...super.keys()]) this.delete(key);
  }
}

/** A Set written through to the database like {@link WriteThroughMap}. */
export class WriteThroughSet extends Set<string> {
  private readonly onAdd: (value: string) => void;

  constructor(values: Iterable<string>, onAdd: (value: string) => void) {
    super();
    for (const v of values) super.add(v);
    this.onAdd = onAdd;
  }

  override add(value: string): this {
    if (!super.has(value)) this.onAdd(value);
    return super.add(value);
  }
}
