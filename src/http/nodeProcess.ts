/**
 * What the core reads of Node's `process`, typed here so that the core compiles without Node's types
 * and runs in browsers, where there is no `process`.
 */
export interface NodeProcessLike {
  readonly versions?: { readonly node?: string };
  readonly getBuiltinModule?: (id: string) => unknown;
}

/** Node's `process` when the code runs in Node (or a runtime that provides it), else undefined. */
export function nodeProcess(): NodeProcessLike | undefined {
  const candidate = (globalThis as { process?: NodeProcessLike }).process;
  return typeof candidate?.versions?.node === 'string' ? candidate : undefined;
}
