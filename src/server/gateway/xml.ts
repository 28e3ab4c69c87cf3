import { XMLParser } from 'fast-xml-parser';
import type { ServerResponse } from 'node:http';
import { s3Error } from './s3Errors';

/** One element of an XML answer: text, a number, a flag, nested elements, or absent (skipped). */
export type XmlValue = string | number | boolean | undefined | XmlElement | readonly XmlElement[];
/** An element: name → value; arrays repeat the element (`CommonPrefixes`, `Contents`, …). */
export interface XmlElement {
  readonly [name: string]: XmlValue | readonly XmlValue[];
}

const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';
// XML 1.0 cannot carry most control characters even as references: S3 keys may hold them, so they are dropped
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Escapes text for element content and attribute values. */
export const escapeXml = (text: string): string =>
  text.replace(INVALID_XML, '').replace(/[<>&'"\r]/g, (c) => `&#${c.charCodeAt(0)};`);

function writeValue(name: string, value: XmlValue | readonly XmlValue[], out: string[]): void {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value as readonly XmlValue[]) writeValue(name, item, out);
    return;
  }
  out.push(`<${name}>`);
  if (typeof value === 'object') {
    for (const [child, v] of Object.entries(value as XmlElement)) writeValue(child, v, out);
  } else out.push(escapeXml(String(value)));
  out.push(`</${name}>`);
}

/**
 * Serialises an S3 answer document (root in S3's namespace).
 * @param root - the root element's name, e.g. `ListBucketResult`
 * @param body - its children
 * @returns the document text
 */
export function xmlDocument(root: string, body: XmlElement): string {
  const out = [`<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${S3_NAMESPACE}">`];
  for (const [name, value] of Object.entries(body)) writeValue(name, value, out);
  out.push(`</${root}>`);
  return out.join('');
}

/**
 * Sends an XML document with status 200 (or `status`).
 * @param res - the response
 * @param root - the root element's name
 * @param body - its children
 * @param status - the HTTP status @default 200
 */
export function sendXml(res: ServerResponse, root: string, body: XmlElement, status = 200): void {
  const text = xmlDocument(root, body);
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  // numeric character references too: Go clients (minio, the AWS SDK) write a quoted ETag as `&#34;…&#34;`
  htmlEntities: true,
  isArray: (name) => name === 'Object' || name === 'Part',
});

/**
 * Reads and parses a small XML request body (`DeleteObjects`, `CompleteMultipartUpload`); anything that is
 * not well-formed or larger than `limit` is `MalformedXML`.
 * @param body - the (already authenticated) request body
 * @param limit - the largest body accepted, in bytes
 * @returns the parsed document (elements as objects, `Object` and `Part` always arrays)
 */
export async function readXmlBody(
  body: AsyncIterable<Uint8Array>,
  limit: number,
): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) throw s3Error('MalformedXML');
    chunks.push(Buffer.from(chunk));
  }
  try {
    const parsed: unknown = parser.parse(Buffer.concat(chunks).toString('utf8'), true);
    if (typeof parsed !== 'object' || parsed === null) throw s3Error('MalformedXML');
    return parsed as Record<string, unknown>;
  } catch {
    throw s3Error('MalformedXML');
  }
}
