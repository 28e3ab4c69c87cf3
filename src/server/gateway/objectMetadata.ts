import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeHeaderValue, encodeHeaderValue } from './rfc2047';
import { s3Error } from './s3Errors';

const PREFIX = 'x-amz-meta-';
/** lakeFS stores S3 user metadata under its canonical header name, which the API then shows. */
const STORED_PREFIX = 'X-Amz-Meta-';
const MAX_METADATA_BYTES = 2 * 1024;
const VALID_KEY = /^[A-Za-z0-9\-_.#!$%&'*+^`|~]+$/;

/**
 * User metadata from `x-amz-meta-*` headers (values RFC 2047 decoded), keyed as lakeFS's gateway keys them (`X-Amz-Meta-<lower name>`);
 * more than 2 KiB is refused.
 * @param req - the request
 * @returns the metadata to store
 */
export function amzMetadata(req: IncomingMessage): Record<string, string> {
  const metadata: Record<string, string> = {};
  let size = 0;
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (!name.startsWith(PREFIX) || !values?.[0]) continue;
    const key = name.slice(PREFIX.length);
    const value = decodeHeaderValue(values[0]);
    size += key.length + value.length;
    if (size > MAX_METADATA_BYTES)
      throw s3Error('InvalidArgument', 'Your metadata headers exceed the maximum allowed metadata size');
    if (VALID_KEY.test(key)) metadata[STORED_PREFIX + key] = value;
  }
  return metadata;
}

/** Go's canonical header form (`foo-bar` → `Foo-Bar`), which lakeFS's answers carry and boto3 shows as is. */
const canonicalHeaderName = (name: string): string =>
  name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());

/**
 * Writes stored S3 user metadata back as `x-amz-meta-*` response headers (other metadata stays private to
 * the API, as in lakeFS).
 * @param res - the response
 * @param metadata - the entry's metadata
 */
export function writeAmzMetadata(res: ServerResponse, metadata: Readonly<Record<string, string>>): void {
  for (const [key, value] of Object.entries(metadata)) {
    if (!key.startsWith(STORED_PREFIX)) continue;
    const name = key.slice(STORED_PREFIX.length);
    // non-ASCII values go out RFC 2047 encoded, as lakeFS sends them
    const safe = encodeHeaderValue(value);
    if (VALID_KEY.test(name)) res.setHeader(`X-Amz-Meta-${canonicalHeaderName(name)}`, safe);
  }
}
