import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { s3Error } from '../s3Errors';

/** A running checksum over a payload, named as in the `x-amz-checksum-<name>` trailer. */
export interface RunningChecksum {
  update(data: Uint8Array): void;
  /** Base64 of the digest (big-endian for the CRCs), as the trailer carries it. */
  digestBase64(): string;
}

/** CRC-32C (Castagnoli) by table: Node has CRC-32 built in but not this one. */
const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32c(data: Uint8Array, previous: number): number {
  let c = ~previous >>> 0;
  for (const byte of data) c = (CRC32C_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

function crcChecksum(step: (data: Uint8Array, previous: number) => number): RunningChecksum {
  let value = 0;
  return {
    update: (data) => {
      value = step(data, value);
    },
    digestBase64: () => {
      const out = Buffer.alloc(4);
      out.writeUInt32BE(value >>> 0);
      return out.toString('base64');
    },
  };
}

function hashChecksum(algorithm: 'sha1' | 'sha256'): RunningChecksum {
  const hash = createHash(algorithm);
  return { update: (data) => hash.update(data), digestBase64: () => hash.digest('base64') };
}

/**
 * A running checksum for the trailer `x-amz-checksum-<name>` (CRC32, CRC32C, SHA1, SHA256, as lakeFS
 * supports); other algorithms are refused.
 * @param trailerName - the trailer's header name, e.g. `x-amz-checksum-crc32`
 * @returns the checksum to feed with the decoded payload
 */
export function trailerChecksum(trailerName: string): RunningChecksum {
  switch (trailerName.toLowerCase()) {
    case 'x-amz-checksum-crc32':
      return crcChecksum((data, previous) => crc32(data, previous));
    case 'x-amz-checksum-crc32c':
      return crcChecksum(crc32c);
    case 'x-amz-checksum-sha1':
      return hashChecksum('sha1');
    case 'x-amz-checksum-sha256':
      return hashChecksum('sha256');
    default:
      throw s3Error('InvalidRequest', `unsupported checksum algorithm: ${trailerName}`);
  }
}
