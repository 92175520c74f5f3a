/**
 * The live table a run draws on a terminal: its rows from the journal's fold (phase,
 * elapsed, ETA from the plan's estimates at the measured pace), its rendering as a pure
 * function, and the redraw that keeps the run's lines above it. Without a terminal the
 * run prints its quiet lines only (the other cutover tests run that way).
 */
import { describe, expect, test } from "vitest";
import { formatDuration, LiveTable, liveRows, renderLiveTable, type LiveRow } from "../../src/cli/cutover-live";
import { fold, type JournalRecord } from "../../src/migration/cutover/journal";
import { SiteActionsSchema } from "../../src/migration/cutover/model";
import { resolveSystem } from "../../src/migration/cutover/resolve";
import type { SystemPlan } from "../../src/migration/plan/types";

const PHASES: [string, boolean, number][] = [
  ["full-copy", false, 4],
  ["freeze", true, 0.5],
  ["final-sync", true, 1],
  ["switch-traffic", true, 0.5],
  ["observe", false, 168],
  ["finalize", false, 2],
];

function resolved(id: string) {
  const ok = [{ kind: "run", argv: ["true"], idempotent: true }];
  const site = SiteActionsSchema.parse({
    version: 1,
    defaults: { phases: Object.fromEntries(PHASES.map(([p]) => [p, ok])), rollback: ok },
  });
  const system = {
    id,
    department: "d",
    wave: "w",
    runbook: { steps: PHASES.map(([phase, inWindow, hours]) => ({ phase, inWindow, hours })) },
  } as unknown as SystemPlan;
  return resolveSystem(site, system, undefined, "/state").resolved;
}

let seq = 0;
const at = (minute: number) => new Date(Date.UTC(2018, 2, 10, 14, minute)).toISOString();
const rec = (event: Record<string, unknown>, minute: number) =>
  ({ seq: ++seq, prev: "", at: at(minute), run: "r", operator: "o", host: "h", ...event }) as unknown as JournalRecord;

describe("liveRows", () => {
  test("phase, elapsed since its first step, and the estimate left before the observation", () => {
    const records = [
      rec({ type: "system", system: "a", state: "in-progress" }, 0),
      rec({ type: "phase", system: "a", phase: "full-copy", state: "succeeded" }, 0),
      rec({ type: "phase", system: "a", phase: "freeze", state: "succeeded" }, 1),
      rec({ type: "phase", system: "a", phase: "final-sync", state: "running" }, 2),
      rec(
        {
          type: "step",
          system: "a",
          phase: "final-sync",
          step: 0,
          name: "x",
          attempt: 1,
          outcome: "started",
          started: at(2),
        },
        2,
      ),
      rec({ type: "system", system: "b", state: "in-progress" }, 3),
      rec({ type: "system", system: "c", state: "in-progress" }, 3),
      rec({ type: "phase", system: "c", phase: "full-copy", state: "failed" }, 4),
    ];
    const f = fold(records);
    const stateOf = (id: string) => f.systems.get(id)!;
    const rows = liveRows([resolved("a"), resolved("b"), resolved("c")], stateOf, new Date(at(22)), () => 2);
    expect(rows).toEqual([
      // final sync: 1 h at twice the plan's pace = 2 h, 20 min gone; then the switch's 0.5 h.
      {
        system: "a",
        state: "in-progress",
        phase: "final-sync",
        elapsedMs: 20 * 60_000,
        etaMs: (2 + 0.5) * 3_600_000 - 20 * 60_000,
      },
      {
        system: "b",
        state: "in-progress",
        phase: "next: full-copy",
        elapsedMs: null,
        etaMs: (4 + 0.5 + 2 + 0.5) * 3_600_000,
      },
      {
        system: "c",
        state: "in-progress",
        phase: "full-copy (failed)",
        elapsedMs: null,
        etaMs: (4 + 0.5 + 2 + 0.5) * 3_600_000,
      },
    ]);
  });
});

describe("renderLiveTable", () => {
  const rows: LiveRow[] = [
    {
      system: "edu-student-registry",
      state: "in-progress",
      phase: "offline-copy",
      elapsedMs: 75_000,
      etaMs: 3 * 3_600_000 + 5 * 60_000,
    },
    { system: "edu-oa", state: "observing", phase: "-", elapsedMs: null, etaMs: null },
  ];

  test("aligned columns, durations right-aligned", () => {
    expect(renderLiveTable(rows, 120)).toEqual([
      "system                state        phase         elapsed     ETA",
      "edu-student-registry  in-progress  offline-copy   1m 15s  3h 05m",
      "edu-oa                observing    -                   -       -",
    ]);
  });

  test("cut to the terminal's width", () => {
    expect(renderLiveTable(rows, 20).every((line) => line.length <= 20)).toBe(true);
  });

  test("durations", () => {
    expect([0, 59_999, 60_000, 3_599_000, 3_600_000, 90_061_000].map(formatDuration)).toEqual([
      "0s",
      "59s",
      "1m 00s",
      "59m 59s",
      "1h 00m",
      "25h 01m",
    ]);
  });
});

test("LiveTable: a run's line is printed above the table, which is drawn again below it", () => {
  const written: string[] = [];
  let phase = "freeze";
  const table = new LiveTable({ columns: 80, write: (text) => written.push(text) }, () => [
    { system: "a", state: "in-progress", phase, elapsedMs: 1000, etaMs: 2000 },
  ]);
  table.start();
  phase = "final-sync";
  table.say("a: freeze succeeded");
  table.stop();
  expect(written).toEqual([
    "system  state        phase   elapsed  ETA\na       in-progress  freeze       1s   2s\n",
    "\x1b[2A\x1b[J",
    "a: freeze succeeded\n",
    "system  state        phase       elapsed  ETA\na       in-progress  final-sync       1s   2s\n",
    "\x1b[2A\x1b[J",
  ]);
});
