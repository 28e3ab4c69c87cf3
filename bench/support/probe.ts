import type { ServerProbeSample } from './serverProcess';
import type { BenchTarget } from './target';

/** Reads the server process's cumulative CPU time in µs, or undefined when the target has no probe. */
export async function serverCpuUs(target: BenchTarget): Promise<number | undefined> {
  if (!target.probeUrl) return undefined;
  const response = await fetch(target.probeUrl);
  const sample = (await response.json()) as ServerProbeSample;
  return sample.userUs + sample.systemUs;
}

/** One timed batch: wall time, and CPU time spent by this process and by the server. */
export interface Timing {
  readonly wallMs: number;
  /** CPU (user + system) of the client process during the batch. */
  readonly clientCpuUs: number;
  /** CPU of the server process during the batch; undefined against a real lakeFS. */
  readonly serverCpuUs?: number;
}

/** Times `batch`, charging CPU to client and server separately. */
export async function measure(target: BenchTarget, batch: () => Promise<unknown>): Promise<Timing> {
  const serverBefore = await serverCpuUs(target);
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await batch();
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const serverAfter = await serverCpuUs(target);
  return {
    wallMs,
    clientCpuUs: cpu.user + cpu.system,
    ...(serverBefore !== undefined && serverAfter !== undefined
      ? { serverCpuUs: serverAfter - serverBefore }
      : {}),
  };
}
