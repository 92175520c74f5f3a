/**
 * The small engine that interprets the itinerary tables (src/migration/cutover/itinerary.ts)
 * for one system at a time: it runs the phases the journal does not show finished, records
 * every step before and after it runs, and decides from the tables what a failure means.
 * Everything it knows about the past comes from the journal's fold, so a resumed engine
 * continues exactly where a crashed one stopped.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { PAST_SWITCH, ruleOf, type SystemState } from "../migration/cutover/itinerary";
import {
  applyRecord,
  emptySystem,
  type Folding,
  type JournalEvent,
  type SystemFold,
} from "../migration/cutover/journal";
import { durationMs } from "../migration/cutover/model";
import type { ResolvedStep, ResolvedSystem } from "../migration/cutover/resolve";
import { httpCheck, observe, runProgram, type TryResult } from "./actions";
import { sha256, type Clock } from "./journal-file";
import type { PulumiDriver } from "./pulumi";
import type { JournalStore } from "./store";
import { bytesPerSecond, formatBytes, GB } from "../migration/cutover/measure";

/** The bytes a step moved and its pace, for its record (nothing when nothing was measured). */
function measuredPace(bytes: number | undefined, ms: number): { bytes?: number; bytesPerSecond?: number } {
  if (bytes === undefined) return {};
  const pace = bytesPerSecond(bytes, ms);
  return pace === undefined ? { bytes } : { bytes, bytesPerSecond: pace };
}

export interface Window {
  readonly start: Date;
  readonly end: Date;
}

export interface EngineContext {
  readonly journal: JournalStore;
  readonly fold: Folding;
  readonly clock: Clock;
  readonly stateDir: string;
  readonly say: (line: string) => void;
  readonly pulumi: (driver: "offline" | "automation") => PulumiDriver;
  /** The time the window checks use: the clock, or --now moved on by the time elapsed since. */
  readonly windowNow: () => Date;
  readonly windowOf: (system: ResolvedSystem) => Window | undefined;
}

/** Where a system stands when the engine stops working on it. */
export type Outcome = "done" | "waiting" | "planned" | "needs-operator" | "rolled-back" | "finalized";

type StepsResult = "ok" | "failed" | "waiting" | "needs-operator";

export class Engine {
  constructor(private readonly ctx: EngineContext) {}

  /** Journals an event; resolves once it is on disk (a step starts, or counts as done, only then). */
  async record(event: JournalEvent): Promise<void> {
    applyRecord(this.ctx.fold, await this.ctx.journal.commit(event));
  }

  /** Every system the journal names. */
  systems(): string[] {
    return [...this.ctx.fold.systems.keys()];
  }

  state(id: string): SystemFold {
    return this.ctx.fold.systems.get(id) ?? emptySystem();
  }

  /** Whether the traffic already went to the cloud (a rollback then ends as rolled-back, not planned). */
  pastSwitch(id: string): boolean {
    const s = this.state(id);
    return (
      PAST_SWITCH.includes(s.state) ||
      (s.state === "needs-operator" && s.before !== undefined && PAST_SWITCH.includes(s.before))
    );
  }

  private async move(id: string, state: SystemState, reason?: string): Promise<void> {
    if (this.state(id).state !== state)
      await this.record({ type: "system", system: id, state, ...(reason ? { reason } : {}) });
  }

  /**
   * Runs a system's itinerary as far as it can go without a person: up to (not including)
   * finalize. `newTry: false` (resume) continues unfinished work only: a system rolled back
   * earlier waits for a `run` to start its next try, not for the same failure again.
   */
  async advance(rs: ResolvedSystem, newTry = true): Promise<Outcome> {
    const id = rs.system.id;
    const current = this.state(id);
    if (!newTry && current.tries > 0 && (current.state === "planned" || current.state === "rolled-back")) {
      this.ctx.say(
        `${id}: ${current.state} after try ${current.tries} (${current.reason ?? ""}); ` +
          `govcloud cutover run starts the next try`,
      );
      return current.state;
    }
    if (current.phases.get("rollback")?.state === "running")
      return this.rollback(
        rs,
        current.phases.get("rollback")!.reason ?? "resumed rollback",
        this.pastSwitch(id) ? "rolled-back" : "planned",
      );
    if (current.state === "finalized") return "finalized";
    if (current.state === "needs-operator") {
      this.ctx.say(`${id}: needs the operator: ${current.reason ?? ""}`);
      return "needs-operator";
    }
    if (current.state === "planned" || current.state === "rolled-back") await this.move(id, "in-progress");

    let windowOpened = [...this.state(id).phases.entries()].some(
      ([phase, p]) => p.state !== "pending" && rs.phases.find((x) => x.id === phase)?.inWindow,
    );
    for (const phase of rs.phases) {
      const rule = ruleOf(phase.id);
      if (rule.byCommand) break;
      const done = this.state(id).phases.get(phase.id)?.state;
      if (done === "succeeded" || done === "skipped") continue;
      if (phase.inWindow && !windowOpened) {
        const refusal = this.windowRefusal(rs, phase.id);
        if (refusal) {
          await this.record({ type: "note", system: id, phase: phase.id, message: refusal });
          this.ctx.say(`${id}: ${refusal}`);
          return "waiting";
        }
        windowOpened = true;
      }
      if (rule.switchesTraffic && done !== "running") {
        const why = await this.rollbackStillPossible(rs);
        if (why) return this.fail(rs, phase.id, why);
      }
      if (phase.steps.length === 0) {
        await this.record({
          type: "phase",
          system: id,
          phase: phase.id,
          state: "skipped",
          reason: "no action at this site",
        });
        continue;
      }
      if (done !== "running") await this.record({ type: "phase", system: id, phase: phase.id, state: "running" });
      if (rule.enters) await this.move(id, rule.enters);
      const result = await this.runSteps(rs, phase.id, phase.steps);
      if (result === "waiting" || result === "needs-operator") return result;
      if (result === "failed")
        return this.fail(rs, phase.id, this.state(id).phases.get(phase.id)?.reason ?? "a step failed");
      await this.record({ type: "phase", system: id, phase: phase.id, state: "succeeded" });
      this.ctx.say(`${id}: ${phase.id} succeeded`);
      if (rule.switchesTraffic) await this.move(id, "switched");
    }
    return "done";
  }

  /** The finalize phase(s): a person's decision once the observation is over. */
  async finalize(rs: ResolvedSystem): Promise<Outcome> {
    const id = rs.system.id;
    for (const phase of rs.phases) {
      if (ruleOf(phase.id).byCommand !== "finalize") continue;
      if (this.state(id).phases.get(phase.id)?.state === "succeeded") continue;
      await this.record({ type: "phase", system: id, phase: phase.id, state: "running" });
      const result = await this.runSteps(rs, phase.id, phase.steps);
      if (result !== "ok") {
        if (result === "failed")
          await this.move(
            id,
            "needs-operator",
            `${phase.id} failed: ${this.state(id).phases.get(phase.id)?.reason ?? ""}`,
          );
        return result === "waiting" ? "waiting" : "needs-operator";
      }
      await this.record({ type: "phase", system: id, phase: phase.id, state: "succeeded" });
    }
    await this.move(id, "finalized");
    return "finalized";
  }

  /** Switches back: the rollback actions, then planned (automatic, before the switch) or rolled-back (after it). */
  async rollback(rs: ResolvedSystem, reason: string, to: "planned" | "rolled-back"): Promise<Outcome> {
    const id = rs.system.id;
    if (this.state(id).phases.get("rollback")?.state !== "running")
      await this.record({ type: "phase", system: id, phase: "rollback", state: "running", reason });
    this.ctx.say(`${id}: rolling back (${reason})`);
    const result = await this.runSteps(rs, "rollback", rs.rollback);
    if (result !== "ok") {
      if (result === "failed") await this.record({ type: "phase", system: id, phase: "rollback", state: "failed" });
      await this.move(
        id,
        "needs-operator",
        `the rollback did not finish (${reason}): check the source by hand, then govcloud cutover rollback ${id} again`,
      );
      return "needs-operator";
    }
    await this.record({ type: "phase", system: id, phase: "rollback", state: "succeeded" });
    await this.move(id, to, reason);
    return to;
  }

  private async fail(rs: ResolvedSystem, phase: string, why: string): Promise<Outcome> {
    const id = rs.system.id;
    const state = this.state(id);
    if (state.phases.get(phase)?.state !== "failed")
      await this.record({ type: "phase", system: id, phase, state: "failed", reason: why });
    this.ctx.say(`${id}: ${phase} failed: ${why}`);
    if (this.pastSwitch(id)) {
      if (rs.rollbackOn.includes(phase))
        return this.rollback(rs, `automatic (rollbackOn): ${phase} failed after the switch: ${why}`, "rolled-back");
      await this.move(
        id,
        "needs-operator",
        `${phase} failed after the switch: ${why} (fix: govcloud cutover rollback ${id}, or resume --retry-phase ` +
          `${id}:${phase})`,
      );
      return "needs-operator";
    }
    return this.rollback(rs, `automatic: ${phase} failed: ${why}`, "planned");
  }

  /** Why the in-window work may not start now, or undefined. The estimate is the plan's (hours per phase). */
  private windowRefusal(rs: ResolvedSystem, phase: string): string | undefined {
    const window = this.ctx.windowOf(rs);
    if (!window) return undefined;
    const now = this.ctx.windowNow();
    if (now < window.start)
      return `waiting for the window: ${phase} starts no earlier than ${window.start.toISOString()}`;
    if (now >= window.end)
      return `the window closed at ${window.end.toISOString()}: ${phase} not started; the system stays as it was`;
    const speed = this.measuredSlowdown(rs);
    const hours =
      Math.round(
        rs.phases
          .filter((p) => p.inWindow)
          .reduce((n, p) => n + p.hours * (ruleOf(p.id).movesData ? speed.factor : 1), 0) * 100,
      ) / 100;
    const ends = new Date(now.getTime() + hours * 3_600_000);
    if (ends > window.end)
      return (
        `the window is too short: ${hours} h of in-window work${speed.note} from now ends at ` +
        `${ends.toISOString()}, after the window closes at ${window.end.toISOString()}; not freezing, the ` +
        `system stays as it was`
      );
    return undefined;
  }

  /**
   * How much slower (or faster) than the plan's estimate the data will move in the window:
   * the plan's pace (the system's data over the full copy's estimate) against the pace the
   * full copy really had — its measured bytes over the time they took, or, when it measured
   * no bytes, its whole time against its estimate. 1 when the full copy has not run.
   */
  measuredSlowdown(rs: ResolvedSystem): { factor: number; note: string } {
    for (const phase of rs.phases) {
      if (!ruleOf(phase.id).measuresThroughput || phase.hours <= 0) continue;
      const done = this.state(rs.system.id).phases.get(phase.id);
      if (done?.state !== "succeeded" || done.elapsedMs <= 0) continue;
      const planned = ((rs.dataGb ?? 0) * GB) / (phase.hours * 3600);
      const measured = bytesPerSecond(done.bytes, done.measuredMs);
      if (measured && planned > 0) {
        const factor = planned / measured;
        return {
          factor,
          note:
            ` (data moves at the pace the ${phase.id} measured: ` +
            `${formatBytes(measured)}/s against the plan's ${formatBytes(Math.round(planned))}/s)`,
        };
      }
      const factor = done.elapsedMs / (phase.hours * 3_600_000);
      return {
        factor,
        note: ` (data moves at the ${phase.id}'s measured pace: ${Math.round(factor * 100)} % of the plan's estimate)`,
      };
    }
    return { factor: 1, note: "" };
  }

  /** Before the point of no return: rollback actions exist, and their check passes. */
  private async rollbackStillPossible(rs: ResolvedSystem): Promise<string | undefined> {
    if (rs.rollback.length === 0) return "no rollback actions in cutover.yaml: refusing to pass the point of no return";
    if (rs.rollbackCheck.length === 0) return undefined;
    const id = rs.system.id;
    if (this.state(id).phases.get("rollback-check")?.state === "succeeded") return undefined;
    await this.record({ type: "phase", system: id, phase: "rollback-check", state: "running" });
    const result = await this.runSteps(rs, "rollback-check", rs.rollbackCheck);
    if (result === "ok") {
      await this.record({ type: "phase", system: id, phase: "rollback-check", state: "succeeded" });
      return undefined;
    }
    await this.record({ type: "phase", system: id, phase: "rollback-check", state: "failed" });
    return "the rollback check failed: the old system could not take the traffic back, so the switch does not happen";
  }

  private async runSteps(rs: ResolvedSystem, phase: string, steps: readonly ResolvedStep[]): Promise<StepsResult> {
    const id = rs.system.id;
    for (const step of steps) {
      const seen = this.state(id).phases.get(phase)?.steps.get(String(step.index));
      if (seen?.outcome === "ok") continue;
      if (seen?.outcome === "started" && !step.idempotent) {
        await this.move(
          id,
          "needs-operator",
          `step ${step.index} (${step.name}) of ${phase} was running when the executor stopped and is not ` +
            `idempotent (fix: check it by hand, then govcloud cutover resume --mark-done ${id}:${phase} --by NAME, ` +
            `or --retry-phase ${id}:${phase})`,
        );
        this.ctx.say(`${id}: ${this.state(id).reason}`);
        return "needs-operator";
      }
      if (step.action.kind === "gate") {
        const by = this.state(id).approvals.get(phase);
        if (by === undefined) {
          this.ctx.say(`${id}: ${phase} waits for ${step.name}: govcloud cutover approve ${id} ${phase} --by NAME`);
          return "waiting";
        }
        continue;
      }
      const result = await this.runStep(rs, phase, step, seen?.attempt ?? 0);
      if (!result.ok) {
        await this.record({
          type: "phase",
          system: id,
          phase,
          state: "failed",
          reason: `${step.name}: ${result.error ?? "failed"}`,
        });
        return "failed";
      }
    }
    return "ok";
  }

  /** One step with its retries, each try journalled before it starts and after it ends, with its log's hash. */
  private async runStep(
    rs: ResolvedSystem,
    phase: string,
    step: ResolvedStep,
    attemptsSoFar: number,
  ): Promise<TryResult> {
    const id = rs.system.id;
    const action = step.action;
    const tries = action.kind === "run" || action.kind === "http" ? action.retries + 1 : 1;
    let result: TryResult = { ok: false, exitCode: null, error: "not run" };
    for (let attempt = attemptsSoFar + 1, n = 0; n < tries; attempt++, n++) {
      const relative = path.posix.join("logs", id, `${this.state(id).tries}-${phase}-${step.index}-${attempt}.log`);
      const logFile = path.join(this.ctx.stateDir, relative);
      fs.mkdirSync(path.dirname(logFile), { recursive: true });
      fs.writeFileSync(logFile, "");
      const started = this.ctx.clock.now();
      // What the started and the ended record of one attempt share.
      const attemptOf = { type: "step", system: id, phase, step: step.index, name: step.name, attempt } as const;
      await this.record({ ...attemptOf, outcome: "started", started: started.toISOString() });
      result = await this.execute(rs, step, logFile, phase);
      const ended = this.ctx.clock.now();
      const bytes = fs.readFileSync(logFile);
      // Kept with the journal before the record that names it: a verify never finds a record without its log.
      await this.ctx.journal.saveLog(relative, bytes);
      await this.record({
        ...attemptOf,
        outcome: result.ok ? "ok" : "failed",
        started: started.toISOString(),
        ended: ended.toISOString(),
        exitCode: result.exitCode,
        durationMs: ended.getTime() - started.getTime(),
        ...measuredPace(result.bytes, ended.getTime() - started.getTime()),
        log: { path: relative, sha256: sha256(bytes), bytes: bytes.length },
        ...(result.error ? { error: result.error } : {}),
      });
      if (result.ok) return result;
      if (n + 1 < tries && (action.kind === "run" || action.kind === "http"))
        await this.ctx.clock.sleep(durationMs(action.retryDelay));
    }
    return result;
  }

  private async execute(rs: ResolvedSystem, step: ResolvedStep, logFile: string, phase: string): Promise<TryResult> {
    const action = step.action;
    switch (action.kind) {
      case "run":
        return runProgram(action, this.ctx.stateDir, logFile);
      case "http":
        return httpCheck(action, logFile);
      case "wait": {
        const first = this.state(rs.system.id).phases.get(phase)?.steps.get(String(step.index))?.firstStarted;
        return observe(
          action,
          first ? new Date(first) : this.ctx.clock.now(),
          this.ctx.clock,
          this.ctx.stateDir,
          logFile,
        );
      }
      case "pulumi":
        if (!rs.system.wave) return { ok: false, exitCode: null, error: "the system has no wave" };
        return this.ctx.pulumi(action.driver).up({ stack: action.stack, wave: rs.system.wave, logFile });
      case "gate":
        return { ok: true, exitCode: null };
    }
  }
}
