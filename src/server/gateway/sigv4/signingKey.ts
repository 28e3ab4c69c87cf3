import { createHash, createHmac } from 'node:crypto';

/** Hex SHA-256 of a string or bytes. */
export const sha256Hex = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex');

/** HMAC-SHA256. */
export const hmac = (key: string | Buffer, data: string): Buffer =>
  createHmac('sha256', key).update(data).digest();

/** The hex SHA-256 of the empty string, part of every chunk's string to sign. */
export const EMPTY_SHA256 = sha256Hex('');

/** What a SigV4 credential scope names: `<date>/<region>/<service>/aws4_request`. */
export interface CredentialScope {
  /** `yyyyMMdd` */
  readonly date: string;
  readonly region: string;
  readonly service: string;
}

/** The scope string of the string to sign. */
export const scopeString = (scope: CredentialScope): string =>
  `${scope.date}/${scope.region}/${scope.service}/aws4_request`;

/**
 * The SigV4 signing key derived from the secret and the scope.
 * @param secretAccessKey - the secret of the key pair
 * @param scope - date, region and service of the credential
 * @returns the key to HMAC strings to sign with
 */
export function signingKey(secretAccessKey: string, scope: CredentialScope): Buffer {
  const dateKey = hmac(`AWS4${secretAccessKey}`, scope.date);
  return hmac(hmac(hmac(dateKey, scope.region), scope.service), 'aws4_request');
}
