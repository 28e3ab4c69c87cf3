import { cpus, loadavg, release, totalmem, type as osType, arch } from 'node:os';

/** What the figures were measured on. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly node: string;
  readonly os: string;
  readonly memoryBytes: number;
}

/** Describes this machine. */
export function machineInfo(): MachineInfo {
  const all = cpus();
  return {
    cpuModel: all[0]?.model.trim() ?? 'unknown',
    cores: all.length,
    node: process.version,
    os: `${osType()} ${release()} ${arch()}`,
    memoryBytes: totalmem(),
  };
}

/** The 1-minute load average: how busy the machine was besides the benchmark. */
export function loadAverage(): number {
  return loadavg()[0] ?? 0;
}
