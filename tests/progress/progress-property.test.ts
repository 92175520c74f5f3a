/**
 * Property: over generated estates and journals the cutover engine writes (random
 * systems finalized, left observing, rolled back before or after the switch, at random
 * dates; a random as-of date), every report counts each system once: done + in progress
 * + to do = all to act on, per department and in total, in progress.json, Appendix 2 and
 * the Luzhou-style table, and all + kept = every system.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Engine } from "../../src/cutover/engine";
import { FileJournal } from "../../src/cutover/journal-file";
import { fold } from "../../src/migration/cutover/journal";
import { SiteActionsSchema } from "../../src/migration/cutover/model";
import { resolveSystem } from "../../src/migration/cutover/resolve";
import { generateEstate } from "../../src/migration/generate/estate";
import { Random } from "../../src/migration/generate/random";
import { holdPlan } from "../../src/migration/lock/hold";
import { createContext } from "../../src/migration/plan/render/context";
import { addDays } from "../../src/migration/plan/windows";
import { actualsOf } from "../../src/migration/progress/actuals";
import { appendix2Table, APPENDIX2_HEADER, luzhouTable } from "../../src/migration/progress/forms";
import { renderProgressFiles } from "../../src/migration/progress/files";
import { readJournal } from "../../src/cutover/journal-file";
import { fail, ok, PHASES, SetClock } from "./month";

// No action in a phase: skipped at once (no program runs), so a hundred systems take no time.
const quiet = (overrides: Record<string, unknown[]> = {}, more: Record<string, unknown> = {}) =>
  SiteActionsSchema.parse({
    version: 1,
    defaults: { phases: Object.fromEntries(PHASES.map((p) => [p, overrides[p] ?? []])), rollback: [ok], ...more },
  });
const SITES = {
  plain: quiet(),
  beforeSwitch: quiet({ "final-sync": [fail] }),
  afterSwitch: quiet({ smoke: [fail] }, { rollbackOn: ["smoke"] }),
};

async function scenario(seed: number, systems: number) {
  const inventory = generateEstate({ systems, seed });
  const plan = holdPlan({ inventory, dataset: `gen-${seed}`, lock: undefined }).plan;
  const random = new Random(seed ^ 0x5eed);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-progress-prop-"));
  try {
    const clock = new SetClock();
    clock.set(`${plan.settings.firstWindow}T00:00:00+08:00`);
    const journal = FileJournal.open(path.join(dir, "journal.jsonl"), { run: "r", operator: "t", host: "h" }, clock);
    const engine = new Engine({
      journal,
      fold: fold(journal.records),
      clock,
      stateDir: dir,
      say: () => undefined,
      pulumi: () => ({ up: async () => ({ ok: true, exitCode: null }) }),
      windowNow: () => clock.now(),
      windowOf: () => undefined,
    });
    const runnable = plan.systems
      .filter((s) => s.runbook !== null && s.cutoverDate !== null)
      .sort((a, b) =>
        a.cutoverDate! < b.cutoverDate! ? -1 : a.cutoverDate! > b.cutoverDate! ? 1 : a.id < b.id ? -1 : 1,
      );
    for (const s of runnable) {
      const what = random.weighted([
        ["skip", 3],
        ["done", 4],
        ["observing", 1],
        ["beforeSwitch", 1],
        ["afterSwitch", 1],
      ] as const);
      if (what === "skip") continue;
      clock.set(`${addDays(s.cutoverDate!, random.int(-3, 10))}T22:00:00+08:00`);
      const site = what === "beforeSwitch" || what === "afterSwitch" ? SITES[what] : SITES.plain;
      const wave = plan.waves.find((w) => w.id === s.wave);
      await engine.advance(resolveSystem(site, s, wave, dir).resolved);
      if (what === "done") {
        clock.set(`${addDays(s.cutoverDate!, random.int(7, 30))}T10:00:00+08:00`);
        await engine.finalize(resolveSystem(SITES.plain, s, wave, dir).resolved);
      }
    }
    journal.close();
    const asOf = addDays(plan.settings.firstWindow, random.int(0, 400));
    const actuals = actualsOf(readJournal(path.join(dir, "journal.jsonl")).records, asOf, "journal.jsonl");
    return { plan, inventory, actuals, asOf };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("progress counts every system once", () => {
  it("done + in progress + to do = all, per department and in total, in every report", async () => {
    const seen = { done: 0, inProgress: 0, rolledBack: 0, late: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 15, max: 80 }),
        async (seed, systems) => {
          const { plan, inventory, actuals, asOf } = await scenario(seed, systems);
          const ctx = createContext(plan, inventory, "zh");
          const { report } = await renderProgressFiles(ctx, actuals, asOf, ["journal.jsonl"]);
          const check = (c: typeof report.total) => {
            expect(c.done + c.inProgress + c.toDo).toBe(c.all);
            expect(c.all + c.kept).toBe(c.systems);
            expect(c.late).toBeLessThanOrEqual(c.inProgress + c.toDo);
          };
          check(report.total);
          seen.done += report.total.done;
          seen.inProgress += report.total.inProgress;
          seen.rolledBack += report.total.rolledBack;
          seen.late += report.total.late;
          expect(report.total.systems).toBe(plan.systems.length);
          let sum = 0;
          for (const c of report.byDepartment.values()) {
            check(c);
            sum += c.all;
          }
          expect(sum).toBe(report.total.all);
          // Appendix 2: the migration columns and the clean-up columns add up, every row and the total.
          const a2 = appendix2Table(ctx, report.systems, asOf);
          const col = (name: string) => APPENDIX2_HEADER.indexOf(name as never);
          for (const row of a2.rows) {
            const n = (name: string) => Number(row[col(name)]);
            expect(n("已迁移上云*") + n("迁移中*") + n("未迁移*")).toBe(n("应迁移上云系统个数*"));
            expect(n("其中已整合（清理）") + n("其中未整合")).toBe(n("拟清理系统个数"));
          }
          const total = a2.rows.at(-1)!;
          for (const name of ["自查系统总数", "已迁移上云*", "迁移中*", "未迁移*", "拟清理系统个数"])
            expect(Number(total[col(name)])).toBe(a2.rows.slice(0, -1).reduce((s, r) => s + Number(r[col(name)]), 0));
          expect(Number(total[col("自查系统总数")])).toBe(plan.systems.length);
          // The Luzhou-style table: a row per non-classified system, as many done as the report says.
          const lz = luzhouTable(ctx, report.systems, asOf);
          expect(lz.rows.length).toBe(plan.systems.filter((s) => s.disposition !== "exclude").length);
          expect(lz.rows.filter((r) => r[9] === "已完成").length).toBe(report.total.done);
        },
      ),
      { numRuns: 12 },
    );
    // The generated journals exercise every kind of system.
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(0);
  }, 240_000);
});
