/**
 * Whether each deadline of the policy is met, and if not, which constraint stops it and
 * by how much. The share counts the systems that must go to the cloud (rehost,
 * replatform, consolidate); zombies retire and classified or approved systems stay out.
 */
import type { ResolvedPolicy } from "./settings";
import type { WindowCalendar } from "./windows";
import type { DeadlineResult } from "./types";

export interface DeadlineInput {
  readonly policy: ResolvedPolicy;
  /** Completion date of each cloud-bound system (null: never scheduled). */
  readonly doneDates: readonly (string | null)[];
  readonly calendar: WindowCalendar;
  readonly unscheduled: number;
  /** Data each cloud-bound system moves inside its window, GB, easiest first. */
  readonly windowDataGb: readonly number[];
  readonly firstWindowDate: string;
}

export function evaluateDeadlines({ policy, doneDates, calendar, unscheduled, windowDataGb, firstWindowDate }: DeadlineInput): DeadlineResult[] {
  const total = doneDates.length;
  return policy.deadlines.map((deadline) => {
    const required = Math.ceil((deadline.sharePct / 100) * total - 1e-9);
    const done = doneDates.filter((d) => d !== null && d <= deadline.date).length;
    const plannedShare = total === 0 ? 1 : Math.round((done / total) * 10000) / 10000;
    const met = done >= required;
    const shortBy = met ? 0 : required - done;
    return {
      date: deadline.date,
      requiredShare: deadline.sharePct / 100,
      plannedShare,
      met,
      shortBy,
      explanation: met ? null : explain(deadline.date, deadline.sharePct, required, done, policy, calendar, unscheduled, windowDataGb, firstWindowDate),
    };
  });
}

function explain(
  date: string,
  sharePct: number,
  required: number,
  done: number,
  policy: ResolvedPolicy,
  calendar: WindowCalendar,
  unscheduled: number,
  windowDataGb: readonly number[],
  firstWindowDate: string,
): string {
  const short = required - done;
  if (firstWindowDate > date) {
    return `preparation: the first cutover window is ${firstWindowDate}, after the deadline (planning start ${policy.planningStart} + ${policy.rules.cutover.prepareDays} days of preparation); short by ${short} systems`;
  }
  const windows = calendar.countUntil(date);
  const capacity = windows * policy.capacity.systems;
  if (capacity < required) {
    const needed = Math.ceil(required / Math.max(1, windows));
    return `capacity: ${windows} windows × ${policy.capacity.systems} cutovers = ${capacity} before ${date}, but ${sharePct} % needs ${required}; short by ${short} systems (fix: at least ${needed} cutovers per window, or more windows a week)`;
  }
  const dataCapacityGb = windows * policy.capacity.dataTb * 1024;
  const easiestData = [...windowDataGb].sort((a, b) => a - b).slice(0, required).reduce((n, gb) => n + gb, 0);
  if (easiestData > dataCapacityGb) {
    return `data: ${windows} windows × ${policy.capacity.dataTb} TB = ${Math.round(dataCapacityGb)} GB before ${date}, but the ${required} lightest systems move ${Math.round(easiestData)} GB; short by ${short} systems (fix: raise the data per window, or warm migrations)`;
  }
  if (unscheduled > 0) {
    return `${unscheduled} systems have no window (see their runbooks); short by ${short} systems`;
  }
  return `dependencies and shadow merges: systems wait for the systems they depend on, and shadows for their survivors, which pushes ${short} systems past ${date} (fix: more cutovers per window, so that chains move sooner)`;
}
