/**
 * A month of real cutover runs on a copy of the sample (inventory, lock, cutover.yaml):
 * journals written by the cutover engine itself through its library API, with a clock
 * the test moves (no wall clock), programs that really run (true, false). W0..W3 are the
 * lock's first four waves with systems that move (read from the held plan); the schedule
 * starts after the approval milestone (policy.milestones, 2018-03-31). As of 2018-05-22:
 * - wave W0 (2018-04-21-a): every system finalized on 2018-05-05 (done, on time);
 * - wave W1 (2018-04-28-a): its first system finalized on 2018-05-12; its second fails its
 *   smoke check after the switch and rolls back at once (rollbackOn): to do, late;
 * - wave W2 (2018-05-05-a): never run (its wave still planned): late;
 * - wave W3 (2018-05-12-a): every system switched and observing: in progress, not late;
 * - the retirement agri-traceability (2018-05-01, the lock's first retirement) finalized on
 *   2018-05-03 (2 days late); the other retirements of that date never run: late.
 * runMonth checks the lock still tells this story (dates below) and throws if it does not.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Engine } from "../../src/cutover/engine";
import { FileJournal, type Clock } from "../../src/cutover/journal-file";
import { fold } from "../../src/migration/cutover/journal";
import { SiteActionsSchema } from "../../src/migration/cutover/model";
import { resolveSystem } from "../../src/migration/cutover/resolve";
import { loadInventory } from "../../src/migration/inventory/load";
import { parseLock } from "../../src/migration/lock/file";
import { holdPlan } from "../../src/migration/lock/hold";
import type { Plan, SystemPlan, Wave } from "../../src/migration/plan/types";

export const AS_OF = "2018-05-22";
export const RETIRED_ON = "2018-05-03";
/** The planned date of the retirement (the lock's first), two days before RETIRED_ON. */
export const RETIRE_PLANNED = "2018-05-01";
const project = path.resolve(__dirname, "..", "..");

/** Every phase a runbook can have (the site actions give each a no-op or a failure). */
export const PHASES = [
  "prepare",
  "full-copy",
  "verify-copy",
  "announce",
  "freeze",
  "final-sync",
  "offline-copy",
  "verify",
  "switch-traffic",
  "smoke",
  "observe",
  "finalize",
  "map-data",
  "data-merge",
  "redirect-users",
  "archive",
  "stop",
  "reclaim",
];
export const ok = { kind: "run", argv: ["true"], idempotent: true };
export const fail = { kind: "run", argv: ["false"], idempotent: true };

/** A clock the test sets: one second passes per reading (records stay in order). */
export class SetClock implements Clock {
  private t = 0;
  set(iso: string): void {
    this.t = Math.max(this.t, Date.parse(iso));
  }
  now(): Date {
    this.t += 1000;
    return new Date(this.t);
  }
  async sleep(ms: number): Promise<void> {
    this.t += ms;
  }
}

export interface Month {
  readonly dir: string;
  readonly inventory: string;
  readonly lockFile: string;
  readonly states: string[];
  readonly plan: Plan;
  readonly waves: { w0: Wave; w1: Wave; w2: Wave; w3: Wave };
  readonly retired: string;
  readonly rolledBack: string;
  /** Systems finalized, with their dates. */
  readonly done: ReadonlyMap<string, string>;
  cleanup(): void;
}

const cityInstant = (date: string, time: string) => `${date}T${time}:00+08:00`;

async function heldPlan(inventory: string, lockFile: string): Promise<Plan> {
  const loaded = await loadInventory([inventory], { displayRoot: path.dirname(inventory) });
  const lock = parseLock(fs.readFileSync(lockFile, "utf8"), lockFile).lock!;
  return holdPlan({ inventory: loaded.inventory, dataset: lock.dataset, lock }).plan;
}

export async function runMonth(): Promise<Month> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-month-"));
  const inventory = path.join(dir, "zhoucun");
  fs.cpSync(path.join(project, "inventories", "zhoucun"), inventory, { recursive: true });
  const lockFile = path.join(dir, "zhoucun.lock.yaml");
  fs.copyFileSync(path.join(project, "inventories", "zhoucun.lock.yaml"), lockFile);

  let plan = await heldPlan(inventory, lockFile);
  const moving = (p: Plan, w: Wave) => p.systems.some((s) => s.wave === w.id && s.runbook !== null);
  const byDate = [...plan.waves].sort((a, b) => (a.id < b.id ? -1 : 1)).filter((w) => moving(plan, w));
  const [w0, w1, w2, w3] = byDate as [Wave, Wave, Wave, Wave];
  // The story's dates follow the lock: W3 ten days before AS_OF (observing, not late), W2 late.
  const day = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000;
  if (!w3 || day(AS_OF) - day(w3.id) !== 10 || day(AS_OF) - day(w2.id) !== 17)
    throw new Error(
      `month.ts: the lock's first waves (${byDate
        .slice(0, 4)
        .map((w) => w.id)
        .join(", ")}) no longer fit AS_OF ${AS_OF}: shift the scenario's dates`,
    );
  // The built waves, as govcloud waves --set would record them.
  let lockText = fs.readFileSync(lockFile, "utf8");
  for (const w of [w0, w1, w3]) lockText = lockText.replace(`  ${w.id}: planned`, `  ${w.id}: deployed`);
  fs.writeFileSync(lockFile, lockText);
  plan = await heldPlan(inventory, lockFile);

  const site = SiteActionsSchema.parse({
    version: 1,
    defaults: { phases: Object.fromEntries(PHASES.map((p) => [p, [ok]])), rollback: [ok] },
    systems: {},
  });
  const failing = SiteActionsSchema.parse({
    version: 1,
    defaults: {
      phases: Object.fromEntries(PHASES.map((p) => [p, p === "smoke" ? [fail] : [ok]])),
      rollback: [ok],
      rollbackOn: ["smoke"],
    },
  });
  const states: string[] = [];
  const done = new Map<string, string>();
  const members = (w: Wave) =>
    plan.systems.filter((s) => s.wave === w.id && s.runbook !== null).sort((a, b) => (a.id < b.id ? -1 : 1));

  async function night(
    label: string,
    wave: Wave | undefined,
    work: (run: (s: SystemPlan, opts?: { fails?: boolean; finalizeOn?: string }) => Promise<void>) => Promise<void>,
    start: string,
  ): Promise<void> {
    const stateDir = path.join(dir, "state", label);
    fs.mkdirSync(stateDir, { recursive: true });
    const clock = new SetClock();
    clock.set(start);
    const journal = FileJournal.open(
      path.join(stateDir, "journal.jsonl"),
      { run: `run-${label}`, operator: "tester", host: "test" },
      clock,
    );
    const engine = new Engine({
      journal,
      fold: fold(journal.records),
      clock,
      stateDir,
      say: () => undefined,
      pulumi: () => ({ up: async () => ({ ok: true, exitCode: null }) }),
      windowNow: () => clock.now(),
      windowOf: () => undefined,
    });
    const finals: { s: SystemPlan; on: string }[] = [];
    await work(async (s, opts = {}) => {
      const { resolved, problems } = resolveSystem(opts.fails ? failing : site, s, wave, stateDir);
      if (problems.length > 0) throw new Error(`${s.id}: ${problems.map((p) => p.message).join("; ")}`);
      await engine.advance(resolved);
      if (opts.finalizeOn) finals.push({ s, on: opts.finalizeOn });
    });
    for (const { s, on } of finals) {
      clock.set(cityInstant(on, "10:00"));
      const { resolved } = resolveSystem(site, s, wave, stateDir);
      if ((await engine.finalize(resolved)) !== "finalized") throw new Error(`${s.id} did not finalize`);
      done.set(s.id, on);
    }
    journal.close();
    states.push(stateDir);
  }

  const plus14 = (date: string) =>
    new Date(Date.parse(`${date}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10);
  // The lock's first retirement (by date, then id).
  const retirement = plan.systems
    .filter((s) => s.disposition === "retire" && s.cutoverDate)
    .sort((a, b) =>
      a.cutoverDate! < b.cutoverDate! ? -1 : a.cutoverDate! > b.cutoverDate! ? 1 : a.id < b.id ? -1 : 1,
    )[0]!;
  const retired = retirement.id;
  if (retirement.cutoverDate !== RETIRE_PLANNED || day(RETIRED_ON) - day(RETIRE_PLANNED) !== 2)
    throw new Error(
      `month.ts: the lock's first retirement ${retired} is planned on ${retirement.cutoverDate}, not ` +
        `${RETIRE_PLANNED}: shift the scenario's dates`,
    );
  // Stopped two days after its planned date: done, and late.
  await night(
    "retire",
    undefined,
    async (run) => run(retirement, { finalizeOn: RETIRED_ON }),
    cityInstant(retirement.cutoverDate, "09:00"),
  );
  await night(
    "w0",
    w0,
    async (run) => {
      for (const s of members(w0)) await run(s, { finalizeOn: plus14(w0.id.slice(0, 10)) });
    },
    cityInstant(w0.id.slice(0, 10), "22:00"),
  );
  const [first, second] = members(w1) as [SystemPlan, SystemPlan];
  await night(
    "w1",
    w1,
    async (run) => {
      await run(first, { finalizeOn: plus14(w1.id.slice(0, 10)) });
      await run(second, { fails: true });
    },
    cityInstant(w1.id.slice(0, 10), "22:00"),
  );
  await night(
    "w3",
    w3,
    async (run) => {
      for (const s of members(w3)) await run(s);
    },
    cityInstant(w3.id.slice(0, 10), "22:00"),
  );

  return {
    dir,
    inventory,
    lockFile,
    states,
    plan,
    waves: { w0, w1, w2, w3 },
    retired,
    rolledBack: second.id,
    done,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
