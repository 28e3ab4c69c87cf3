import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import type { ReadStreamOptions, StoredObject } from '../resources/StoredObject';

/**
 * The object's content as a Node `Readable`, like `fs.createReadStream`: the request starts on the first
 * read, data is pulled only as fast as the consumer reads (backpressure, nothing buffered beyond
 * Node's high-water mark), and destroying the stream aborts the request.
 * @param object - the object to read, e.g. `repo.ref('main').object('a.csv')`
 * @param options - a byte range; see {@link ReadStreamOptions}
 * @returns a readable of the object's bytes; it errors with `ObjectNotFoundError` when the object is missing
 * @example
 * await pipeline(createObjectReadStream(obj), createGzip(), createWriteStream('a.csv.gz'));
 * @group Transfers
 */
export function createObjectReadStream(object: StoredObject, options: ReadStreamOptions = {}): Readable {
  return Readable.fromWeb(object.readStream(options) as unknown as NodeWebReadableStream<Uint8Array>);
}
