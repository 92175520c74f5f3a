/**
 * The policy a plan runs under (ResolvedPolicy): the inventory's `policy:` section, or the
 * seeds' when the dataset has none (a bare spreadsheet), with the command-line overrides
 * (--start, --deadline) on top. Never the wall clock. The section's schema is PolicySchema
 * (inventory/model.ts) and its `rules:` part PlannerRulesSchema (inventory/planner-rules.ts).
 */
import { inPlanningYears, isIsoDate, MAX_YEAR, MIN_YEAR } from "../inventory/dates";
import type { Policy } from "../inventory/model";
import { DEFAULT_RULES, type PlannerRules } from "../inventory/planner-rules";
import type { Weekday } from "../inventory/vocabulary";
import { addDays } from "./windows";

/** Milestones before any work: the census, then the approved classification and plan. */
export interface Milestones {
  readonly inventoryBy: string;
  readonly planApprovedBy: string;
  readonly source?: string;
}

/**
 * Seed 000 (周村方案): the census by the end of January 2018 (第三部分（一）), the
 * classification into clean-up / integrate / migrate and the migration plan by the end of
 * March 2018 (第三部分（三）, 第四部分（二）). The defaults of every policy that sets none.
 */
export const SEED_MILESTONES: Milestones = {
  inventoryBy: "2018-01-31",
  planApprovedBy: "2018-03-31",
  source: "周村区政务信息系统整合共享实施方案 三（一）、三（三）、四（二）",
};

export interface ResolvedPolicy {
  readonly planningStart: string;
  readonly milestones: Milestones;
  readonly deadlines: readonly { readonly date: string; readonly sharePct: number; readonly source?: string }[];
  readonly windows: { readonly days: readonly Weekday[]; readonly startTime: string; readonly hours: number };
  readonly capacity: { readonly systems: number; readonly dataTb: number };
  readonly rules: PlannerRules;
  readonly source: "dataset" | "seeds" | "flags";
}

/**
 * Seed 001 (Weifang task table, item 5): plan from 2018-01-01, 70 % on the cloud by
 * 2018-06-30, all by 2018-12-31. Windows: weekend nights, the usual practice for
 * government systems; capacity: what a district team typically handles per night.
 */
export const SEED_POLICY: ResolvedPolicy = {
  planningStart: "2018-01-01",
  milestones: SEED_MILESTONES,
  deadlines: [
    { date: "2018-06-30", sharePct: 70, source: "潍坊市政务信息系统整合共享实施方案任务分解表 第5项" },
    { date: "2018-12-31", sharePct: 100, source: "潍坊市政务信息系统整合共享实施方案任务分解表 第5项" },
  ],
  windows: { days: ["sat", "sun"], startTime: "22:00", hours: 8 },
  capacity: { systems: 3, dataTb: 2 },
  rules: DEFAULT_RULES,
  source: "seeds",
};

export interface PolicyOverrides {
  readonly start?: string;
  /** `YYYY-MM-DD:NN%` each. */
  readonly deadlines?: readonly string[];
}

export class PolicyOverrideError extends Error {}

export function resolvePolicy(policy: Policy | undefined, overrides: PolicyOverrides = {}): ResolvedPolicy {
  const base: ResolvedPolicy = policy
    ? {
        planningStart: policy.planningStart,
        milestones: policy.milestones ?? SEED_MILESTONES,
        deadlines: policy.deadlines,
        windows: policy.cutoverWindows,
        capacity: policy.capacityPerWindow,
        rules: policy.rules ?? DEFAULT_RULES,
        source: "dataset",
      }
    : SEED_POLICY;
  if (overrides.start === undefined && (overrides.deadlines?.length ?? 0) === 0) return base;
  const planningStart = overrides.start ?? base.planningStart;
  if (!isIsoDate(planningStart))
    throw new PolicyOverrideError(`--start "${planningStart}" is not a date written YYYY-MM-DD`);
  if (!inPlanningYears(planningStart))
    throw new PolicyOverrideError(`--start "${planningStart}" is outside the years ${MIN_YEAR}–${MAX_YEAR}`);
  const deadlines = overrides.deadlines?.length ? overrides.deadlines.map(parseDeadline) : base.deadlines;
  deadlines.forEach((deadline, i) => {
    if (deadline.date <= planningStart)
      throw new PolicyOverrideError(`deadline ${deadline.date} is not after the planning start ${planningStart}`);
    const previous = deadlines[i - 1];
    if (previous && (deadline.date <= previous.date || deadline.sharePct < previous.sharePct)) {
      throw new PolicyOverrideError(
        `deadlines must rise in date and share: ${previous.date}:${previous.sharePct}% then ` +
          `${deadline.date}:${deadline.sharePct}%`,
      );
    }
  });
  return { ...base, planningStart, deadlines, source: "flags" };
}

/**
 * The first day cutovers and retirements may be worked on: the day after the plan is
 * approved (no system is retired or moved before its classification is approved), or
 * the planning start when that is later (a milestone in the plan's past holds nothing back).
 */
export function workStart(policy: Pick<ResolvedPolicy, "planningStart" | "milestones">): string {
  const afterApproval = addDays(policy.milestones.planApprovedBy, 1);
  const afterInventory = addDays(policy.milestones.inventoryBy, 1);
  return [policy.planningStart, afterInventory, afterApproval].reduce((a, b) => (b > a ? b : a));
}

function parseDeadline(text: string): { date: string; sharePct: number } {
  const match = /^(\d{4}-\d{2}-\d{2}):(\d+(?:\.\d+)?)%?$/.exec(text.trim());
  if (!match || !isIsoDate(match[1]!))
    throw new PolicyOverrideError(`--deadline "${text}" is not DATE:SHARE, e.g. 2027-06-30:70%`);
  if (!inPlanningYears(match[1]!))
    throw new PolicyOverrideError(`--deadline "${text}": the date is outside the years ${MIN_YEAR}–${MAX_YEAR}`);
  const sharePct = Number(match[2]);
  if (sharePct <= 0 || sharePct > 100)
    throw new PolicyOverrideError(`--deadline "${text}": the share must be above 0 and at most 100 %`);
  return { date: match[1]!, sharePct };
}
