/**
 * The semantics of a cutover run, as tables (the way Forklift writes its itinerary): the
 * states a system and a phase go through, which moves are allowed, and what each phase
 * of a runbook means to the engine. One state per system, never two flags: a reader sees
 * every transition here and nowhere else.
 */

export const SYSTEM_STATES = [
  "planned",
  "in-progress",
  "switched",
  "observing",
  "finalized",
  "rolled-back",
  "needs-operator",
] as const;
export type SystemState = (typeof SYSTEM_STATES)[number];

export const PHASE_STATES = ["pending", "running", "succeeded", "failed", "skipped"] as const;
export type PhaseState = (typeof PHASE_STATES)[number];

/**
 * Allowed moves of a system. Before the switch a failure rolls back by itself (back to
 * planned, targets kept for the next try); after it, a failure waits for a person
 * (needs-operator), who rolls back or resumes. Finalized and rolled-back end a try.
 */
export const SYSTEM_TRANSITIONS: Readonly<Record<SystemState, readonly SystemState[]>> = {
  planned: ["in-progress"],
  "in-progress": ["switched", "planned", "needs-operator"],
  switched: ["observing", "needs-operator", "rolled-back"],
  observing: ["finalized", "needs-operator", "rolled-back"],
  "needs-operator": ["in-progress", "switched", "observing", "planned", "rolled-back"],
  "rolled-back": ["in-progress"],
  finalized: [],
};

export function canMove(from: SystemState, to: SystemState): boolean {
  return from === to || SYSTEM_TRANSITIONS[from].includes(to);
}

/** What a runbook phase means to the engine, by its id (src/migration/plan/runbook.ts names them). */
export interface PhaseRule {
  /** The traffic switch: the point of no return for automatic rollback; the rollback check runs just before it. */
  readonly switchesTraffic?: true;
  /** The system's state once the phase has started. */
  readonly enters?: SystemState;
  /** Run only by `govcloud cutover finalize`, a person's decision after the observation. */
  readonly byCommand?: "finalize";
  /** Stops writes at the source: the window-fit check runs before it. */
  readonly freezes?: true;
  /**
   * Moves the bulk of the data outside the window: its measured speed against the plan's estimate is the throughput.
   */
  readonly measuresThroughput?: true;
  /** Moves data inside the window: its estimate is scaled by the measured throughput. */
  readonly movesData?: true;
}

export const PHASE_RULES: Readonly<Record<string, PhaseRule>> = {
  "full-copy": { measuresThroughput: true },
  freeze: { freezes: true },
  "final-sync": { movesData: true },
  "offline-copy": { movesData: true },
  "data-merge": { movesData: true },
  // A large merge done online (src/migration/plan/copy-mode.ts): the bulk before the window, the last delta inside it.
  "online-merge": { measuresThroughput: true },
  "final-merge": { movesData: true },
  "switch-traffic": { switchesTraffic: true },
  "redirect-users": { switchesTraffic: true },
  observe: { enters: "observing" },
  finalize: { byCommand: "finalize" },
};

export const ruleOf = (phase: string): PhaseRule => PHASE_RULES[phase] ?? {};

/** States in which the traffic goes to the cloud: a failure there waits for the operator. */
export const PAST_SWITCH: readonly SystemState[] = ["switched", "observing"];

/** Whether `rollback` may run from a state; after finalize the old system is gone (forced only). */
export function rollbackRefusal(state: SystemState, force: boolean): string | undefined {
  if (state === "finalized" && !force)
    return (
      "it is finalized: the old system was shut down, so there is nothing to switch back to (fix: add --force " +
      "if the old system still runs)"
    );
  if (state === "planned" || state === "rolled-back")
    return `it is ${state}: its traffic already goes to the old system`;
  return undefined;
}
