/**
 * Child-process entry that runs the local server for the benchmarks, so that the client under test and
 * the server never share a CPU profile, a heap or an RSS figure.
 *
 * Prints one JSON line on stdout: `{ url, accessKeyId, secretAccessKey, probeUrl }`. `probeUrl` answers
 * with this process's CPU time and memory, which is how the benchmarks charge work to the server.
 * `BENCH_SERVER_LATENCY_MS` delays every API request by that much (the server's latency fault).
 * Stops on SIGTERM, SIGINT or when stdin closes (so a crashed parent never leaves it behind).
 *
 * @example
 * node --import tsx bench/support/serverProcess.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lakefsRx } from './lakefsRx';

/** What the probe answers: cumulative CPU time (µs) and memory (bytes) of the server process. */
export interface ServerProbeSample {
  readonly userUs: number;
  readonly systemUs: number;
  readonly rss: number;
  readonly heapUsed: number;
}

async function main(): Promise<void> {
  const server = await lakefsRx().startServer(
    process.env.BENCH_DATA_DIR ? { dataDir: process.env.BENCH_DATA_DIR } : {},
  );
  // BENCH_SERVER_LATENCY_MS delays every API request, standing in for the round trip to a remote lakeFS
  const latencyMs = Number(process.env.BENCH_SERVER_LATENCY_MS ?? 0);
  if (latencyMs > 0) server.faults.configure({ rate: 1, kinds: ['latency'], latencyMs });
  const probe = createServer((_req, res) => {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    const sample: ServerProbeSample = {
      userUs: cpu.user,
      systemUs: cpu.system,
      rss: memory.rss,
      heapUsed: memory.heapUsed,
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(sample));
  });
  await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
  const { port } = probe.address() as AddressInfo;
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    probe.close();
    // a normal exit lets --cpu-prof write its profile
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
  process.stdout.write(
    `${JSON.stringify({ url: server.url, ...server.credentials, probeUrl: `http://127.0.0.1:${port}/` })}\n`,
  );
}

void main();
