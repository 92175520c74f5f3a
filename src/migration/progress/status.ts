/**
 * Each system of the held plan next to what happened to it: done (finalized: migrated,
 * merged or retired), in progress (a try under way, switched, observing, or waiting for
 * the operator), still to do (never started, or a try rolled back), or kept (classified,
 * or retained by an approval: nothing to do). Late when it is not done by its due date:
 * the lock's wave date plus the observation the runbook allows before finalizing. One
 * home for these rules: every report and the re-plan read them from here. Pure.
 */
import type { SystemState } from "../cutover/itinerary";
import type { Disposition, Plan, SystemPlan } from "../plan/types";
import type { Actual } from "./actuals";

export const PROGRESS = ["done", "in-progress", "to-do", "kept"] as const;
export type Progress = (typeof PROGRESS)[number];

/** Dispositions with nothing to do: classified systems and approved exceptions stay where they are. */
export const KEPT: readonly Disposition[] = ["exclude", "retain"];

export interface SystemProgress {
  readonly id: string;
  readonly name: string;
  readonly department: string;
  readonly room: string;
  readonly disposition: Disposition;
  readonly wave: string | null;
  /** The lock's date: the wave's window, or the retirement date (null: no window found). */
  readonly planned: string | null;
  /** The planned date plus the observation before finalizing: done by then, or late. */
  readonly due: string | null;
  readonly status: Progress;
  /** The journal's state ("none": the journals never name it). */
  readonly state: SystemState | "none";
  readonly started: string | null;
  /** When it was finalized. */
  readonly finished: string | null;
  /** Not done and its due date has passed, or done after it. */
  readonly late: boolean;
  /** Days past the due date (as of the report, or until it was done). */
  readonly lateDays: number;
  readonly rollbacks: number;
  readonly reason: string | null;
}

const DAY = 86_400_000;
const days = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

export function statusOf(state: SystemState | "none", disposition: Disposition): Progress {
  if (KEPT.includes(disposition)) return "kept";
  if (state === "finalized") return "done";
  if (state === "in-progress" || state === "switched" || state === "observing" || state === "needs-operator")
    return "in-progress";
  return "to-do";
}

export function systemProgress(system: SystemPlan, actual: Actual | undefined, asOf: string): SystemProgress {
  const state = actual?.state ?? "none";
  const status = statusOf(state, system.disposition);
  const planned = system.cutoverDate;
  const due = system.runbook?.rollback?.until ?? planned;
  const finished = status === "done" ? (actual?.finished ?? null) : null;
  const until = finished ?? asOf;
  const lateDays = status !== "kept" && due !== null && until > due ? days(due, until) : 0;
  return {
    id: system.id,
    name: system.name,
    department: system.department,
    room: system.serverRoom,
    disposition: system.disposition,
    wave: system.wave,
    planned,
    due,
    status,
    state,
    started: actual?.started ?? null,
    finished,
    late: lateDays > 0,
    lateDays,
    rollbacks: actual?.rollbacks ?? 0,
    reason: actual?.reason ?? null,
  };
}

/** Every system of the plan, in the plan's order. */
export function planProgress(plan: Plan, actuals: ReadonlyMap<string, Actual>, asOf: string): SystemProgress[] {
  return plan.systems.map((s) => systemProgress(s, actuals.get(s.id), asOf));
}
