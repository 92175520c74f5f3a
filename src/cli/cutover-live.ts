/**
 * The live table on a terminal while a run works: per system its state, the phase it is
 * in, how long that phase has run, and the time left until the switch's checks are done
 * (the plan's estimates of the phases left, the data-moving ones at the measured pace).
 * liveRows and renderLiveTable are pure; LiveTable redraws them in place on a TTY, with
 * the run's lines printed above it. Without a TTY nothing of this runs: the quiet lines.
 */
import { ruleOf } from "../migration/cutover/itinerary";
import type { SystemFold } from "../migration/cutover/journal";
import type { ResolvedSystem } from "../migration/cutover/resolve";

export interface LiveRow {
  readonly system: string;
  readonly state: string;
  readonly phase: string;
  /** How long the current phase has run (null: none running). */
  readonly elapsedMs: number | null;
  /** The estimate of what is left before the observation (null: nothing left). */
  readonly etaMs: number | null;
}

const HOUR = 3_600_000;

export function liveRows(
  systems: readonly ResolvedSystem[],
  stateOf: (id: string) => SystemFold,
  now: Date,
  pace: (rs: ResolvedSystem) => number,
): LiveRow[] {
  return systems.map((rs) => {
    const st = stateOf(rs.system.id);
    // The work a run does by itself: up to the observation (it and finalize wait for time and people).
    const work = rs.phases.filter((p, i) => {
      const firstWait = rs.phases.findIndex((x) => ruleOf(x.id).enters === "observing" || ruleOf(x.id).byCommand);
      return firstWait === -1 || i < firstWait;
    });
    const left = work.filter((p) => !["succeeded", "skipped"].includes(st.phases.get(p.id)?.state ?? "pending"));
    const current = left[0];
    const running = current && st.phases.get(current.id)?.state === "running" ? st.phases.get(current.id) : undefined;
    const starts = running ? [...running.steps.values()].map((s) => Date.parse(s.firstStarted)) : [];
    const elapsedMs = starts.length > 0 ? Math.max(0, now.getTime() - Math.min(...starts)) : null;
    const factor = pace(rs);
    const estimate = (p: (typeof work)[number]) => p.hours * (ruleOf(p.id).movesData ? factor : 1) * HOUR;
    const etaMs =
      left.length === 0 || st.state === "needs-operator"
        ? null
        : Math.max(0, left.reduce((n, p) => n + estimate(p), 0) - (elapsedMs ?? 0));
    const phase = running
      ? current!.id
      : current && st.phases.get(current.id)?.state === "failed"
        ? `${current.id} (failed)`
        : st.state === "in-progress" && current
          ? `next: ${current.id}`
          : "-";
    return { system: rs.system.id, state: st.state, phase, elapsedMs, etaMs };
  });
}

/** 75 s → "1m 15s"; 3 h 5 m → "3h 05m". */
export function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m`;
}

/** The table's lines, each cut to the terminal's width. */
export function renderLiveTable(rows: readonly LiveRow[], columns: number): string[] {
  const cells = rows.map((r) => [
    r.system,
    r.state,
    r.phase,
    r.elapsedMs === null ? "-" : formatDuration(r.elapsedMs),
    r.etaMs === null ? "-" : formatDuration(r.etaMs),
  ]);
  const header = ["system", "state", "phase", "elapsed", "ETA"];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) =>
    c
      .map((x, i) => (i >= 3 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd()
      .slice(0, Math.max(1, columns));
  return [line(header), ...cells.map(line)];
}

export interface Terminal {
  readonly columns: number;
  write(text: string): void;
}

/** Redraws the table in place every second and after every line printed above it. */
export class LiveTable {
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly terminal: Terminal,
    private readonly rows: () => LiveRow[],
  ) {}

  start(): void {
    this.draw();
    this.timer = setInterval(() => this.draw(), 1000);
    this.timer.unref();
  }

  /** A run's line, printed above the table. */
  say(line: string): void {
    this.clear();
    this.terminal.write(`${line}\n`);
    this.draw();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.clear();
  }

  private clear(): void {
    if (this.drawn > 0) this.terminal.write(`\x1b[${this.drawn}A\x1b[J`);
    this.drawn = 0;
  }

  private draw(): void {
    this.clear();
    const lines = renderLiveTable(this.rows(), this.terminal.columns);
    this.terminal.write(`${lines.join("\n")}\n`);
    this.drawn = lines.length;
  }
}
