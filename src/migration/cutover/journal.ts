/**
 * What the journal says happened, and what a run makes of it. Records are events; the
 * state of every system and phase is a fold over them, so a resumed executor knows
 * exactly what the crashed one finished. Pure: the file store lives in src/cutover.
 */
import { canMove, type PhaseState, type SystemState } from "./itinerary";

export interface RecordHead {
  readonly seq: number;
  /** SHA-256 of the previous record's line (GENESIS for the first): the chain that shows tampering. */
  readonly prev: string;
  readonly at: string;
  readonly run: string;
  readonly operator: string;
  readonly host: string;
}

export const GENESIS = "0".repeat(64);

export interface StepLog {
  /** Relative to the state folder. */
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

export type JournalEvent =
  | {
      readonly type: "run";
      readonly command: string;
      readonly wave?: string;
      readonly systems?: readonly string[];
      readonly now?: string;
      readonly pid: number;
    }
  | { readonly type: "system"; readonly system: string; readonly state: SystemState; readonly reason?: string }
  | {
      readonly type: "phase";
      readonly system: string;
      readonly phase: string;
      readonly state: PhaseState;
      readonly reason?: string;
    }
  | {
      readonly type: "step";
      readonly system: string;
      readonly phase: string;
      readonly step: number;
      readonly name: string;
      readonly attempt: number;
      readonly outcome: "started" | "ok" | "failed";
      readonly started: string;
      readonly ended?: string;
      readonly exitCode?: number | null;
      readonly durationMs?: number;
      /** Data the step moved, where measured, and its pace (bytes per second). */
      readonly bytes?: number;
      readonly bytesPerSecond?: number;
      readonly log?: StepLog;
      readonly error?: string;
    }
  | { readonly type: "approval"; readonly system: string; readonly phase: string; readonly by: string }
  /**
   * A planned retirement carried out (archive, announce, stop, reclaim: the runbook's
   * steps, over days, outside the executor), recorded by the person who checked it.
   */
  | { readonly type: "retired"; readonly system: string; readonly by: string }
  | {
      readonly type: "operator";
      readonly system: string;
      readonly phase?: string;
      readonly decision: "retry-phase" | "mark-done" | "rollback" | "finalize" | "force";
      readonly by: string;
    }
  | { readonly type: "note"; readonly system?: string; readonly phase?: string; readonly message: string };

export type JournalRecord = RecordHead & JournalEvent;

export interface StepFold {
  outcome: "started" | "ok" | "failed";
  attempt: number;
  /** When the step first started in this try (a wait counts its observation from it). */
  firstStarted: string;
}

export interface PhaseFold {
  state: PhaseState;
  /** Time its finished tries took, ms (the window prediction scales the plan's copy estimates by it). */
  elapsedMs: number;
  /** Data its finished steps moved where measured, and the time those steps took (the pace is one over the other). */
  bytes: number;
  measuredMs: number;
  steps: Map<string, StepFold>;
  reason?: string;
}

export interface SystemFold {
  state: SystemState;
  /** The state before needs-operator, where the operator's decision returns it. */
  before?: SystemState;
  /** Tries so far (a rollback ends one; the next run starts another). */
  tries: number;
  phases: Map<string, PhaseFold>;
  approvals: Map<string, string>;
  reason?: string;
  updated: string;
}

export interface RunFold {
  readonly systems: Map<string, SystemFold>;
}

export function emptySystem(at = ""): SystemFold {
  return { state: "planned", tries: 0, phases: new Map(), approvals: new Map(), updated: at };
}

export interface Folding extends RunFold {
  records: number;
  readonly problems: string[];
}

export function newFold(): Folding {
  return { systems: new Map(), records: 0, problems: [] };
}

/** The run's state after `records`, in order. */
export function fold(records: Iterable<JournalRecord>): Folding {
  const f = newFold();
  for (const r of records) applyRecord(f, r);
  return f;
}

/** Applies one record. A state move the table forbids is reported, never applied silently. */
export function applyRecord(f: Folding, r: JournalRecord): void {
  f.records++;
  if (!("system" in r) || r.system === undefined) return;
  const s = f.systems.get(r.system) ?? f.systems.set(r.system, emptySystem(r.at)).get(r.system)!;
  const phaseOf = (phase: string) =>
    s.phases.get(phase) ??
    s.phases.set(phase, { state: "pending", elapsedMs: 0, bytes: 0, measuredMs: 0, steps: new Map() }).get(phase)!;
  s.updated = r.at;
  switch (r.type) {
    case "system":
      if (!canMove(s.state, r.state))
        f.problems.push(
          `record ${r.seq}: ${r.system} moved ${s.state} → ${r.state}, which the itinerary does not allow`,
        );
      if (r.state === "needs-operator" && s.state !== "needs-operator") s.before = s.state;
      if (r.state === "in-progress" && (s.state === "planned" || s.state === "rolled-back")) s.tries++;
      // A rollback ends a try: the next one starts clean (the journal keeps the old one,
      // the fold forgets it), approvals included — they were given for that try.
      if ((r.state === "planned" || r.state === "rolled-back") && s.state !== r.state) {
        s.phases = new Map();
        s.approvals = new Map();
      }
      s.state = r.state;
      s.reason = r.reason;
      break;
    case "phase": {
      const p = phaseOf(r.phase);
      p.state = r.state;
      p.reason = r.reason;
      break;
    }
    case "step": {
      const p = phaseOf(r.phase);
      const key = String(r.step);
      const previous = p.steps.get(key);
      p.steps.set(key, { outcome: r.outcome, attempt: r.attempt, firstStarted: previous?.firstStarted ?? r.started });
      p.elapsedMs += r.durationMs ?? 0;
      if (r.outcome === "ok" && r.bytes !== undefined) {
        p.bytes += r.bytes;
        p.measuredMs += r.durationMs ?? 0;
      }
      break;
    }
    case "approval":
      s.approvals.set(r.phase, r.by);
      break;
    case "retired":
      // Done, as a finalized cutover is (progress counts it); only from planned: nothing else ran.
      if (s.state !== "planned")
        f.problems.push(
          `record ${r.seq}: ${r.system} recorded retired while ${s.state}, which only a planned system can be`,
        );
      else {
        s.state = "finalized";
        s.reason = `retired (recorded by ${r.by})`;
      }
      break;
    case "operator": {
      if (r.phase === undefined) break;
      // retry-phase: the unfinished steps run again; mark-done: a person says they finished.
      for (const step of phaseOf(r.phase).steps.values())
        if (step.outcome === "started") step.outcome = r.decision === "mark-done" ? "ok" : "failed";
      break;
    }
  }
}
