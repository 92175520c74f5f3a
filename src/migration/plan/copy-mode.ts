/**
 * Warm or cold: how a system's data is copied (a cutover) or merged (a consolidation).
 * Cold when copying everything inside the window fits; warm (online) when it does not and
 * the data allows it; otherwise cold, with what blocks it and the fix. Pure.
 */
import type { System } from "../inventory/model";
import type { PlannerRules } from "../inventory/planner-rules";
import { CONSOLIDATION_ITINERARY } from "./itinerary-consolidation";
import { CUTOVER_ITINERARY } from "./itinerary-cutover";
import { inWindowHours, type RunbookContext } from "./runbook";
import { round } from "./runbook-phases";
import type { CopyMode, Disposition, Text } from "./types";

/** Hours to move `gb` over the link at its effective rate. */
export function transferHours(gb: number, rules: PlannerRules): number {
  const mbps = (rules.cutover.linkMbps * rules.cutover.linkEfficiencyPct) / 100;
  return round((gb * 8 * 1024) / mbps / 3600);
}

/**
 * Whether the data allows a warm (online) copy, and why: the rule is data (policy.rules.cutover.warmDatabases,
 * warmFiles).
 */
export function warmAllowed(system: System, rules: PlannerRules): { allowed: boolean; why: Text } {
  const { warmDatabases, warmFiles } = rules.cutover;
  const engine = system.database?.normalize("NFKC").toLowerCase();
  if (engine !== undefined) {
    const match = warmDatabases.find((name) => engine.includes(name.normalize("NFKC").toLowerCase()));
    return match
      ? {
          allowed: true,
          why: {
            zh: `数据库 ${system.database} 自带复制，可在线同步`,
            en: `${system.database} replicates, so it can be copied online`,
          },
        }
      : {
          allowed: false,
          why: {
            zh: `数据库 ${system.database} 不在可在线复制的引擎之列（policy.rules.cutover.warmDatabases）`,
            en:
              `${system.database} is not among the engines that may be copied online ` +
              `(policy.rules.cutover.warmDatabases)`,
          },
        };
  }
  if (system.servers.some((group) => group.role === "db")) {
    return {
      allowed: false,
      why: {
        zh: "有数据库服务器但未登记数据库引擎，无法确定能否在线复制",
        en: "it has database servers but no engine recorded, so an online copy cannot be planned",
      },
    };
  }
  return warmFiles
    ? {
        allowed: true,
        why: {
          zh: "文件数据：可用增量同步（rsync）提前在线复制",
          en: "file data: an incremental sync (rsync) copies it online ahead of the window",
        },
      }
    : {
        allowed: false,
        why: {
          zh: "文件数据的在线同步未获准（policy.rules.cutover.warmFiles）",
          en: "online sync of file data is not allowed (policy.rules.cutover.warmFiles)",
        },
      };
}

export interface CopyDecision {
  readonly mode: CopyMode;
  readonly fullCopyHours: number;
  readonly deltaHours: number;
  /**
   * Hours inside the window of the chosen mode, and the users' limit (the window, or their allowed downtime when
   * shorter).
   */
  readonly windowHours: number;
  readonly limitHours: number;
  /** Why nothing fits (null when the chosen mode fits): the reason and the fix, for the unscheduled list. */
  readonly blocker: Text | null;
}

/**
 * Warm or cold, for a cutover or a merge: cold (simpler, no replication tooling) when
 * copying everything inside the window fits both the window and the users' allowed
 * downtime; warm when it does not and the data allows it (warmAllowed); otherwise cold,
 * with what blocks it and the fix.
 */
export function chooseCopyMode(
  system: System,
  disposition: Disposition,
  rules: PlannerRules,
  windowHours: number,
): CopyDecision {
  const fullCopyHours = transferHours(system.dataGb, rules);
  const deltaHours = transferHours((system.dataGb * rules.cutover.dailyChangePct) / 100, rules);
  const itinerary = disposition === "consolidate" ? CONSOLIDATION_ITINERARY : CUTOVER_ITINERARY;
  const ctx = (copyMode: CopyMode): RunbookContext => ({
    system,
    disposition,
    domain: null,
    copyMode,
    fullCopyHours,
    deltaHours,
    rules,
    windowHours,
    survivor: null,
    stacks: [],
  });
  const limitHours = Math.min(windowHours, system.maxDowntimeHours ?? windowHours);
  const cold = inWindowHours(itinerary, ctx("cold"));
  if (cold <= limitHours)
    return { mode: "cold", fullCopyHours, deltaHours, windowHours: cold, limitHours, blocker: null };
  const limitText = (hours: number): Text =>
    hours > windowHours
      ? { zh: `窗口只有 ${windowHours} 小时`, en: `windows are ${windowHours} h` }
      : { zh: `用户只允许停机 ${limitHours} 小时`, en: `the users allow ${limitHours} h of downtime` };
  const warm = warmAllowed(system, rules);
  if (!warm.allowed) {
    return {
      mode: "cold",
      fullCopyHours,
      deltaHours,
      windowHours: cold,
      limitHours,
      blocker: {
        zh:
          `停机复制需在窗口内 ${cold} 小时，而${limitText(cold).zh}；不能在线复制：${warm.why.zh}（解决：为其配置数据库复制并将引擎列入 warmDatabases，` +
          `或安排至少 ${Math.ceil(cold)} 小时的专用窗口）`,
        en:
          `a cold copy needs ${cold} h inside the window and ${limitText(cold).en}; no online copy: ` +
          `${warm.why.en} (fix: set up replication for it and list the engine in warmDatabases, or a dedicated ` +
          `window of at least ${Math.ceil(cold)} h)`,
      },
    };
  }
  const hours = inWindowHours(itinerary, ctx("warm"));
  const blocker =
    hours <= limitHours
      ? null
      : {
          zh:
            `在线复制后最终同步仍需窗口内 ${hours} 小时，而${limitText(hours).zh}（解决：安排至少 ${Math.ceil(hours)} 小时的专用窗口，` +
            `或提高链路带宽 linkMbps）`,
          en:
            `even copied online, the final sync needs ${hours} h inside the window and ${limitText(hours).en} ` +
            `(fix: a dedicated window of at least ${Math.ceil(hours)} h, or more bandwidth, linkMbps)`,
        };
  return { mode: "warm", fullCopyHours, deltaHours, windowHours: hours, limitHours, blocker };
}
