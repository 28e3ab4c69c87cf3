/**
 * Memory benchmark: uploads a generated 512 MiB stream, then reads it back, and prints how much the
 * client process's RSS grew at its peak. The local server runs in a child process, so only the client
 * is measured. Target: < 64 MiB.
 *
 *   npx tsx bench/memory-transfer.ts [sizeMiB]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { lastValueFrom } from 'rxjs';
import { LakeFS } from '../src';
import { startServer } from '../src/server';

const MiB = 1024 * 1024;
const TARGET_MIB = 64;
const CHUNK = 256 * 1024;

/** Child mode: start the local server and print its address and credentials as one JSON line. */
async function serve(): Promise<void> {
  const server = await startServer();
  process.stdout.write(`${JSON.stringify({ url: server.url, ...server.credentials })}\n`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

/** Starts this file in `--serve` mode with the same loader (tsx) and waits for its JSON line. */
async function startServerProcess(): Promise<{
  child: ChildProcess;
  url: string;
  accessKeyId: string;
  secretAccessKey: string;
}> {
  const child = spawn(process.execPath, [...process.execArgv, __filename, '--serve'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
  });
  lines.close();
  return { child, ...(JSON.parse(first) as { url: string; accessKeyId: string; secretAccessKey: string }) };
}

/** Tracks the peak RSS above a baseline, sampling on a timer and whenever `sample()` is called. */
class RssPeak {
  private baseline = process.memoryUsage.rss();
  private peak = this.baseline;
  private readonly timer = setInterval(() => this.sample(), 10);
  reset(): void {
    this.baseline = process.memoryUsage.rss();
    this.peak = this.baseline;
  }
  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }
  growthMiB(): number {
    this.sample();
    return (this.peak - this.baseline) / MiB;
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

async function measure(sizeMiB: number): Promise<void> {
  const server = await startServerProcess();
  const rss = new RssPeak();
  try {
    const lakefs = new LakeFS({
      endpoint: server.url,
      accessKeyId: server.accessKeyId,
      secretAccessKey: server.secretAccessKey,
    });
    const repo = lakefs.repository(`bench-${Date.now().toString(36)}`);
    await lastValueFrom(repo.create());
    const obj = repo.branch('main').object('bench/big.bin');
    // Warm up: load every module and JIT the hot paths before the baseline is taken.
    await lastValueFrom(obj.upload(new Uint8Array(4 * MiB)));
    await lastValueFrom(obj.bytes());

    const chunks = (sizeMiB * MiB) / CHUNK;
    const sent = createHash('md5');
    async function* generate(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < chunks; i++) {
        const chunk = new Uint8Array(CHUNK).fill(i % 251);
        chunk[0] = i & 0xff;
        sent.update(chunk);
        rss.sample();
        yield chunk;
      }
    }
    rss.reset();
    const started = Date.now();
    const info = await lastValueFrom(obj.upload(generate()));
    const uploadMs = Date.now() - started;
    const uploadGrowth = rss.growthMiB();
    const expected = sent.digest('hex');
    if (info.sizeBytes !== sizeMiB * MiB || info.checksum !== expected)
      throw new Error(`upload mismatch: ${info.sizeBytes} bytes, checksum ${info.checksum} ≠ ${expected}`);

    rss.reset();
    const readStarted = Date.now();
    const received = createHash('md5');
    let bytes = 0;
    await new Promise<void>((resolve, reject) =>
      obj.read().subscribe({
        next: (chunk) => {
          received.update(chunk);
          bytes += chunk.byteLength;
          rss.sample();
        },
        error: reject,
        complete: resolve,
      }),
    );
    const readMs = Date.now() - readStarted;
    const readGrowth = rss.growthMiB();
    if (bytes !== sizeMiB * MiB || received.digest('hex') !== expected) throw new Error('read-back mismatch');

    const peak = Math.max(uploadGrowth, readGrowth);
    const rate = (ms: number): string => `${((sizeMiB / ms) * 1000).toFixed(0)} MiB/s`;
    console.log(`object size:          ${sizeMiB} MiB (generated in ${CHUNK / 1024} KiB chunks)`);
    console.log(
      `upload:               ${uploadMs} ms (${rate(uploadMs)}), peak client RSS growth ${uploadGrowth.toFixed(1)} MiB`,
    );
    console.log(
      `read:                 ${readMs} ms (${rate(readMs)}), peak client RSS growth ${readGrowth.toFixed(1)} MiB`,
    );
    console.log(
      `peak RSS growth:      ${peak.toFixed(1)} MiB (target < ${TARGET_MIB} MiB) ${peak < TARGET_MIB ? 'PASS' : 'FAIL'}`,
    );
    if (peak >= TARGET_MIB) process.exitCode = 1;
    await lastValueFrom(repo.delete());
  } finally {
    rss.stop();
    server.child.kill('SIGTERM');
  }
}

if (require.main === module) {
  const run = process.argv.includes('--serve') ? serve() : measure(Number(process.argv[2] ?? 512));
  run.catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
