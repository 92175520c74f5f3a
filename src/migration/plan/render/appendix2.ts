/**
 * appendix2-progress.md: Weifang's Appendix 2 (seed 001, 政务信息系统整合共享进展情况统计表),
 * filled per department from what the plan knows. What the inventory does not record
 * (catalogue entries, shared data, collaborative apps…) stays "—", with a footnote:
 * the form is never filled with invented numbers.
 */
import type { Department } from "../../inventory/model";
import { GETS_RESOURCES, STAYS_IN_ROOM, STOPS_RUNNING, type Disposition, type SystemPlan } from "../types";
import { departmentPath, named, systemRef, type RenderContext } from "./context";
import { dispositionLabel, reasonTitle } from "./labels";
import { document, link, md, table } from "./markdown";

const ZH = {
  title: "# 附件2 政务信息系统整合共享进展情况统计表",
  basis: (dataset: string, start: string) =>
    `根据迁移计划填报（数据集 ${dataset}，规划起始日 ${start}）。表式见潍坊市政务信息系统整合共享实施方案任务分解表附件2。`,
  stamp: "部门：（见表）　　（盖章）　　填表日期：　　年　　月　　日",
  back: "返回[计划摘要](summary.md)",
  columns: [
    "部门",
    "制定本部门整合共享工作管理制度和工作方案情况[^none]",
    "部门领导是否进行专题研究和部署（列明详细情况）[^none]",
    "是否已接入政务外网[^net]",
    "信息资源目录总条数/可共享目录条数/可开放目录条数[^none]",
    "是否按时提交并动态更新目录信息[^none]",
    "自查系统总数（清单附后）",
    "拟清理系统个数（清单附后）[^clean]",
    "拟单独保留系统个数（清单附后）[^keep]",
    "开展跨部门、跨地区的共享交换数据量[^none]",
    "开展跨部门、跨地区的业务协同应用数[^none]",
    "典型案例件数[^none]",
    "共享协同需求[^none]",
    "拟迁移上云系统个数（批次）[^added]",
  ],
  yes: "是",
  total: "合计",
  notes: [
    "[^none]: 系统清单（普查）不记录此项，故填“—”，请各部门据实填写，不得以本表代替。",
    "[^net]: 由清单推断：本部门有系统承载于电子政务外网即填“是”；否则清单无法判断，填“—”。",
    "[^clean]: 拟清理 = 清理（僵尸系统）+ 整合（影子系统并入本部门大系统）。计划尚未执行，均为未整合系统，时间计划见清单。",
    "[^keep]: 拟单独保留 = 暂缓迁移（有批文）+ 涉密不上云（进入电子政务内网）。",
    "[^added]: 本列为本计划补充，非附件2原表列：原样迁移与容器化改造的系统个数，括号内为所在批次。",
  ],
  lists: "## 附清单",
  selfInspected: (n: number) => `**自查系统（${n} 个）**：`,
  toClean: "**拟清理系统**（未整合，列明时间计划）：",
  toKeep: "**拟单独保留系统**（说明原因）：",
  toMigrate: "**拟迁移上云系统**：",
  system: "系统",
  disposition: "处置方式",
  plannedDate: "计划完成日期",
  wave: "批次",
  reason: "原因",
  into: (name: string) => `并入${name}`,
  classified: "涉密系统，进入电子政务内网，不上云",
  retain: (ref: string, by: string, until: string, why: string) =>
    `暂不迁移批文 ${ref}${by ? `（${by}）` : ""}${until ? `，有效期至 ${until}` : ""}${why ? `：${why}` : ""}`,
  noApproval: "批文未登记",
  unscheduled: "未排定",
};

const EN: typeof ZH = {
  title: "# Appendix 2: progress statistics of the integration and sharing of government information systems",
  basis: (dataset, start) =>
    `Filled from the migration plan (dataset ${dataset}, planning start ${start}). ` +
    `The form is Appendix 2 of Weifang's task breakdown table.`,
  stamp: "Department: (see the table)　(seal)　Date filled: ____-__-__",
  back: "Back to the [plan summary](summary.md)",
  columns: [
    "Department",
    "Management rules and work plan for integration and sharing[^none]",
    "Studied and deployed by the department's leaders (details)[^none]",
    "Connected to the e-government extranet[^net]",
    "Catalogue entries total / shareable / openable[^none]",
    "Catalogue submitted on time and kept up to date[^none]",
    "Systems self-inspected (list below)",
    "Systems to clean up (list below)[^clean]",
    "Systems kept separately (list below)[^keep]",
    "Data shared across departments and regions[^none]",
    "Cross-department collaborative applications[^none]",
    "Typical cases[^none]",
    "Sharing and collaboration needs[^none]",
    "Systems to migrate to the cloud (waves)[^added]",
  ],
  yes: "yes",
  total: "Total",
  notes: [
    "[^none]: The inventory does not record this, so it is shown as “—”; " +
      "each department fills it in from its own records.",
    "[^net]: Derived from the inventory: “yes” when a system of the department runs on the e-government " +
      "extranet; otherwise the inventory cannot tell, so “—”.",
    "[^clean]: To clean up = retire (zombie systems) + consolidate " +
      "(shadow systems merged into the department's big system). Nothing is done yet: " +
      "all are still to integrate, with the planned dates in the lists.",
    "[^keep]: Kept separately = retained by an approved exception + classified (to the classified intranet).",
    "[^added]: A column this plan adds; not in Appendix 2: " +
      "the systems to rehost or replatform, with their waves in brackets.",
  ],
  lists: "## Lists",
  selfInspected: (n) => `**Systems self-inspected (${n})**:`,
  toClean: "**Systems to clean up** (not integrated yet, with the planned dates):",
  toKeep: "**Systems kept separately** (with the reasons):",
  toMigrate: "**Systems to migrate to the cloud**:",
  system: "System",
  disposition: "Disposition",
  plannedDate: "Planned date",
  wave: "Wave",
  reason: "Reason",
  into: (name) => `merged into ${name}`,
  classified: "classified: goes to the classified intranet, not to the cloud",
  retain: (ref, by, until, why) =>
    `approval ${ref}${by ? ` (${by})` : ""}${until ? `, until ${until}` : ""}${why ? `: ${why}` : ""}`,
  noApproval: "approval not recorded",
  unscheduled: "not scheduled",
};

// The lists below each count (counts.ts): the same dispositions the counts add up.
const CLEAN: readonly Disposition[] = STOPS_RUNNING;
const KEEP: readonly Disposition[] = STAYS_IN_ROOM;
const MIGRATE: readonly Disposition[] = GETS_RESOURCES;

export function renderAppendix2(ctx: RenderContext): string {
  const w = ctx.lang === "zh" ? ZH : EN;
  const dash = "—";
  const sep = ctx.lang === "zh" ? "、" : ", ";
  const rows = ctx.departments.map((d) => {
    const systems = ctx.systemsOf(d.id);
    const counts = ctx.countsOf(d.id);
    const migrating = systems.filter((s) => MIGRATE.includes(s.disposition));
    const waves = [...new Set(migrating.map((s) => s.wave).filter((x): x is string => x !== null))].sort();
    const extranet = systems.some((s) => ctx.source(s.id)?.hostingNetwork === "extranet");
    return [
      link(d.name, departmentPath(d.id)),
      dash,
      dash,
      extranet ? w.yes : dash,
      dash,
      dash,
      String(counts.systems),
      String(counts.cleanUp),
      String(counts.keptApart),
      dash,
      dash,
      dash,
      dash,
      `${counts.toCloud}${waves.length ? (ctx.lang === "zh" ? `（${waves.join("、")}）` : ` (${waves.join(", ")})`) : ""}`,
    ];
  });
  const c = ctx.counts;
  const totals = [
    `**${w.total}**`,
    dash,
    dash,
    dash,
    dash,
    dash,
    String(c.systems),
    String(c.cleanUp),
    String(c.keptApart),
    dash,
    dash,
    dash,
    dash,
    String(c.toCloud),
  ];
  const numeric = new Set([6, 7, 8]);

  return document([
    w.title,
    w.back,
    w.basis(md(ctx.plan.dataset), ctx.plan.settings.planningStart),
    w.stamp,
    table(
      w.columns,
      [...rows, totals],
      w.columns.map((_, i) => (numeric.has(i) ? "r" : "l")),
    ),
    w.lists,
    ...ctx.departments.map((d) => departmentLists(ctx, w, d, sep)),
    w.notes.join("\n\n"),
  ]);
}

function departmentLists(ctx: RenderContext, w: typeof ZH, department: Department, sep: string): string {
  const systems = ctx.systemsOf(department.id);
  const dateOf = (s: SystemPlan) => s.cutoverDate ?? w.unscheduled;
  const names = systems.map((s) => md(named(ctx.lang, s.name, s.id))).join(sep);
  const blocks = [
    `### ${link(department.name, departmentPath(department.id))}`,
    `${w.selfInspected(systems.length)}${ctx.lang === "zh" ? "" : " "}${names}`,
  ];

  const clean = systems.filter((s) => CLEAN.includes(s.disposition));
  if (clean.length) {
    const reason = (s: SystemPlan) =>
      s.consolidateInto
        ? w.into(named(ctx.lang, ctx.systemName(s.consolidateInto), s.consolidateInto))
        : s.reasons.map((r) => reasonTitle(ctx.lang, r.code)).join(ctx.lang === "zh" ? "；" : "; ");
    blocks.push(
      w.toClean,
      table(
        [w.system, w.disposition, w.plannedDate, w.reason],
        clean.map((s) => [
          systemRef(ctx, s.id, ""),
          md(dispositionLabel(ctx.lang, s.disposition)),
          dateOf(s),
          md(reason(s)),
        ]),
      ),
    );
  }
  const keep = systems.filter((s) => KEEP.includes(s.disposition));
  if (keep.length) {
    const reason = (s: SystemPlan) => {
      if (s.disposition === "exclude") return w.classified;
      const r = ctx.source(s.id)?.retain;
      return r?.approvalRef ? w.retain(r.approvalRef, r.approvedBy ?? "", r.until ?? "", r.reason ?? "") : w.noApproval;
    };
    blocks.push(
      w.toKeep,
      table(
        [w.system, w.disposition, w.reason],
        keep.map((s) => [
          md(named(ctx.lang, s.name, s.id)),
          md(dispositionLabel(ctx.lang, s.disposition)),
          md(reason(s)),
        ]),
      ),
    );
  }
  const migrating = systems.filter((s) => MIGRATE.includes(s.disposition));
  if (migrating.length) {
    blocks.push(
      w.toMigrate,
      table(
        [w.system, w.disposition, w.wave, w.plannedDate],
        migrating.map((s) => [
          systemRef(ctx, s.id, ""),
          md(dispositionLabel(ctx.lang, s.disposition)),
          s.wave ?? "—",
          dateOf(s),
        ]),
      ),
    );
  }
  return blocks.join("\n\n");
}
