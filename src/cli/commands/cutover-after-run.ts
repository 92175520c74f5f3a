/**
 * The cutover subcommands after a run: its status, an operator's approval of a phase,
 * a rollback, finalizing a system after its observation, and verifying the journal.
 */
import { fold } from "../../migration/cutover/journal";
import { rollbackRefusal } from "../../migration/cutover/itinerary";
import { InputError } from "../../migration/inventory/diagnostics";
import { refusedTransition } from "../../migration/lock/states";
import type { CutoverPlan } from "../cutover-plan";
import { type Session } from "../cutover-session";
import { EXIT, plural, UsageError } from "../io";
import { lockText, writeLockFile } from "../lock-file";
import { statusJson, statusLines } from "../cutover-status";

import { runOfState, session, systemPhase, type Ctx } from "./cutover-context";

export async function status(ctx: Ctx): Promise<number> {
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

export async function approve(ctx: Ctx): Promise<number> {
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

export async function rollback(ctx: Ctx): Promise<number> {
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

export async function finalize(ctx: Ctx): Promise<number> {
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

export async function verify(ctx: Ctx): Promise<number> {
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
