import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { fold } from "../../migration/cutover/journal";
import { rollbackRefusal } from "../../migration/cutover/itinerary";
import type { ResolvedSystem } from "../../migration/cutover/resolve";
import { cityTime } from "../../migration/cutover/window";
import { InputError } from "../../migration/inventory/diagnostics";
import { refusedTransition } from "../../migration/lock/states";
import type { Outcome } from "../../cutover/engine";
import type { CutoverState } from "../../cutover/store";
import {
  loadCutoverPlan,
  requireSetup,
  resolveWave,
  runnableWave,
  windowAdmission,
  windowOfWave,
  type CutoverPlan,
} from "../cutover-plan";
import {
  DEFAULT_STATE,
  DEFAULT_WORK,
  isPostgresState,
  openSession,
  pool,
  stateFailure,
  stateOf,
  type Session,
} from "../cutover-session";
import { EXIT, plural, UsageError, type Io } from "../io";
import { assertFolderOutsideInputs } from "../output-safety";
import { lockText, writeLockFile } from "../lock-file";
import { LiveTable, liveRows } from "../cutover-live";
import { statusJson, statusLines } from "../cutover-status";
import { printDryRun } from "./cutover-dry-run";
import { retire } from "./cutover-retire";

export const cutoverHelp = `\
Usage: govcloud cutover run <inventory path>... --wave W [--systems a,b] [--parallel N] [--dry-run]
       govcloud cutover resume [--retry-phase SYSTEM:PHASE]... [--mark-done SYSTEM:PHASE]... [--by NAME]
       govcloud cutover status [--json]
       govcloud cutover approve <system> <phase> --by NAME
       govcloud cutover rollback <system> [--force] [--by NAME]
       govcloud cutover finalize <system> [--by NAME]
       govcloud cutover retire [<inventory path>...] <system> --by NAME
       govcloud cutover journal verify

Runs the held plan's runbooks on cutover night: each system of a deployed wave goes
through its itinerary (precheck, copy, freeze, final sync, switch, smoke, observe)
with the actions the site's cutover.yaml gives each phase. Every step is journalled
(append-only, fsync'd, hash-chained) in the state folder with its own log, so
\`resume\` continues after a crash without re-running a finished step.

Before the traffic switch a failure rolls back by itself (writes re-enabled at the
source, the targets kept) and the system returns to planned; the switch is the point
of no return: before it, the rollback check must pass. After it, a failure waits for
the operator: \`rollback\` switches back, \`resume --retry-phase\` tries again.
\`finalize\` (after the observation) shuts the old system down: no rollback after it
without --force. When every system of a wave is finalized, the wave is recorded done.
\`retire\` records that a planned retirement was carried out (it has no cutover to run),
so govcloud progress counts it done. A wave starts no more systems in its window than
the policy's cutovers per window (capacityPerWindow.systems); the rest wait, named. On
a terminal, run and resume draw a live table (system, state, phase, elapsed, ETA).

Options:
  --wave W             the lock's wave to run (must be deployed: govcloud waves --set W=deployed)
  --systems a,b        only these systems of the wave
  --parallel N         systems at once (default 1)
  --dry-run            print every step's resolved command; run and record nothing
  --now YYYY-MM-DDTHH:MM  window checks as if it were then (city time, UTC+8; journalled)
  --state <dir|url>    the run's state: a folder outside the dataset (default ${DEFAULT_STATE}), or
                       postgres://USER@HOST:PORT/DATABASE for a team on several machines
                       (one executor per system; executors on different systems proceed)
  --work <dir>         with a postgres:// state: this machine's folder for step logs and
                       the actions' working folder (default ${DEFAULT_WORK})
  --lock <file>        the plan lock (default: <dataset>.lock.yaml beside the dataset)
  --actions <file>     the site actions (default: cutover.yaml in the dataset folder)
  --by NAME            who decides (approve, mark-done, rollback, finalize, retire; default: the login name)
  --force              rollback of a finalized system
  --json               status as JSON
  -h, --help           show this help

Exit status: 0 every system got as far as it can without a person; 1 a system is
waiting, rolled back or needs the operator (status says which), or the journal does
not verify; 2 bad input or usage (file, line and field, with a fix).`;

const OPTIONS = {
  wave: { type: "string" },
  systems: { type: "string" },
  parallel: { type: "string" },
  "dry-run": { type: "boolean" },
  now: { type: "string" },
  state: { type: "string" },
  work: { type: "string" },
  lock: { type: "string" },
  actions: { type: "string" },
  by: { type: "string" },
  force: { type: "boolean" },
  json: { type: "boolean" },
  "retry-phase": { type: "string", multiple: true },
  "mark-done": { type: "string", multiple: true },
} as const;

type Values = ReturnType<typeof parse>["values"];
const parse = (args: string[]) => parseArgs({ args, allowPositionals: true, options: OPTIONS });

export async function cutoverCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parse(rest);
  const state = stateOf(values.state, values.work, io.cwd);
  const ctx: Ctx = {
    io,
    values,
    positionals,
    state,
    shown: state.shown,
    operator: values.by ?? operatorName(),
    say: { line: (line) => io.out(line) },
  };
  try {
    return await subcommand(sub, ctx);
  } catch (cause) {
    throw stateFailure(state, cause) ?? cause;
  } finally {
    await state.close();
  }
}

async function subcommand(sub: string | undefined, ctx: Ctx): Promise<number> {
  const { positionals } = ctx;
  switch (sub) {
    case "run":
      return run(ctx);
    case "resume":
      return resume(ctx);
    case "status":
      return status(ctx);
    case "approve":
      return approve(ctx);
    case "rollback":
      return rollback(ctx);
    case "finalize":
      return finalize(ctx);
    case "retire":
      return retire({
        io: ctx.io,
        state: ctx.state,
        positionals,
        by: ctx.values.by,
        lock: ctx.values.lock,
      });
    case "journal":
      if (positionals[0] !== "verify")
        throw new UsageError("journal takes verify: govcloud cutover journal verify [--state DIR]", "cutover");
      return verify(ctx);
    default:
      throw new UsageError(
        `name a subcommand: run, resume, status, approve, rollback, finalize, retire or journal ` +
          `verify${sub ? `, not "${sub}"` : ""}`,
        "cutover",
      );
  }
}

interface Ctx {
  readonly io: Io;
  readonly values: Values;
  readonly positionals: string[];
  readonly state: CutoverState;
  readonly shown: string;
  /** Where the engine's lines go: standard output, or above the live table while one is drawn. */
  readonly say: { line: (line: string) => void };
  readonly operator: string;
}

function operatorName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return "unknown";
  }
}

function parallelOf(values: Values): number {
  const n = values.parallel === undefined ? 1 : Number(values.parallel);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new UsageError(`--parallel takes a whole number from 1 to 1000, not "${values.parallel}"`, "cutover");
  return n;
}

function nowOf(values: Values): Date | undefined {
  if (values.now === undefined) return undefined;
  const now = cityTime(values.now);
  if (!now)
    throw new UsageError(`--now takes YYYY-MM-DDTHH:MM (city time) or an ISO instant, not "${values.now}"`, "cutover");
  return now;
}

/** A session holding `systems` (the ones the command works on) against other executors. */
function session(ctx: Ctx, cp: CutoverPlan, systems: readonly ResolvedSystem[]): Promise<Session> {
  const now = nowOf(ctx.values);
  const byId = new Map(systems.map((rs) => [rs.system.id, rs]));
  const wave = (rs: ResolvedSystem) => cp.plan.waves.find((w) => w.id === rs.system.wave);
  return openSession({
    state: ctx.state,
    systems: systems.map((rs) => rs.system.id),
    operator: ctx.operator,
    lockFile: cp.lock.file,
    projectDir: ctx.io.cwd,
    say: (line) => ctx.say.line(line),
    windowOf: (rs) => {
      const w = wave(byId.get(rs.system.id) ?? rs);
      return w ? windowOfWave(w) : undefined;
    },
    ...(now ? { now } : {}),
  });
}

/**
 * Advances the systems (at most `parallel` at once), but no more in a window than the
 * policy's cutovers per window: the others wait, journalled and said, and end as waiting.
 */
async function advanceAll(
  ctx: Ctx,
  cp: CutoverPlan,
  s: Session,
  systems: readonly ResolvedSystem[],
  parallel: number,
  newTry: boolean,
): Promise<Outcome[]> {
  const { admit, wait } = await windowAdmission(
    cp,
    systems,
    (id) => s.engine.state(id).tries,
    s.engine.systems(),
    s.takePlaces,
  );
  for (const { rs, message } of wait) {
    await s.engine.record({ type: "note", system: rs.system.id, message });
    ctx.io.out(`${rs.system.id}: ${message}`);
  }
  const outcomes = new Map<ResolvedSystem, Outcome>(wait.map(({ rs }) => [rs, "waiting"]));
  const terminal = ctx.io.terminal;
  const live = terminal
    ? new LiveTable(terminal, () =>
        liveRows(
          admit,
          (id) => s.engine.state(id),
          new Date(),
          (rs) => s.engine.measuredSlowdown(rs).factor,
        ),
      )
    : undefined;
  const quiet = ctx.say.line;
  if (live) {
    ctx.say.line = (line) => live.say(line);
    live.start();
  }
  let done: Outcome[];
  try {
    done = await pool(admit, parallel, (rs) => s.engine.advance(rs, newTry));
  } finally {
    live?.stop();
    ctx.say.line = quiet;
  }
  admit.forEach((rs, i) => outcomes.set(rs, done[i]!));
  return systems.map((rs) => outcomes.get(rs)!);
}

function summary(io: Io, systems: readonly ResolvedSystem[], outcomes: readonly Outcome[], s: Session): number {
  for (const [i, rs] of systems.entries()) {
    const st = s.engine.state(rs.system.id);
    const waiting = outcomes[i] === "waiting" ? " (waiting)" : "";
    // The reason says why a system stopped (rolled back, waits for the operator); one under way has none to show.
    const underWay = st.state === "in-progress" || st.state === "switched" || st.state === "observing";
    const reason = st.reason && !underWay ? ` — ${st.reason}` : "";
    io.out(`${rs.system.id}: ${st.state}${waiting}${reason}`);
  }
  const finished = outcomes.every((o) => o === "done" || o === "finalized");
  const outcome = finished
    ? "all as far as they go without a person (finalize after the observation)"
    : "some wait, rolled back or need the operator (govcloud cutover status)";
  io.out(`${plural(systems.length, "system")}: ${outcome}`);
  return finished ? EXIT.ok : EXIT.violation;
}

async function run(ctx: Ctx): Promise<number> {
  const { values, positionals, io } = ctx;
  if (positionals.length === 0)
    throw new UsageError(
      "name the inventory, e.g. govcloud cutover run inventories/zhoucun --wave 2018-03-10-a",
      "cutover",
    );
  if (!values.wave) throw new UsageError("--wave W is required (govcloud waves lists the lock's waves)", "cutover");
  const parallel = parallelOf(values);
  nowOf(values);
  if (!values["dry-run"]) {
    const option = values.work !== undefined || isPostgresState(values.state ?? "") ? "--work" : "--state";
    assertFolderOutsideInputs(
      {
        out: ctx.state.workDir,
        shown: path.relative(io.cwd, ctx.state.workDir) || ".",
        inputs: positionals,
        cwd: io.cwd,
        option,
      },
      `choose a ${option} outside the dataset (the default is ${option === "--state" ? DEFAULT_STATE : DEFAULT_WORK})`,
    );
  }
  const cp = await loadCutoverPlan(positionals, values.lock, values.actions, io.cwd);
  const wave = runnableWave(cp, values.wave, values["dry-run"] ?? false);
  const only = values.systems
    ?.split(",")
    .map((x) => x.trim())
    .filter(Boolean);
  const systems = resolveWave(cp, wave, only, ctx.state.workDir);
  if (values["dry-run"]) {
    printDryRun(io, wave, systems);
    return EXIT.ok;
  }
  const inventory = positionals.map((p) => path.resolve(io.cwd, p));
  const before = await ctx.state.readSetup();
  if (before) {
    if (JSON.stringify(before.inventory) !== JSON.stringify(inventory))
      throw new UsageError(
        `${ctx.shown} holds the run of ${before.inventory.join(", ")}: give another --state for this dataset`,
        "cutover",
      );
  }
  const s = await session(ctx, cp, systems);
  try {
    await ctx.state.writeSetup({
      inventory,
      lock: cp.lock.file,
      actions: cp.actionsFile,
      wave: wave.id,
      systems: systems.map((rs) => rs.system.id),
    });
    await s.journal.commit({
      type: "run",
      command: "run",
      wave: wave.id,
      systems: systems.map((rs) => rs.system.id),
      pid: process.pid,
      ...(values.now ? { now: values.now } : {}),
    });
    io.out(
      `cutover run ${s.run}: wave ${wave.id}, ${plural(systems.length, "system")}, journal ${ctx.state.journalShown}`,
    );
    return summary(io, systems, await advanceAll(ctx, cp, s, systems, parallel, true), s);
  } finally {
    await s.close();
  }
}

/** The plan and the systems of the state folder's run, for the commands after `run`. */
async function runOfState(ctx: Ctx): Promise<{ cp: CutoverPlan; systems: ResolvedSystem[] }> {
  const setup = await requireSetup(ctx.state);
  const cp = await loadCutoverPlan(
    setup.inventory,
    ctx.values.lock ?? setup.lock,
    ctx.values.actions ?? setup.actions,
    ctx.io.cwd,
  );
  const wave = cp.plan.waves.find((w) => w.id === setup.wave);
  if (!wave) throw new UsageError(`wave ${setup.wave} of this run is no longer in the plan lock`, "cutover");
  return { cp, systems: resolveWave(cp, wave, setup.systems, ctx.state.workDir) };
}

function systemPhase(
  text: string,
  systems: readonly ResolvedSystem[],
  flag: string,
): { system: string; phase: string } {
  const [system, phase] = text.split(":");
  const rs = systems.find((x) => x.system.id === system);
  if (!rs || !phase)
    throw new UsageError(
      `${flag} takes SYSTEM:PHASE of this run, e.g. ${systems[0]?.system.id ?? "system"}:full-copy, not "${text}"`,
      "cutover",
    );
  const phases = [...rs.phases.map((p) => p.id), "rollback", "rollback-check"];
  if (!phases.includes(phase))
    throw new UsageError(`${system} has no phase ${phase} (its phases: ${phases.join(", ")})`, "cutover");
  return { system: system!, phase };
}

async function resume(ctx: Ctx): Promise<number> {
  const parallel = parallelOf(ctx.values);
  const { cp, systems } = await runOfState(ctx);
  const decisions = [
    ...(ctx.values["retry-phase"] ?? []).map((t) => ({
      ...systemPhase(t, systems, "--retry-phase"),
      decision: "retry-phase" as const,
    })),
    ...(ctx.values["mark-done"] ?? []).map((t) => ({
      ...systemPhase(t, systems, "--mark-done"),
      decision: "mark-done" as const,
    })),
  ];
  if (decisions.some((d) => d.decision === "mark-done") && !ctx.values.by)
    throw new UsageError("--mark-done needs --by NAME: the journal records who says the step finished", "cutover");
  const s = await session(ctx, cp, systems);
  try {
    await s.journal.commit({
      type: "run",
      command: "resume",
      systems: systems.map((rs) => rs.system.id),
      pid: process.pid,
      ...(ctx.values.now ? { now: ctx.values.now } : {}),
    });
    for (const d of decisions) {
      await s.engine.record({
        type: "operator",
        system: d.system,
        phase: d.phase,
        decision: d.decision,
        by: ctx.operator,
      });
      const st = s.engine.state(d.system);
      if (st.state === "needs-operator")
        await s.engine.record({
          type: "system",
          system: d.system,
          state: st.before ?? "in-progress",
          reason: `${d.decision} ${d.phase} by ${ctx.operator}`,
        });
    }
    ctx.io.out(`cutover resume ${s.run}: ${plural(systems.length, "system")}`);
    return summary(ctx.io, systems, await advanceAll(ctx, cp, s, systems, parallel, false), s);
  } finally {
    await s.close();
  }
}

async function status(ctx: Ctx): Promise<number> {
  const read = await ctx.state.readJournal();
  const f = fold(read.records);
  if (ctx.values.json) {
    ctx.io.out(statusJson(f, read.records.length, read.problems));
    return EXIT.ok;
  }
  const lines = statusLines(f);
  if (lines.length === 0) ctx.io.out(`no system in ${ctx.state.journalShown} yet`);
  for (const line of lines) ctx.io.out(line);
  for (const p of read.problems) ctx.io.err(`${ctx.state.journalShown}:${p.line}: ${p.message}`);
  return EXIT.ok;
}

async function approve(ctx: Ctx): Promise<number> {
  const [system, phase] = ctx.positionals;
  if (!system || !phase) throw new UsageError("approve takes <system> <phase> --by NAME", "cutover");
  if (!ctx.values.by)
    throw new UsageError("approve needs --by NAME: an approval is a person's, recorded with the name", "cutover");
  const { cp, systems } = await runOfState(ctx);
  systemPhase(`${system}:${phase}`, systems, "approve");
  const s = await session(
    ctx,
    cp,
    systems.filter((rs) => rs.system.id === system),
  );
  try {
    await s.engine.record({ type: "approval", system, phase, by: ctx.values.by });
    ctx.io.out(`${system} ${phase}: approved by ${ctx.values.by} (govcloud cutover resume continues)`);
    return EXIT.ok;
  } finally {
    await s.close();
  }
}

/** The one system a command names (its first argument), in the run the state folder holds. */
async function systemOfRun(ctx: Ctx, verb: string) {
  const [system] = ctx.positionals;
  if (!system) throw new UsageError(`${verb} takes <system>`, "cutover");
  const { cp, systems } = await runOfState(ctx);
  const rs = systems.find((x) => x.system.id === system);
  if (!rs)
    throw new UsageError(
      `${system} is not a system of this run (${systems.map((x) => x.system.id).join(", ")})`,
      "cutover",
    );
  return { system, rs, cp, systems };
}

async function rollback(ctx: Ctx): Promise<number> {
  const { system, rs, cp } = await systemOfRun(ctx, "rollback");
  const s = await session(ctx, cp, [rs]);
  try {
    const st = s.engine.state(system);
    const refused = rollbackRefusal(st.state, ctx.values.force ?? false);
    if (refused)
      throw new InputError([
        {
          severity: "error",
          location: { kind: "file", file: ctx.state.journalShown },
          field: system,
          message: `no rollback: ${refused}`,
          fix: "see govcloud cutover status",
        },
      ]);
    await s.engine.record({
      type: "operator",
      system,
      decision: ctx.values.force ? "force" : "rollback",
      by: ctx.operator,
    });
    const to = s.engine.pastSwitch(system) || st.state === "finalized" ? "rolled-back" : "planned";
    const outcome = await s.engine.rollback(rs, `by ${ctx.operator}`, to);
    ctx.io.out(`${system}: ${s.engine.state(system).state}`);
    return outcome === to ? EXIT.ok : EXIT.violation;
  } finally {
    await s.close();
  }
}

async function finalize(ctx: Ctx): Promise<number> {
  const { system, rs, cp } = await systemOfRun(ctx, "finalize");
  const s = await session(ctx, cp, [rs]);
  try {
    const st = s.engine.state(system);
    const observed = rs.phases
      .filter((p) => p.id !== "finalize")
      .every((p) => ["succeeded", "skipped"].includes(st.phases.get(p.id)?.state ?? "pending"));
    if (st.state !== "observing" && st.state !== "switched" && st.state !== "finalized")
      throw new UsageError(
        `${system} is ${st.state}: only a switched system that finished its observation is finalized`,
        "cutover",
      );
    if (!observed)
      throw new UsageError(
        `${system} has not finished its itinerary (govcloud cutover status; resume first)`,
        "cutover",
      );
    await s.engine.record({ type: "operator", system, decision: "finalize", by: ctx.operator });
    const outcome = await s.engine.finalize(rs);
    ctx.io.out(`${system}: ${s.engine.state(system).state}`);
    if (outcome !== "finalized") return EXIT.violation;
    await markWaveDone(ctx, cp, rs.system.wave!, s);
    return EXIT.ok;
  } finally {
    await s.close();
  }
}

/** When every system of the wave is finalized, the lock records the wave done (the waves table's move). */
async function markWaveDone(ctx: Ctx, cp: CutoverPlan, wave: string, s: Session): Promise<void> {
  const members = cp.plan.systems.filter((x) => x.wave === wave && x.runbook !== null).map((x) => x.id);
  const pending = members.filter((id) => s.engine.state(id).state !== "finalized");
  if (pending.length > 0) {
    ctx.io.out(`wave ${wave}: ${plural(pending.length, "system")} not finalized yet`);
    return;
  }
  const lock = cp.lock.lock!;
  const from = lock.waves[wave]!;
  if (refusedTransition(from, "done", false)) return;
  writeLockFile(cp.lock.file, lockText({ ...lock, waves: { ...lock.waves, [wave]: "done" } }, cp.lock.file));
  await s.engine.record({
    type: "note",
    message: `wave ${wave}: every system finalized; recorded done in ${cp.lock.shown}`,
  });
  ctx.io.out(`wave ${wave}: ${from} → done in ${cp.lock.shown} (commit it)`);
}

async function verify(ctx: Ctx): Promise<number> {
  const read = await ctx.state.readJournal();
  if (read.records.length === 0 && read.problems.length === 0)
    throw new UsageError(`no journal at ${ctx.state.journalShown}`, "cutover");
  const problems = read.problems.map((p) => `${ctx.state.journalShown}:${p.line}: ${p.message}`);
  const logged = read.records.flatMap((r) => (r.type === "step" && r.log ? [{ seq: r.seq, log: r.log }] : []));
  const hashes = await ctx.state.logHashes(logged.map((r) => r.log.path));
  for (const { seq, log } of logged) {
    const hash = hashes.get(log.path);
    if (hash === undefined) problems.push(`${ctx.shown}/${log.path}: missing (record ${seq})`);
    else if (hash !== log.sha256)
      problems.push(`${ctx.shown}/${log.path}: changed since record ${seq} (its SHA-256 differs)`);
  }
  for (const p of problems) ctx.io.err(p);
  const verdict = problems.length ? `; ${plural(problems.length, "problem")}` : "; the chain and every step log verify";
  ctx.io.out(`${ctx.state.journalShown}: ${plural(read.records.length, "record")}, head ${read.head}${verdict}`);
  return problems.length > 0 ? EXIT.violation : EXIT.ok;
}
