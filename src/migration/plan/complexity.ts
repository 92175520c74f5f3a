/**
 * How hard a system is to move, for "easy first, step by step" (先易后难, seed 004):
 * more servers, more data, more links to other systems, a higher MLPS level, a public
 * face and a small downtime tolerance all make a cutover harder.
 */
import { serverCount, type System } from "../inventory/model";

export function complexityScore(system: System, links: number): number {
  const servers = serverCount(system);
  const downtime = system.maxDowntimeHours;
  const tight = downtime === undefined ? 0 : downtime <= 1 ? 3 : downtime <= 4 ? 1.5 : 0;
  const score =
    servers +
    2 * Math.log2(1 + system.dataGb / 10) +
    1.5 * links +
    (system.mlpsLevel ?? 1) +
    (system.publicFacing ? 2 : 0) +
    tight;
  return Math.round(score * 10) / 10;
}
