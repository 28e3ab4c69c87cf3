import type { Timing } from './probe';
import { median, ratio } from './stats';

/** Medians over the rounds of one measured configuration, normalised per operation. */
export interface Summary {
  /** Rounds measured. */
  readonly rounds: number;
  /** Operations per round (objects listed, calls made, bytes moved…). */
  readonly ops: number;
  readonly wallMs: number;
  readonly opsPerSecond: number;
  readonly wallUsPerOp: number;
  readonly clientCpuUsPerOp: number;
  /** Undefined against a real lakeFS. */
  readonly serverCpuUsPerOp?: number;
}

/** Summarises the timings of repeated runs of `ops` operations by their medians. */
export function summarize(timings: readonly Timing[], ops: number): Summary {
  const wallMs = median(timings.map((t) => t.wallMs));
  const server = timings.flatMap((t) => (t.serverCpuUs === undefined ? [] : [t.serverCpuUs]));
  return {
    rounds: timings.length,
    ops,
    wallMs,
    opsPerSecond: ops / (wallMs / 1000),
    wallUsPerOp: (wallMs * 1000) / ops,
    clientCpuUsPerOp: median(timings.map((t) => t.clientCpuUs)) / ops,
    ...(server.length ? { serverCpuUsPerOp: median(server) / ops } : {}),
  };
}

/**
 * Throughput ratio predicted from CPU cost alone, (raw client CPU + server CPU) / (client CPU + server
 * CPU) per operation: what the wall ratio tends to when the CPU is the bottleneck, and a figure that does
 * not move with other load on the machine.
 */
export function cpuCostRatio(client: Summary, raw: Summary): number {
  if (client.serverCpuUsPerOp === undefined || raw.serverCpuUsPerOp === undefined) return Number.NaN;
  return ratio(
    raw.clientCpuUsPerOp + raw.serverCpuUsPerOp,
    client.clientCpuUsPerOp + client.serverCpuUsPerOp,
  );
}
