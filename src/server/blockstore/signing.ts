import { createHmac, timingSafeEqual } from 'node:crypto';

const mac = (secret: string, fields: readonly string[]): Buffer => {
  const h = createHmac('sha256', secret);
  // length-prefix every field so that ("ab","c") and ("a","bc") sign differently
  for (const f of fields) h.update(`${Buffer.byteLength(f)}:${f}`);
  return h.digest();
};

/**
 * Signs a list of fields with HMAC-SHA256 (staging addresses now, presigned URLs later).
 * @param secret - the server's signing secret
 * @param fields - what the signature binds
 * @returns a base64url signature
 */
export const signFields = (secret: string, fields: readonly string[]): string =>
  mac(secret, fields).toString('base64url');

/**
 * Checks a signature made by {@link signFields} in constant time.
 * @returns true when `signature` signs exactly `fields`
 */
export function verifyFields(secret: string, fields: readonly string[], signature: string): boolean {
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, fields);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
