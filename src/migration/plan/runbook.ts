/**
 * Runbooks as an itinerary, in the manner of Forklift: the phases are data, each with a
 * predicate saying whether it applies to a system, whether it runs inside the cutover
 * window, and how long it takes (itinerary-*.ts). A system's runbook is its itinerary
 * evaluated for it, with the rollback a cutover keeps until its observation ends.
 */
import { CONSOLIDATION_ITINERARY } from "./itinerary-consolidation";
import { CUTOVER_ITINERARY } from "./itinerary-cutover";
import { RETIREMENT_ITINERARY } from "./itinerary-retirement";
import { round, type Phase, type RunbookContext } from "./runbook-phases";
import { shared } from "./text";
import type { Rollback, Runbook, RunbookStep, Text } from "./types";

export type { RepointStep, RunbookContext } from "./runbook-phases";

/** Hours a runbook of this itinerary spends inside the window, for this system and copy mode. */
export function inWindowHours(itinerary: readonly Phase[], ctx: RunbookContext): number {
  return round(itinerary.filter((p) => p.inWindow && p.applies(ctx)).reduce((n, p) => n + round(p.hours(ctx)), 0));
}

function evaluate(itinerary: readonly Phase[], ctx: RunbookContext): RunbookStep[] {
  const steps: RunbookStep[] = [];
  for (const phase of itinerary)
    if (phase.applies(ctx))
      steps.push({
        phase: phase.id,
        title: phase.title,
        detail: shared(phase.detail(ctx)),
        hours: round(phase.hours(ctx)),
        inWindow: phase.inWindow,
      });
  return steps;
}

/** When a cutover is rolled back, and how: the same sentences for every system, shared. */
const ROLLBACK_CRITERIA: readonly Text[] = [
  { zh: "冒烟测试任一项失败", en: "any smoke check fails" },
  { zh: "数据校验不一致", en: "data verification finds a mismatch" },
  {
    zh: "观察期内出现影响业务办理的故障且 4 小时内无法修复",
    en: "during observation, a fault stops business and cannot be fixed within 4 hours",
  },
];
const FREEZE_NEW: Text = { zh: "冻结新系统写入", en: "freeze writes on the new system" };
const SWITCH_BACK: Text = {
  zh: "将访问切回原系统，发布回退公告",
  en: "switch traffic back to the old system and announce the rollback",
};
const ROLLBACK_STEPS: Readonly<Record<"warm" | "cold", readonly Text[]>> = {
  warm: [
    FREEZE_NEW,
    {
      zh: "启用反向同步，把割接后新写入的数据回写原系统",
      en: "reverse-replicate the data written since the cutover into the old system",
    },
    SWITCH_BACK,
  ],
  cold: [
    FREEZE_NEW,
    {
      zh: "原系统数据未改动，导出割接后新写入的数据补录回原系统",
      en: "the old system's data is untouched: export what was written since the cutover and re-enter it there",
    },
    SWITCH_BACK,
  ],
};
const ROLLBACK_OWNER: Text = {
  zh: "部门分管领导会同区信息中心负责人决定",
  en: "the department's deputy head, with the head of the information centre",
};

function rollbackOf(ctx: RunbookContext, until: string | null): Rollback {
  return {
    criteria: ROLLBACK_CRITERIA,
    steps: ROLLBACK_STEPS[ctx.copyMode === "warm" ? "warm" : "cold"],
    owner: ROLLBACK_OWNER,
    until,
  };
}

function itineraryOf(ctx: RunbookContext): readonly Phase[] {
  return ctx.disposition === "retire"
    ? RETIREMENT_ITINERARY
    : ctx.disposition === "consolidate"
      ? CONSOLIDATION_ITINERARY
      : CUTOVER_ITINERARY;
}

/** The window hours of the system's runbook (buildRunbook's windowHours), without writing its steps. */
export function runbookWindowHours(ctx: RunbookContext): number {
  return inWindowHours(itineraryOf(ctx), ctx);
}

export function buildRunbook(ctx: RunbookContext, rollbackUntil: string | null): Runbook {
  const steps = evaluate(itineraryOf(ctx), ctx);
  const windowHours = round(steps.filter((s) => s.inWindow).reduce((n, s) => n + s.hours, 0));
  const kind =
    ctx.disposition === "retire" ? "retirement" : ctx.disposition === "consolidate" ? "consolidation" : "cutover";
  return {
    kind,
    copyMode: kind === "retirement" ? null : ctx.copyMode,
    steps,
    windowHours,
    fitsWindow: windowHours <= ctx.windowHours,
    fitsDowntime: ctx.system.maxDowntimeHours === undefined || windowHours <= ctx.system.maxDowntimeHours,
    rollback: kind === "retirement" ? null : rollbackOf(ctx, rollbackUntil),
  };
}
