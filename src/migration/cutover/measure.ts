/**
 * Bytes a step moved, and the pace: read from what the tools say (rsync --stats) or from a
 * size the step declares (`measure:` a file or folder). The window prediction compares the
 * pace the full copy really had with the plan's (src/cutover/engine.ts). Pure.
 */

/** rsync --stats: "Total transferred file size: 1,234,567 bytes" (the last one, when several runs wrote to one log). */
const RSYNC_TRANSFERRED = /^Total transferred file size: ([\d,.]+)(?: bytes)?$/gm;

export function rsyncStatsBytes(log: string): number | undefined {
  let found: number | undefined;
  for (const match of log.matchAll(RSYNC_TRANSFERRED)) {
    const n = Number(match[1]!.replace(/[,.]/g, ""));
    if (Number.isSafeInteger(n)) found = n;
  }
  return found;
}

/** Bytes per second; undefined when nothing was timed. */
export function bytesPerSecond(bytes: number, ms: number): number | undefined {
  return ms > 0 ? Math.round((bytes * 1000) / ms) : undefined;
}

const UNITS = ["B", "KB", "MB", "GB", "TB"];

/** 1536 → "1.5 KB" (powers of 1024, as the plan's GB). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}

/** The plan's GB as bytes (the planner's transfer hours count 1 GB as 1024 MB). */
export const GB = 1024 ** 3;
