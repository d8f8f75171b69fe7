import { arch, cpus, platform, totalmem } from "node:os";

export interface MachineInfo {
  node: string;
  platform: string;
  arch: string;
  cpus: { model: string; count: number };
  totalMemoryGiB: number;
}

/** What the numbers were measured on. */
export function describeMachine(): MachineInfo {
  const list = cpus();
  return {
    node: process.version,
    platform: platform(),
    arch: arch(),
    cpus: { model: list[0]?.model.trim() ?? "unknown", count: list.length },
    totalMemoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  };
}
