import type { EntryRecord } from '../../store/types';
import type { BucketRequest } from '../GatewayRequest';
import { quotedEtag, s3Key, s3Timestamp } from '../GatewayRequest';
import { s3Error } from '../s3Errors';
import type { PageRow } from '../../store/pageRows';
import { sendXml, type XmlElement } from '../xml';

const MAX_KEYS = 1000;

/** A listing prefix `<ref>/<path>` split as lakeFS splits it; no slash means "branches starting with". */
function splitPrefix(prefix: string): { ref: string; path?: string } {
  const slash = prefix.indexOf('/');
  return slash < 0 ? { ref: prefix } : { ref: prefix.slice(0, slash), path: prefix.slice(slash + 1) };
}

function maxKeys(query: URLSearchParams): number {
  const text = query.get('max-keys');
  if (text === null || text === '') return MAX_KEYS;
  if (!/^\d+$/.test(text))
    throw s3Error('InvalidArgument', 'Provided max-keys not an integer or within integer range');
  return Math.min(Number(text), MAX_KEYS);
}

interface Page {
  readonly contents: XmlElement[];
  readonly prefixes: XmlElement[];
  readonly keyCount: number;
  readonly hasMore: boolean;
  /** The last key (or common prefix) of the page, with its ref. */
  readonly lastKey?: string;
}

function listPage(
  v2: boolean,
  request: BucketRequest,
  prefix: string,
  from: string,
  amount: number,
  delimiter: string,
  encode: (k: string) => string,
): Page {
  const { store, repo } = request;
  const split = splitPrefix(prefix);
  if (split.path === undefined) {
    // lakeFS lists the branches as common prefixes `<branch>/` until the prefix names a ref
    const after = from.endsWith('/') ? from.slice(0, -1) : from;
    const { names, hasMore } = store.branchNames(repo, split.ref, after, amount);
    return {
      contents: [],
      prefixes: names.map((name) => ({ Prefix: encode(`${name}/`) })),
      keyCount: names.length,
      hasMore,
      lastKey: names.length ? names[names.length - 1] : undefined,
    };
  }
  let after = '';
  if (from) {
    const start = splitPrefix(from);
    if (start.path === undefined || start.ref !== split.ref) throw s3Error('BadRequest');
    after = start.path;
  }
  // lakeFS answers V2 on a ref that does not resolve with 400, V1 with an empty listing
  if (v2 && !store.view(repo, split.ref)) throw s3Error('BadRequest');
  const { rows, hasMore } = store.list(repo, split.ref, { prefix: split.path, after, delimiter, amount });
  const files = rows.filter((r): r is Required<PageRow<EntryRecord>> => r.value !== undefined);
  const last = rows[rows.length - 1];
  return {
    contents: files.map((r) => ({
      Key: encode(s3Key(split.ref, r.path)),
      LastModified: s3Timestamp(r.value.mtime),
      ETag: quotedEtag(r.value.checksum),
      Size: r.value.sizeBytes,
      StorageClass: 'STANDARD',
    })),
    prefixes: rows
      .filter((r) => r.value === undefined)
      .map((r) => ({ Prefix: encode(s3Key(split.ref, r.path)) })),
    keyCount: rows.length,
    hasMore,
    lastKey: last ? s3Key(split.ref, last.path) : undefined,
  };
}

/**
 * ListObjects V1 and V2 on a repository: keys are `<ref>/<path>`; a prefix without a slash lists the
 * branches as common prefixes, as lakeFS does. Markers and continuation tokens are plain keys.
 * @param request - the request on the bucket
 */
export function listObjects(request: BucketRequest): void {
  const { query, res, repo } = request;
  const v2 = query.get('list-type') === '2';
  if (query.has('list-type') && !v2 && query.get('list-type') !== '1') throw s3Error('BadRequest');
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const urlEncoding = query.get('encoding-type') === 'url';
  const encode = (key: string): string => (urlEncoding ? encodeURIComponent(key).replace(/%2F/g, '/') : key);
  const amount = maxKeys(query);
  const token = query.get('continuation-token') ?? '';
  const startAfter = query.get('start-after') ?? '';
  const marker = query.get('marker') ?? '';
  const from = v2 ? token || startAfter : marker;
  const page =
    amount === 0
      ? { contents: [], prefixes: [], keyCount: 0, hasMore: false }
      : listPage(v2, request, prefix, from, amount, delimiter, encode);
  const common = {
    Name: repo.id,
    Prefix: encode(prefix),
    Delimiter: delimiter ? encode(delimiter) : undefined,
    MaxKeys: amount,
    EncodingType: urlEncoding ? 'url' : undefined,
  };
  if (v2) {
    sendXml(res, 'ListBucketResult', {
      ...common,
      KeyCount: page.keyCount,
      IsTruncated: page.hasMore,
      ContinuationToken: token || undefined,
      NextContinuationToken: page.hasMore ? page.lastKey : undefined,
      StartAfter: startAfter ? encode(startAfter) : undefined,
      Contents: page.contents,
      CommonPrefixes: page.prefixes,
    });
    return;
  }
  sendXml(res, 'ListBucketResult', {
    ...common,
    Marker: encode(marker),
    IsTruncated: page.hasMore,
    // as lakeFS (and S3): only with a delimiter; without one clients continue from the last key
    NextMarker: page.hasMore && delimiter && page.lastKey ? encode(page.lastKey) : undefined,
    Contents: page.contents,
    CommonPrefixes: page.prefixes,
  });
}
