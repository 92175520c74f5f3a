/**
 * What `govcloud cutover status` prints from the journal's fold: per system its state, the
 * phase it is in, the data it moved where measured (bytes and pace) and its last record.
 * Pure: the command reads the state and prints these lines.
 */
import { bytesPerSecond, formatBytes } from "../migration/cutover/measure";
import type { Folding, RunFold, SystemFold } from "../migration/cutover/journal";

/** The phase a system is in ("offline-copy (running)"), or the last it finished ("after verify"). */
export function currentPhase(st: SystemFold): string {
  let last = "";
  for (const [phase, p] of st.phases) if (p.state === "running" || p.state === "failed") return `${phase} (${p.state})`;
  for (const [phase, p] of st.phases) if (p.state === "succeeded") last = phase;
  return last ? `after ${last}` : "-";
}

export interface Moved {
  readonly bytes: number;
  /** Over the time of the steps that measured it; absent when they took no time. */
  readonly bytesPerSecond?: number;
}

/** The data each phase of this try moved, where its steps measured it. */
export function movedByPhase(st: SystemFold): Record<string, Moved> {
  const out: Record<string, Moved> = {};
  for (const [phase, p] of st.phases) {
    if (p.bytes <= 0) continue;
    const pace = bytesPerSecond(p.bytes, p.measuredMs);
    out[phase] = pace === undefined ? { bytes: p.bytes } : { bytes: p.bytes, bytesPerSecond: pace };
  }
  return out;
}

/** "1.2 GB, 40.0 MB/s" for the whole try (the pace over the measured steps' time); "-" when nothing was measured. */
export function movedText(st: SystemFold): string {
  let bytes = 0;
  let ms = 0;
  for (const p of st.phases.values()) {
    bytes += p.bytes;
    ms += p.measuredMs;
  }
  if (bytes <= 0) return "-";
  const pace = bytesPerSecond(bytes, ms);
  return pace === undefined ? formatBytes(bytes) : `${formatBytes(bytes)}, ${formatBytes(pace)}/s`;
}

const sortedSystems = (f: RunFold) => [...f.systems.entries()].sort(([a], [b]) => (a < b ? -1 : 1));

export function statusJson(f: Folding, records: number, problems: readonly unknown[]): string {
  const systems = sortedSystems(f).map(([id, st]) => ({
    system: id,
    state: st.state,
    phase: currentPhase(st),
    tries: st.tries,
    updated: st.updated,
    ...(st.reason ? { reason: st.reason } : {}),
    phases: Object.fromEntries([...st.phases].map(([p, x]) => [p, x.state])),
    moved: movedByPhase(st),
  }));
  return JSON.stringify({ records, journalProblems: problems, systems }, null, 2);
}

export function statusLines(f: RunFold): string[] {
  const rows = sortedSystems(f);
  if (rows.length === 0) return [];
  const width = Math.max(6, ...rows.map(([id]) => id.length));
  const moved = rows.map(([, st]) => movedText(st));
  const movedWidth = Math.max(5, ...moved.map((m) => m.length));
  return [
    `${"system".padEnd(width)}  ${"state".padEnd(14)}  ${"phase".padEnd(26)}  ${"moved".padEnd(movedWidth)}  updated`,
    ...rows.map(
      ([id, st], i) =>
        `${id.padEnd(width)}  ${st.state.padEnd(14)}  ${currentPhase(st).padEnd(26)}  ` +
        `${moved[i]!.padEnd(movedWidth)}  ` +
        `${st.updated}${st.reason && st.state === "needs-operator" ? `\n  ${st.reason}` : ""}`,
    ),
  ];
}
