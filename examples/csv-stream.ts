/**
 * Streaming a CSV row by row: the object is read as a stream of chunks, and rows are emitted as soon as
 * their last byte arrives, so a file of any size is processed in the memory of one chunk plus one row.
 *
 * Run it with `npx tsx examples/csv-stream.ts` (starts the local server).
 */
import { Observable, type OperatorFunction, lastValueFrom, reduce, take, toArray } from 'rxjs';
import { LakeFS, type StoredObject } from '../src';
import { runAgainstLocalServer, runIfMain } from './support/runExample';

/**
 * Parses CSV (RFC 4180: quoted fields, `""` escapes, newlines inside quotes, `\n` or `\r\n` line ends) from
 * a stream of byte chunks into a stream of rows. Chunk boundaries may fall anywhere, even inside a UTF-8
 * character; the decoder and parser carry their state from one chunk to the next.
 * @returns an operator from byte chunks to rows (arrays of cells)
 */
export function csvRows(): OperatorFunction<Uint8Array, string[]> {
  return (chunks) =>
    new Observable<string[]>((subscriber) => {
      const decoder = new TextDecoder();
      let row: string[] = [];
      let cell = '';
      let quoted = false;
      let quoteSeen = false; // the previous character was a quote inside a quoted cell
      let rowHasContent = false;
      const endCell = (): void => {
        row.push(cell);
        cell = '';
      };
      const endRow = (): void => {
        endCell();
        // A blank line is no row at all.
        if (rowHasContent || row.length > 1 || row[0] !== '') subscriber.next(row);
        row = [];
        rowHasContent = false;
      };
      const feed = (text: string): void => {
        for (const ch of text) {
          if (quoted) {
            if (quoteSeen) {
              quoteSeen = false;
              if (ch === '"') {
                cell += '"';
                continue;
              }
              quoted = false; // the quote closed the cell; fall through to handle `ch` unquoted
            } else if (ch === '"') {
              quoteSeen = true;
              continue;
            } else {
              cell += ch;
              continue;
            }
          }
          if (ch === '"' && cell === '') {
            quoted = true;
            rowHasContent = true;
          } else if (ch === ',') {
            endCell();
            rowHasContent = true;
          } else if (ch === '\n') {
            endRow();
          } else if (ch !== '\r') {
            cell += ch;
            rowHasContent = true;
          }
        }
      };
      return chunks.subscribe({
        next: (chunk) => feed(decoder.decode(chunk, { stream: true })),
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          feed(decoder.decode());
          if (quoted && !quoteSeen) {
            subscriber.error(new Error('CSV ends inside a quoted field'));
            return;
          }
          if (rowHasContent || cell !== '' || row.length > 0) endRow();
          subscriber.complete();
        },
      });
    });
}

/**
 * The rows of a CSV object as records keyed by the header row, streamed.
 * @param object - the CSV object (any ref: branch, tag, commit)
 * @param chunkSize - bytes per read chunk; small values show the streaming at work
 * @returns one record per data row
 */
export function csvRecords(object: StoredObject, chunkSize?: number): Observable<Record<string, string>> {
  return object.read(chunkSize !== undefined ? { chunkSize } : {}).pipe(
    csvRows(),
    (rows) =>
      new Observable<Record<string, string>>((subscriber) => {
        let header: string[] | undefined;
        return rows.subscribe({
          next: (cells) => {
            if (!header) header = cells;
            else subscriber.next(Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
          },
          error: (error: unknown) => subscriber.error(error),
          complete: () => subscriber.complete(),
        });
      }),
  );
}

/** What {@link runCsvStream} found. */
export interface CsvStreamSummary {
  /** Data rows read. */
  readonly rows: number;
  /** Sum of the `amount` column per `region`. */
  readonly totals: Readonly<Record<string, number>>;
  /** The first three records, as read. */
  readonly firstThree: readonly Record<string, string>[];
  /** The record whose `note` holds a quoted comma and line break. */
  readonly tricky: Record<string, string> | undefined;
}

/**
 * Uploads a sales CSV, then streams it back row by row to total the amounts per region.
 * @param lakefs - the client
 * @param log - where to report each step
 * @returns the rows counted and totals computed from the stream
 */
export async function runCsvStream(
  lakefs: LakeFS,
  log: (line: string) => void = console.log,
): Promise<CsvStreamSummary> {
  const repo = lakefs.repository(`csv-stream-${Date.now().toString(36)}`);
  await lastValueFrom(repo.create());
  try {
    const regions = ['north', 'south', 'east', 'west'];
    const lines = ['id,region,amount,note'];
    for (let i = 1; i <= 2000; i++) lines.push(`${i},${regions[i % 4]},${i % 100},plain`);
    lines.push('2001,north,5,"a note, with a comma\nand a line break ""quoted"""');
    const object = repo.branch('main').object('sales/2024.csv');
    const info = await lastValueFrom(object.upload(`${lines.join('\r\n')}\r\n`, { contentType: 'text/csv' }));
    log(`uploaded ${info.path} (${info.sizeBytes} bytes)`);

    // Small chunks so that rows straddle chunk boundaries, as they do in any large file.
    const records = csvRecords(object, 1024);
    // take(3) unsubscribes after the third row, which aborts the rest of the download.
    const firstThree = await lastValueFrom(records.pipe(take(3), toArray()));
    log(`first rows: ${firstThree.map((r) => r.id).join(', ')}`);
    const { rows, totals, tricky } = await lastValueFrom(
      records.pipe(
        reduce(
          (acc, r) => {
            const region = r.region ?? '?';
            acc.totals[region] = (acc.totals[region] ?? 0) + Number(r.amount);
            return { ...acc, rows: acc.rows + 1, tricky: r.id === '2001' ? r : acc.tricky };
          },
          { rows: 0, totals: {}, tricky: undefined } as Omit<CsvStreamSummary, 'firstThree'> & {
            totals: Record<string, number>;
          },
        ),
      ),
    );
    log(`streamed ${rows} rows; totals per region: ${JSON.stringify(totals)}`);
    return { rows, totals, firstThree, tricky };
  } finally {
    await lastValueFrom(repo.delete());
  }
}

runIfMain(module, () => runAgainstLocalServer(runCsvStream));
