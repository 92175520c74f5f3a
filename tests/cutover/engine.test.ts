/**
 * The engine and its journal with an injected clock and no-op programs (true, false,
 * sh -c exit N): the itinerary's rules — rollback before the switch, the operator after
 * it, rollbackOn, the rollback check, gates, retries, the window — and a journal that is
 * byte-identical for the same run, detects a torn line and sets it aside.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { Engine, type EngineContext } from "../../src/cutover/engine";
import { FileJournal, readJournal, type Clock } from "../../src/cutover/journal-file";
import { fold } from "../../src/migration/cutover/journal";
import { SiteActionsSchema } from "../../src/migration/cutover/model";
import { resolveSystem, type ResolvedSystem } from "../../src/migration/cutover/resolve";
import type { SystemPlan } from "../../src/migration/plan/types";

const PHASES: [string, boolean][] = [
  ["full-copy", false],
  ["freeze", true],
  ["final-sync", true],
  ["switch-traffic", true],
  ["smoke", true],
  ["observe", false],
  ["finalize", false],
];

const system = (id = "sys-a", hours: Record<string, number> = {}) =>
  ({
    id,
    name: id,
    department: "dept",
    serverRoom: "room-1",
    disposition: "rehost",
    domain: "public",
    tenant: "dept",
    wave: "2018-03-10-a",
    consolidateInto: null,
    runbook: { steps: PHASES.map(([phase, inWindow]) => ({ phase, inWindow, hours: hours[phase] ?? 0.5 })) },
  }) as unknown as SystemPlan;

const ok = { kind: "run", argv: ["true"], idempotent: true };
const fail = { kind: "run", argv: ["false"], idempotent: true };

function resolved(
  overrides: Record<string, unknown[]> = {},
  level: Record<string, unknown> = {},
  hours: Record<string, number> = {},
): ResolvedSystem {
  const phases = Object.fromEntries(PHASES.map(([p]) => [p, overrides[p] ?? [ok]]));
  const site = SiteActionsSchema.parse({ version: 1, defaults: { phases, rollback: [ok], ...level } });
  const { resolved: rs, problems } = resolveSystem(site, system("sys-a", hours), undefined, "/state");
  expect(problems).toEqual([]);
  return rs;
}

/** A clock that moves one second per reading and jumps on sleep: the same run gives the same journal. */
function testClock(): Clock {
  let t = Date.parse("2018-03-10T14:00:00Z");
  return { now: () => new Date((t += 1000)), sleep: async (ms) => void (t += ms) };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function setup(window?: { start: Date; end: Date }, windowNow?: Date) {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-engine-"));
  dirs.push(stateDir);
  const clock = testClock();
  const file = path.join(stateDir, "journal.jsonl");
  const journal = FileJournal.open(file, { run: "run-1", operator: "tester", host: "host-1" }, clock);
  const say: string[] = [];
  const ctx: EngineContext = {
    journal,
    fold: fold(journal.records),
    clock,
    stateDir,
    say: (line) => say.push(line),
    pulumi: () => ({ up: async () => ({ ok: true, exitCode: null }) }),
    windowNow: () => windowNow ?? clock.now(),
    windowOf: () => window,
  };
  return { engine: new Engine(ctx), journal, file, stateDir, say };
}

describe("the itinerary", () => {
  test("the happy path stops at observing; finalize ends it", async () => {
    const { engine } = setup();
    const rs = resolved();
    expect(await engine.advance(rs)).toBe("done");
    expect(engine.state("sys-a").state).toBe("observing");
    expect(await engine.finalize(rs)).toBe("finalized");
  });

  test("a pre-switch failure rolls back by itself: planned, failure recorded; the next try starts clean", async () => {
    const { engine } = setup();
    expect(await engine.advance(resolved({ "final-sync": [fail] }))).toBe("planned");
    expect(engine.state("sys-a").reason).toMatch(/^automatic: final-sync failed: run false: exit code 1/);
    expect(await engine.advance(resolved())).toBe("done");
    expect(engine.state("sys-a").tries).toBe(2);
  });

  test("a failure after the switch waits for the operator; with rollbackOn it rolls back at once", async () => {
    const a = setup();
    expect(await a.engine.advance(resolved({ smoke: [fail] }))).toBe("needs-operator");
    expect(a.engine.state("sys-a").reason).toMatch(/smoke failed after the switch.*govcloud cutover rollback sys-a/);
    const b = setup();
    expect(await b.engine.advance(resolved({ smoke: [fail] }, { rollbackOn: ["smoke"] }))).toBe("rolled-back");
  });

  test("before the point of no return: no rollback actions, or a failing rollback check, stop the switch", async () => {
    const a = setup();
    expect(await a.engine.advance(resolved({}, { rollback: [] }))).toBe("planned");
    expect(a.engine.state("sys-a").reason).toContain(
      "no rollback actions in cutover.yaml: refusing to pass the point of no return",
    );
    const b = setup();
    expect(await b.engine.advance(resolved({}, { rollbackCheck: [fail] }))).toBe("planned");
    expect(b.engine.state("sys-a").reason).toContain("the rollback check failed");
    expect(b.journal.records.some((r) => r.type === "step" && r.phase === "switch-traffic")).toBe(false);
  });

  test("a gate waits for the named approval", async () => {
    const { engine } = setup();
    const rs = resolved({ freeze: [{ kind: "gate", who: "值班长" }, ok] });
    expect(await engine.advance(rs)).toBe("waiting");
    await engine.record({ type: "approval", system: "sys-a", phase: "freeze", by: "张三" });
    expect(await engine.advance(rs)).toBe("done");
  });

  test("retries and accepted exit codes: each try journalled with its log's hash", async () => {
    const { engine, journal, stateDir } = setup();
    await engine.advance(
      resolved({
        "full-copy": [
          { kind: "run", argv: ["sh", "-c", "echo try; exit 3"], idempotent: true, retries: 2, retryDelay: "1s" },
        ],
      }),
    );
    const tries = journal.records.filter(
      (r) => r.type === "step" && r.phase === "full-copy" && r.outcome !== "started",
    );
    expect(tries.map((r) => (r as { attempt: number }).attempt)).toEqual([1, 2, 3]);
    const last = tries[2] as { log: { path: string; bytes: number }; exitCode: number };
    expect(last.exitCode).toBe(3);
    expect(fs.readFileSync(path.join(stateDir, last.log.path), "utf8")).toBe('$ sh -c "echo try; exit 3"\ntry\n');
    const { engine: other } = setup();
    expect(
      await other.advance(
        resolved({
          "full-copy": [{ kind: "run", argv: ["sh", "-c", "exit 24"], idempotent: true, okExitCodes: [0, 24] }],
        }),
      ),
    ).toBe("done");
  });

  test("in-window phases wait for the window, and no freeze when the work would overrun it", async () => {
    const window = { start: new Date("2018-03-10T14:00:00Z"), end: new Date("2018-03-11T00:00:00Z") };
    const early = setup(window, new Date("2018-03-10T13:00:00Z"));
    expect(await early.engine.advance(resolved())).toBe("waiting");
    expect(early.say.join("\n")).toContain("waiting for the window");
    expect(early.engine.state("sys-a").phases.get("full-copy")?.state).toBe("succeeded");
    const late = setup(window, new Date("2018-03-10T22:45:00Z"));
    expect(await late.engine.advance(resolved())).toBe("waiting");
    expect(late.say.join("\n")).toContain(
      "the window is too short: 1.5 h of in-window work (data moves at the full-copy's measured pace: " +
        "0 % of the plan's estimate)",
    );
    expect(late.engine.state("sys-a").phases.get("freeze")).toBeUndefined();
  });

  test("the full copy's measured pace scales the in-window copy: slower than planned, no freeze", async () => {
    const window = { start: new Date("2018-03-10T14:00:00Z"), end: new Date("2018-03-11T00:00:00Z") };
    // 2.5 h left: the plan's 2 h fit, but the full copy took 2 s (two clock readings) for an
    // estimate of 0.72 s, so the final sync's 0.5 h becomes about 1.4 h.
    const slow = setup(window, new Date("2018-03-10T21:30:00Z"));
    expect(await slow.engine.advance(resolved({}, {}, { "full-copy": 0.0002 }))).toBe("waiting");
    expect(slow.say.join("\n")).toContain(
      "the window is too short: 2.89 h of in-window work (data moves at the full-copy's measured pace: " +
        "278 % of the plan's estimate)",
    );
    const asPlanned = setup(window, new Date("2018-03-10T21:30:00Z"));
    expect(await asPlanned.engine.advance(resolved())).toBe("done");
  });
});

describe("bytes and pace where measured", () => {
  test("a step's measure and rsync --stats are journalled with the pace; the fold adds them up per phase", async () => {
    const { engine, stateDir, file } = setup();
    const src = path.join(stateDir, "src");
    fs.mkdirSync(path.join(src, "a"), { recursive: true });
    fs.writeFileSync(path.join(src, "a", "1.bin"), Buffer.alloc(300_000, 1));
    fs.writeFileSync(path.join(src, "2.bin"), Buffer.alloc(24_288, 2));
    const rsync = { kind: "run", argv: ["rsync", "-a", "--stats", `${src}/`, `${stateDir}/dst/`], idempotent: true };
    const measured = { ...ok, measure: "src" };
    expect(await engine.advance(resolved({ "full-copy": [rsync], "final-sync": [measured] }))).toBe("done");
    const steps = readJournal(file).records.filter((r) => r.type === "step" && r.outcome === "ok");
    const copy = steps.find((r) => r.type === "step" && r.phase === "full-copy")!;
    expect(copy).toMatchObject({ bytes: 324_288, bytesPerSecond: expect.any(Number) });
    expect(steps.find((r) => r.type === "step" && r.phase === "final-sync")).toMatchObject({ bytes: 324_288 });
    expect(steps.find((r) => r.type === "step" && r.phase === "smoke")).not.toHaveProperty("bytes");
    const phase = engine.state("sys-a").phases.get("full-copy")!;
    expect(phase.bytes).toBe(324_288);
    expect(phase.measuredMs).toBeGreaterThan(0);
  });

  test("the window prediction uses the full copy's measured throughput against the plan's pace", async () => {
    const window = { start: new Date("2018-03-10T14:00:00Z"), end: new Date("2018-03-11T00:00:00Z") };
    const stateFile = (dir: string) => {
      fs.writeFileSync(path.join(dir, "copied.bin"), Buffer.alloc(1024 * 1024, 7));
      return { ...ok, measure: "copied.bin" };
    };
    // The same measurement (1 MiB in the copy's clock seconds, about 0.5–1 MB/s): far slower
    // than a plan that expects 100 GB in 1 h, so the 0.5 h final sync would overrun; faster
    // than a plan that expects 1 GB in 1 h (about 0.3 MB/s), so it fits.
    const slow = setup(window, new Date("2018-03-10T21:30:00Z"));
    const rsSlow = { ...resolved({ "full-copy": [stateFile(slow.stateDir)] }, {}, { "full-copy": 1 }), dataGb: 100 };
    expect(await slow.engine.advance(rsSlow)).toBe("waiting");
    expect(slow.say.join("\n")).toMatch(
      new RegExp(
        /the window is too short: .* /.source +
          /\(data moves at the pace the full-copy measured: [\d.]+ KB\/s against the plan's 28\.4 MB\/s\)/.source,
      ),
    );
    const fast = setup(window, new Date("2018-03-10T21:30:00Z"));
    const rsFast = { ...resolved({ "full-copy": [stateFile(fast.stateDir)] }, {}, { "full-copy": 1 }), dataGb: 1 };
    expect(await fast.engine.advance(rsFast)).toBe("done");
  });
});

describe("the journal", () => {
  test("the same run with the same clock writes the same bytes, and it verifies", async () => {
    const texts: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { engine, file, journal } = setup();
      await engine.advance(resolved({ smoke: [fail] }));
      journal.close();
      const read = readJournal(file);
      expect(read.problems).toEqual([]);
      texts.push(fs.readFileSync(file, "utf8").replaceAll(path.dirname(file), "STATE"));
    }
    expect(texts[0]).toBe(texts[1]);
    const first = JSON.parse(texts[0]!.split("\n")[0]!);
    expect(Object.keys(first)).toEqual(["seq", "prev", "at", "run", "operator", "host", "type", "system", "state"]);
  });

  test("a torn last line is reported, set aside on open with a note, and the chain continues", async () => {
    const { engine, file, journal } = setup();
    await engine.advance(resolved());
    journal.close();
    fs.appendFileSync(file, '{"seq":1');
    const torn = readJournal(file);
    expect(torn.problems).toEqual([expect.objectContaining({ kind: "torn", line: torn.records.length + 1 })]);
    const reopened = FileJournal.open(file, { run: "run-2", operator: "t", host: "h" }, testClock());
    reopened.close();
    expect(fs.readFileSync(`${file}.torn-1`, "utf8")).toBe('{"seq":1');
    const after = readJournal(file);
    expect(after.problems).toEqual([]);
    expect(after.records.at(-1)).toMatchObject({
      type: "note",
      message: expect.stringContaining("a torn last line (8 bytes"),
    });
  });

  test("a removed line breaks the chain: the journal refuses to open", async () => {
    const { engine, file, journal } = setup();
    await engine.advance(resolved());
    journal.close();
    const lines = fs.readFileSync(file, "utf8").split("\n");
    fs.writeFileSync(file, [...lines.slice(0, 3), ...lines.slice(4)].join("\n"));
    expect(readJournal(file).problems[0]).toMatchObject({ line: 4, kind: "chain" });
    expect(() => FileJournal.open(file, { run: "r", operator: "o", host: "h" }, testClock())).toThrow(
      /the chain breaks here/,
    );
  });
});
