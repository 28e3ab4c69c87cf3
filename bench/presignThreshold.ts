/**
 * `npx tsx bench/presignThreshold.ts [--latency-ms=5] [--rounds=5]`: where `presign: 'auto'` should stop
 * uploading directly. Against the local server with presign on, with `latency-ms` added to every API
 * request (standing for the round trip to lakeFS; the presigned PUT is not delayed), it times direct and
 * presigned uploads of growing sizes, one at a time.
 *
 * A presigned upload costs two more API round trips than a direct one (address and link) but sends the
 * data straight to the store; a direct upload sends the data through lakeFS, which sends it on to the
 * store: one more hop for every byte. On loopback both hops are the same machine, so the direct path never
 * loses here; what is measured is the fixed cost `extra` (presigned − direct at the smallest size) and the
 * direct path's cost per byte, and the crossover is where one more hop for the data costs as much as the
 * two extra round trips: `extra / perByte`.
 */
import { lastValueFrom } from 'rxjs';
import { LakeFS } from '../src';
import { startServer } from '../src/server';

const arg = (name: string, fallback: number): number => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};
const LATENCY_MS = arg('latency-ms', 5);
const ROUNDS = arg('rounds', 5);
const SIZES = [1 << 10, 16 << 10, 64 << 10, 256 << 10, 1 << 20, 4 << 20, 16 << 20];

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function main(): Promise<void> {
  const server = await startServer({ presign: true });
  try {
    const lakefs = new LakeFS({ endpoint: server.url, ...server.credentials });
    const repo = lakefs.repository(`presign-threshold-${Date.now()}`);
    await lastValueFrom(repo.create());
    const main = repo.branch('main');
    server.faults.configure({
      rate: 1,
      kinds: ['latency'],
      latencyMs: LATENCY_MS,
      match: (_m, p) => p.startsWith('/api/v1/'),
    });
    const rows: { size: number; direct: number; presigned: number }[] = [];
    for (const size of SIZES) {
      const data = new Uint8Array(size).fill(7);
      const time = async (presign: boolean): Promise<number> => {
        const start = performance.now();
        await lastValueFrom(main.object(`s/${size}-${presign}`).upload(data, { presign }));
        return performance.now() - start;
      };
      await time(false);
      await time(true);
      const direct: number[] = [];
      const presigned: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        direct.push(await time(false));
        presigned.push(await time(true));
      }
      rows.push({ size, direct: median(direct), presigned: median(presigned) });
    }
    const first = rows[0]!;
    const last = rows[rows.length - 1]!;
    const extra = first.presigned - first.direct;
    const perByte = (last.direct - first.direct) / (last.size - first.size);
    const lines = [
      `API latency ${LATENCY_MS} ms, ${ROUNDS} rounds (medians, ms per upload)`,
      '',
      '| size | direct | presigned |',
      '| --: | --: | --: |',
      ...rows.map((r) => `| ${r.size / 1024} KiB | ${r.direct.toFixed(1)} | ${r.presigned.toFixed(1)} |`),
      '',
      `presigned fixed extra: ${extra.toFixed(1)} ms; direct cost per MiB: ${(perByte * 2 ** 20).toFixed(1)} ms`,
      `crossover (one more data hop = two more round trips): ${(extra / perByte / 1024).toFixed(0)} KiB`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await server.close();
  }
}

void main();
