/**
 * The plan's judgement calls a department must act on, as report sections: blockers
 * (dependants to re-point before a retirement or merge) and review candidates (systems
 * in use whose software has not been updated for years: listed, not retired).
 */
import type { SystemPlan } from "../types";
import { named, systemRef, type RenderContext } from "./context";
import { evidenceValue, fieldLabel } from "./labels";
import type { LongList } from "./lists";
import { md, table } from "./markdown";

const ZH = {
  repoint: "## 改接依赖（清理或整合前的阻断项）",
  repointLine: "以下系统依赖将被清理或整合的系统，须在其停用日期前改接；被依赖的系统在全部依赖方改接前不停止服务：",
  dependant: "依赖方",
  goesAway: "停用或整合的系统",
  to: "改接到",
  by: "最迟",
  drop: "无替代，取消调用",
  review: "## 复核对象（不清理）",
  reviewLine: "以下系统长期未更新，但仍在使用且运维正常，不作为僵尸系统清理；请部门复核是否升级、整合或清理：",
  system: "系统",
  evidence: "依据",
};

const EN: typeof ZH = {
  repoint: "## Dependants to re-point (blockers before retirements and merges)",
  repointLine:
    "These systems call a system that is retired or merged; " +
    "each re-points by the date it stops, and that system is not stopped before every dependant has:",
  dependant: "Dependant",
  goesAway: "Retired or merged system",
  to: "Re-point to",
  by: "By",
  drop: "nothing replaces it: drop the call",
  review: "## Review candidates (not retired)",
  reviewLine:
    "These systems have not been updated for years but are used and maintained, so they are not retired as " +
    "zombies; the department reviews whether to upgrade, merge or retire them:",
  system: "System",
  evidence: "Evidence",
};

function repointRows(ctx: RenderContext, systems: readonly SystemPlan[], prefix: string): string[][] {
  const w = ctx.lang === "zh" ? ZH : EN;
  return systems.flatMap((s) =>
    s.repoint.map((r) => [
      systemRef(ctx, s.id, prefix),
      md(named(ctx.lang, ctx.systemName(r.from), r.from)),
      r.to ? md(named(ctx.lang, ctx.systemName(r.to), r.to)) : w.drop,
      r.by ?? "—",
    ]),
  );
}

/** The re-pointing table for `systems` (empty when none has a blocker). */
export function repointSection(ctx: RenderContext, systems: readonly SystemPlan[], prefix: string): string[] {
  const w = ctx.lang === "zh" ? ZH : EN;
  const rows = repointRows(ctx, systems, prefix);
  return rows.length ? [w.repoint, w.repointLine, table([w.dependant, w.goesAway, w.to, w.by], rows)] : [];
}

/** Every blocker of the plan as a long list (its own file; the summary shows the earliest). */
export function repointList(ctx: RenderContext): { heading: string; intro: string; list: LongList } {
  const w = ctx.lang === "zh" ? ZH : EN;
  const bySoonest = [...ctx.systems].sort((a, b) => {
    const first = (s: SystemPlan) => s.repoint.map((r) => r.by ?? "9999").sort()[0] ?? "9999";
    return first(a) < first(b) ? -1 : first(a) > first(b) ? 1 : 0;
  });
  return {
    heading: w.repoint,
    intro: w.repointLine,
    list: {
      id: "blockers",
      title: w.repoint.replace(/^## /, ""),
      intro: w.repointLine,
      header: [w.dependant, w.goesAway, w.to, w.by],
      rows: (prefix) => repointRows(ctx, bySoonest, prefix),
    },
  };
}

/** The review candidates among `systems`, with their evidence (empty when none). */
export function reviewSection(ctx: RenderContext, systems: readonly SystemPlan[], prefix: string): string[] {
  const w = ctx.lang === "zh" ? ZH : EN;
  const sep = ctx.lang === "zh" ? "；" : "; ";
  const colon = ctx.lang === "zh" ? "：" : ": ";
  const rows = systems
    .filter((s) => s.review.length > 0)
    .map((s) => [
      systemRef(ctx, s.id, prefix),
      md(
        s.review
          .flatMap((r) =>
            Object.entries(r.evidence).map(
              ([k, v]) => `${fieldLabel(ctx.lang, k)}${colon}${evidenceValue(ctx.lang, k, v)}`,
            ),
          )
          .join(sep),
      ),
    ]);
  return rows.length ? [w.review, w.reviewLine, table([w.system, w.evidence], rows)] : [];
}
