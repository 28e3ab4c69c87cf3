import { nodeProcess } from '../http/nodeProcess';
import { Md5 } from './md5';

/** An incremental MD5: `update` with each chunk, then `hex` (repeatable) for lakeFS's checksum format. */
export interface Md5Hasher {
  update(data: Uint8Array): void;
  hex(): string;
}

/** The part of `node:crypto` used here. */
interface NodeCrypto {
  createHash(algorithm: 'md5'): { update(data: Uint8Array): unknown; digest(encoding: 'hex'): string };
}

/** `node:crypto` where the runtime offers it without a static import (Node ≥ 20.16), else undefined. */
function nodeCrypto(): NodeCrypto | undefined {
  const getBuiltinModule = nodeProcess()?.getBuiltinModule;
  if (typeof getBuiltinModule !== 'function') return undefined;
  try {
    return getBuiltinModule('node:crypto') as NodeCrypto | undefined;
  } catch {
    return undefined;
  }
}

/**
 * An MD5 hasher: Node's native one where there is one (about twice the pure-JS speed, BENCHMARKS.md
 * §3), else the portable {@link Md5}, so the core still runs in browsers without bundling `node:crypto`.
 * @returns a fresh hasher
 */
export function createMd5(): Md5Hasher {
  const crypto = nodeCrypto();
  if (!crypto) return new Md5();
  const hash = crypto.createHash('md5');
  let digest: string | undefined;
  return {
    update: (data) => {
      hash.update(data);
    },
    hex: () => (digest ??= hash.digest('hex')),
  };
}

/**
 * The MD5 of `data` in one call, natively where possible.
 * @param data - the bytes
 * @returns 32 lowercase hex digits
 */
export function md5Of(data: Uint8Array): string {
  const hasher = createMd5();
  hasher.update(data);
  return hasher.hex();
}
