/**
 * cutover run and resume: a wave's systems advanced through their itineraries, at most
 * --parallel at once and no more in a window than the policy allows, with a live table on
 * a terminal and a line per system at the end.
 */
import * as path from "node:path";
import type { ResolvedSystem } from "../../migration/cutover/resolve";
import type { Outcome } from "../../cutover/engine";
import { loadCutoverPlan, resolveWave, runnableWave, windowAdmission, type CutoverPlan } from "../cutover-plan";
import { pool, type Session } from "../cutover-session";
import { EXIT, plural, UsageError, type Io } from "../io";
import { LiveTable, liveRows } from "../cutover-live";
import { printDryRun } from "./cutover-dry-run";

import {
  assertStateOutsideDataset,
  nowOf,
  parallelOf,
  runOfState,
  session,
  systemPhase,
  type Ctx,
} from "./cutover-context";

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

export async function run(ctx: Ctx): Promise<number> {
  const { values, positionals, io } = ctx;
  if (positionals.length === 0)
    throw new UsageError(
      "name the inventory, e.g. govcloud cutover run inventories/zhoucun --wave 2018-03-10-a",
      "cutover",
    );
  if (!values.wave) throw new UsageError("--wave W is required (govcloud waves lists the lock's waves)", "cutover");
  const parallel = parallelOf(values);
  nowOf(values);
  if (!values["dry-run"]) assertStateOutsideDataset(ctx, positionals);
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

export async function resume(ctx: Ctx): Promise<number> {
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
