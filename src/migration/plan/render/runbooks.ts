/**
 * runbooks/<system>.md: everything the people doing one system's cutover, merge or
 * retirement need: why, where to, what to build, the steps in order with the window
 * and the downtime they take, and how to roll back.
 */
import type { Runbook, SystemPlan } from "../types";
import { departmentPath, named, roomPath, runbookFile, systemRef, type RenderContext } from "./context";
import { copyModeLabel, dispositionLabel, domainLabel, networkLabel, pick, round, thousands, yesNo } from "./labels";
import { bullets, document, link, md, numbered, table } from "./markdown";
import type { Pieces } from "./pieces";
import { reasonBlock, targetTables } from "./runbook-targets";

const ZH = {
  title: (kind: string, name: string) => `# ${kind}运行手册：${name}`,
  kinds: { cutover: "割接", consolidation: "整合", retirement: "清理" },
  back: (dept: string) => `返回部门报告：${dept} · [计划摘要](../summary.md)`,
  overview: "## 概况",
  item: "项目",
  value: "内容",
  department: "部门",
  room: "当前所在机房",
  network: "承载网络",
  disposition: "处置方式",
  domain: "目标域",
  tenant: "政务云租户",
  wave: "批次",
  dates: { cutover: "割接日期", consolidation: "整合日期", retirement: "停用日期" },
  copyMode: "迁移方式",
  into: "并入系统",
  merged: "并入本系统的影子系统",
  complexity: "复杂度评分",
  dataGb: "数据量(GB)",
  downtime: "允许停机(小时)",
  notRecorded: "未登记",
  losesFunding: "⚠️ 本系统不能在最后期限前迁移，次年将停止安排运维经费。",
  unscheduled: (why: string) => `⚠️ 未排入割接窗口：${why}`,
  reasons: "## 处置依据",
  placement: "## 部署位置与规格依据",
  targets: "## 目标资源",
  noTargets: {
    consolidate: (into: string) => `本系统并入 ${into}，不单独创建目标资源。`,
    retire: "本系统清理下线，不创建目标资源。",
    other: "不创建目标资源。",
  },
  steps: "## 步骤",
  no: "序号",
  phase: "阶段",
  step: "步骤",
  detail: "内容",
  inWindow: "窗口内",
  hours: "预计小时",
  window: "## 窗口与停机",
  windowLine: (used: string, window: string) => `窗口内步骤合计 ${used} 小时；割接窗口 ${window} 小时。`,
  fits: "✅ 可在一个窗口内完成。",
  exceeds: "⚠️ 超出割接窗口：需要专用窗口或拆分步骤。",
  noWindow: "本手册不占用割接窗口。",
  downtimeLine: (used: string, allowed: string) => `用户停机 ${used} 小时；允许停机 ${allowed} 小时。`,
  downtimeFits: "✅ 满足允许停机要求。",
  downtimeExceeds: (over: string, cold: boolean) =>
    `⚠️ 超出允许停机时长 ${over} 小时：须与业务部门商定停机时长${cold ? "，或改用温迁移（在线全量同步，窗口内只做增量同步）" : ""}。`,
  downtimeUnknown: "允许停机时长未登记，请业务部门确认。",
  rollback: "## 回退方案",
  criteria: "### 回退条件",
  rollbackSteps: "### 回退步骤",
  owner: "回退决策人",
  until: "可回退至",
  noRollback: "清理下线不设回退：停用前已归档数据，可按档案恢复。",
};

const EN: typeof ZH = {
  title: (kind, name) => `# ${kind} runbook: ${name}`,
  kinds: { cutover: "Cutover", consolidation: "Consolidation", retirement: "Retirement" },
  back: (dept) => `Back to the department report: ${dept} · [plan summary](../summary.md)`,
  overview: "## Overview",
  item: "Item",
  value: "Value",
  department: "Department",
  room: "Current server room",
  network: "Hosting network",
  disposition: "Disposition",
  domain: "Domain",
  tenant: "Cloud tenant",
  wave: "Wave",
  dates: { cutover: "Cutover date", consolidation: "Merge date", retirement: "Retirement date" },
  copyMode: "Copy mode",
  into: "Merged into",
  merged: "Shadow systems merged into it",
  complexity: "Complexity score",
  dataGb: "Data (GB)",
  downtime: "Allowed downtime (hours)",
  notRecorded: "not recorded",
  losesFunding: "⚠️ This system cannot move before the last deadline: it loses its O&M funding next year.",
  unscheduled: (why) => `⚠️ No cutover window: ${why}`,
  reasons: "## Why this disposition",
  placement: "## Placement and sizing",
  targets: "## Targets",
  noTargets: {
    consolidate: (into) => `The system merges into ${into}; it gets no targets of its own.`,
    retire: "The system is retired; it gets no targets.",
    other: "No targets.",
  },
  steps: "## Steps",
  no: "No.",
  phase: "Phase",
  step: "Step",
  detail: "What to do",
  inWindow: "In window",
  hours: "Hours (est.)",
  window: "## Window and downtime",
  windowLine: (used, window) => `Steps inside the window take ${used} hours; the cutover window is ${window} hours.`,
  fits: "✅ Fits in one window.",
  exceeds: "⚠️ Does not fit the cutover window: needs a dedicated window or split steps.",
  noWindow: "This runbook takes no cutover window.",
  downtimeLine: (used, allowed) => `Users are down for ${used} hours; the allowed downtime is ${allowed} hours.`,
  downtimeFits: "✅ Within the allowed downtime.",
  downtimeExceeds: (over, cold) =>
    `⚠️ Exceeds the allowed downtime by ${over} hours: agree the downtime with the ` +
    `department${cold ? ", or switch to a warm migration (full copy online, only the delta inside the window)" : ""}.`,
  downtimeUnknown: "The allowed downtime is not recorded: ask the department.",
  rollback: "## Rollback",
  criteria: "### When to roll back",
  rollbackSteps: "### How to roll back",
  owner: "Decided by",
  until: "Possible until",
  noRollback:
    "A retirement has no rollback: the data is archived before the service stops and can be restored from the archive.",
};

/**
 * One runbook per system, each rendered when it is written (a province has 100,000 of
 * them: holding them all at once would cost gigabytes).
 */
export function renderRunbooks(ctx: RenderContext): Map<string, Pieces> {
  const files = new Map<string, Pieces>();
  // The shadows merged into each survivor, in context order, from one pass over the systems.
  const mergedInto = new Map<string, SystemPlan[]>();
  for (const s of ctx.systems)
    if (s.consolidateInto)
      (mergedInto.get(s.consolidateInto) ?? mergedInto.set(s.consolidateInto, []).get(s.consolidateInto)!).push(s);
  for (const system of ctx.systems) {
    const runbook = system.runbook;
    if (runbook)
      files.set(runbookFile(system.id), {
        pieces: () => [renderRunbook(ctx, system, runbook, mergedInto.get(system.id) ?? [])],
      });
  }
  return files;
}

function renderRunbook(
  ctx: RenderContext,
  system: SystemPlan,
  runbook: Runbook,
  merged: readonly SystemPlan[],
): string {
  const w = ctx.lang === "zh" ? ZH : EN;
  const source = ctx.source(system.id);
  const sep = ctx.lang === "zh" ? "、" : ", ";
  const overview: string[][] = [
    [w.department, link(ctx.departmentName(system.department), `../${departmentPath(system.department)}`)],
    [w.room, link(ctx.roomName(system.serverRoom), `../${roomPath(system.serverRoom)}`)],
    [w.network, source ? md(networkLabel(ctx.lang, source.hostingNetwork)) : "—"],
    [w.disposition, md(dispositionLabel(ctx.lang, system.disposition))],
    [w.domain, md(domainLabel(ctx.lang, system.domain))],
    [w.tenant, system.tenant ? `\`${system.tenant}\`` : "—"],
    [w.wave, system.wave ?? "—"],
    [w.dates[runbook.kind], system.cutoverDate ?? "—"],
    [w.copyMode, md(copyModeLabel(ctx.lang, runbook.copyMode))],
    ...(system.consolidateInto ? [[w.into, systemRef(ctx, system.consolidateInto, "../")]] : []),
    ...(merged.length ? [[w.merged, merged.map((s) => systemRef(ctx, s.id, "../")).join(sep)]] : []),
    [w.complexity, round(system.complexity, 1)],
    [w.dataGb, source ? thousands(source.dataGb) : "—"],
    [w.downtime, source?.maxDowntimeHours === undefined ? w.notRecorded : round(source.maxDowntimeHours)],
  ];
  const noTargets =
    system.disposition === "consolidate" && system.consolidateInto
      ? w.noTargets.consolidate(systemRef(ctx, system.consolidateInto, "../"))
      : system.disposition === "retire"
        ? w.noTargets.retire
        : w.noTargets.other;
  const targets = targetTables(ctx, system);
  return document([
    w.title(w.kinds[runbook.kind], md(named(ctx.lang, system.name, system.id))),
    w.back(link(ctx.departmentName(system.department), `../${departmentPath(system.department)}`)),
    system.losesFunding ? w.losesFunding : null,
    system.unscheduledReason ? md(w.unscheduled(system.unscheduledReason[ctx.lang])) : null,
    w.overview,
    table([w.item, w.value], overview),
    w.reasons,
    ...system.reasons.map((r) => reasonBlock(ctx, r)),
    system.placementReasons.length ? w.placement : null,
    ...system.placementReasons.map((r) => reasonBlock(ctx, r)),
    w.targets,
    ...(targets.length ? targets : [noTargets]),
    w.steps,
    stepTable(ctx, w, runbook),
    w.window,
    windowCheck(ctx, w, runbook, source?.maxDowntimeHours),
    w.rollback,
    ...rollback(ctx, w, runbook),
  ]);
}

function stepTable(ctx: RenderContext, w: typeof ZH, runbook: Runbook): string {
  return table(
    [w.no, w.phase, w.step, w.detail, w.inWindow, w.hours],
    runbook.steps.map((s, i) => [
      String(i + 1),
      `\`${s.phase}\``,
      md(pick(ctx.lang, s.title)),
      md(pick(ctx.lang, s.detail)),
      yesNo(ctx.lang, s.inWindow),
      round(s.hours),
    ]),
    ["r", "l", "l", "l", "c", "r"],
  );
}

function windowCheck(ctx: RenderContext, w: typeof ZH, runbook: Runbook, allowed: number | undefined): string {
  if (!runbook.steps.some((s) => s.inWindow)) return w.noWindow;
  const used = round(runbook.windowHours);
  const space = ctx.lang === "zh" ? "" : " ";
  const lines = [
    `${w.windowLine(used, round(ctx.plan.settings.windows.hours))}${space}${runbook.fitsWindow ? w.fits : w.exceeds}`,
  ];
  if (allowed === undefined) lines.push(w.downtimeUnknown);
  else {
    const verdict = runbook.fitsDowntime
      ? w.downtimeFits
      : w.downtimeExceeds(round(runbook.windowHours - allowed), runbook.copyMode === "cold");
    lines.push(`${w.downtimeLine(used, round(allowed))}${space}${verdict}`);
  }
  return bullets(lines);
}

function rollback(ctx: RenderContext, w: typeof ZH, runbook: Runbook): string[] {
  const plan = runbook.rollback;
  if (!plan) return [w.noRollback];
  return [
    w.criteria,
    bullets(plan.criteria.map((c) => md(pick(ctx.lang, c)))),
    w.rollbackSteps,
    numbered(plan.steps.map((s) => md(pick(ctx.lang, s)))),
    table(
      [w.item, w.value],
      [
        [w.owner, md(pick(ctx.lang, plan.owner))],
        [w.until, plan.until ?? "—"],
      ],
    ),
  ];
}
