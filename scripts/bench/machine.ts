/** The machine a run was measured on: CPU model, cores, memory, Node.js, load. */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly os: string;
  /** 1-minute load average at the start and the end of the run (other processes share the cores). */
  readonly loadStart: number;
  loadEnd?: number;
}

export function machineInfo(): MachineInfo {
  let os: string = process.platform;
  try {
    os = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os;
  } catch {
    // not Linux: the platform name will do
  }
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os,
    loadStart: loadavg()[0],
  };
}

export const currentLoad = (): number => loadavg()[0];
