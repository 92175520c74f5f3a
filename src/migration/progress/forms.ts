/**
 * The forms to hand in, filled from what happened: seed 001's Appendix 2 (政务信息系统整合
 * 共享进展情况统计表) per department with the actual numbers, and the Luzhou-style table
 * (seed 002 Appendix 1) with the planned and the actual date side by side. Each is one
 * table (title, header, rows) written as Markdown, CSV (UTF-8 with BOM, CRLF) and an
 * .xlsx that prints on A4 landscape, one page wide, the header repeated, the title and
 * as-of date in the page header. What the inventory and the journals do not record stays
 * "—": the form is never filled with invented numbers. Every number comes from counts.ts.
 */
import { formRowsToCsv, type FormValue } from "../inventory/form/write-form";
import { tableWorkbook } from "../inventory/form/table-workbook";
import type { RenderContext } from "../plan/render/context";
import { dispositionLabel } from "../plan/render/labels";
import { document, md, table } from "../plan/render/markdown";
import { countProgress, progressCounts, type ProgressCounts } from "./counts";
import type { Progress, SystemProgress } from "./status";

export interface FormTable {
  readonly file: string;
  /** The form's name; the title adds the as-of date. */
  readonly name: string;
  readonly title: string;
  readonly sheet: string;
  readonly header: readonly string[];
  readonly rows: readonly FormValue[][];
  /** Set by hand where the headers are sentences over short numbers (Appendix 2); else from the content. */
  readonly widths?: readonly number[];
  readonly dateColumns: ReadonlySet<number>;
  readonly notes: readonly string[];
  readonly asOf: string;
}

const DASH = "—";

export const APPENDIX2_HEADER = [
  "部门",
  "制定本部门整合共享工作管理制度和工作方案情况",
  "部门领导是否进行专题研究和部署",
  "是否已接入政务外网",
  "信息资源目录总条数/可共享目录条数/可开放目录条数",
  "是否按时提交并动态更新目录信息",
  "自查系统总数",
  "拟清理系统个数",
  "其中已整合（清理）",
  "其中未整合",
  "拟单独保留系统个数",
  "开展跨部门、跨地区的共享交换数据量",
  "开展跨部门、跨地区的业务协同应用数",
  "典型案例件数",
  "共享协同需求",
  "应迁移上云系统个数*",
  "已迁移上云*",
  "迁移中*",
  "未迁移*",
  "逾期未完成*",
] as const;

/** Appendix 2 with the actual numbers, a row per department and the total. */
export function appendix2Table(ctx: RenderContext, rows: readonly SystemProgress[], asOf: string): FormTable {
  const { total, byDepartment } = progressCounts(
    rows,
    ctx.departments.map((d) => d.id),
  );
  const line = (name: string, c: ProgressCounts, extranet: string): FormValue[] => [
    name,
    DASH,
    DASH,
    extranet,
    DASH,
    DASH,
    c.systems,
    c.cleanUp,
    c.cleanUpDone,
    c.cleanUp - c.cleanUpDone,
    c.kept,
    DASH,
    DASH,
    DASH,
    DASH,
    null,
    null,
    null,
    null,
    null,
  ];
  const out: FormValue[][] = [];
  for (const d of ctx.departments) {
    const c = byDepartment.get(d.id)!;
    const mine = rows.filter((r) => r.department === d.id);
    const extranet = ctx.systemsOf(d.id).some((s) => ctx.source(s.id)?.hostingNetwork === "extranet") ? "是" : DASH;
    out.push(fillMigration(line(d.name, c, extranet), mine));
  }
  out.push(fillMigration(line("合计", total, DASH), rows));
  return {
    file: "appendix2-actual",
    name: "附件2 政务信息系统整合共享进展情况统计表",
    title: `附件2 政务信息系统整合共享进展情况统计表（截至 ${asOf}）`,
    sheet: "附件2",
    header: [...APPENDIX2_HEADER],
    rows: out,
    widths: [18, 12, 12, 8, 14, 10, 8, 8, 8, 8, 8, 12, 10, 8, 12, 9, 8, 8, 8, 8],
    dateColumns: new Set(),
    asOf,
    notes: [
      `截至 ${asOf}，按割接日志填报：“已整合（清理）”“已迁移上云”为已完成割接并确认（finalize）的系统；割接进行中、观察期内或待值班人员处理的为“迁移中”；已回退的计入“未迁移”。`,
      "拟清理 = 清理（僵尸系统停用）+ 整合（影子系统并入本部门大系统）；拟单独保留 = 涉密不上云 + 凭批文暂缓迁移。",
      "“—”：系统清单与割接日志不记录此项，请各部门据实填写。",
      "带 * 的列为本表补充，非附件2原表列：原样迁移与容器化改造的系统（不含整合）。逾期未完成：迁移中或未迁移、已过计划批次日期加观察期的系统。",
    ],
  };
}

/** The migration columns (rehost, replatform): to move, done, moving, not yet, of which late. */
function fillMigration(row: FormValue[], rows: readonly SystemProgress[]): FormValue[] {
  const c = countProgress(rows.filter((r) => r.disposition === "rehost" || r.disposition === "replatform"));
  row[15] = c.all;
  row[16] = c.done;
  row[17] = c.inProgress;
  row[18] = c.toDo;
  row[19] = c.late;
  return row;
}

const STATUS_ZH: Readonly<Record<Progress, string>> = {
  done: "已完成",
  "in-progress": "进行中",
  "to-do": "未开始",
  kept: "保留",
};

/** The Luzhou-style table: a row per non-classified system, planned and actual dates side by side. */
export function luzhouTable(ctx: RenderContext, rows: readonly SystemProgress[], asOf: string): FormTable {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const systems = ctx.systems.filter((s) => s.disposition !== "exclude");
  return {
    file: "migration-table-actual",
    name: "信息系统迁移上云计划与完成情况表",
    title: `信息系统迁移上云计划与完成情况表（截至 ${asOf}）`,
    sheet: "迁移上云完成情况",
    header: [
      "序号",
      "部门",
      "系统名称",
      "当前所在机房",
      "处置方式",
      "批次",
      "计划日期",
      "实际开始日期",
      "实际完成日期",
      "进展",
      "逾期天数",
      "备注",
    ],
    rows: systems.map((s, i) => {
      const r = byId.get(s.id)!;
      return [
        i + 1,
        ctx.departmentName(s.department),
        s.name,
        ctx.roomName(s.serverRoom),
        dispositionLabel("zh", s.disposition),
        s.wave,
        r.planned,
        r.started,
        r.finished,
        statusText(r),
        r.lateDays || null,
        remarks(ctx, s.id, r) || null,
      ];
    }),
    dateColumns: new Set([6, 7, 8]),
    asOf,
    notes: [
      `截至 ${asOf}，实际日期取自割接日志（城市时间）：开始为首次割接尝试的日期，完成为确认（finalize）的日期。涉密系统不列入本表。`,
    ],
  };
}

function statusText(r: SystemProgress): string {
  if (r.status === "in-progress" && r.state === "needs-operator") return "进行中（待值班人员处理）";
  if (r.status === "in-progress" && r.state === "observing") return "进行中（观察期）";
  if (r.status === "to-do" && r.rollbacks > 0) return "已回退";
  if (r.status === "to-do" && r.planned === null) return "未排期";
  return STATUS_ZH[r.status];
}

function remarks(ctx: RenderContext, id: string, r: SystemProgress): string {
  const notes: string[] = [];
  const s = ctx.system(id)!;
  if (s.consolidateInto) notes.push(`并入${ctx.systemName(s.consolidateInto)}`);
  if (r.rollbacks > 0) notes.push(`回退 ${r.rollbacks} 次${r.status !== "done" && r.reason ? `：${r.reason}` : ""}`);
  if (r.late && r.status !== "done") notes.push(`逾期：应于 ${r.due} 前完成`);
  if (r.late && r.status === "done") notes.push(`晚于计划完成（应于 ${r.due} 前）`);
  if (s.disposition === "retain") notes.push("凭批文暂缓迁移");
  if (s.losesFunding) notes.push("次年不再安排运维经费");
  return notes.join("；");
}

export function formMarkdown(t: FormTable): string {
  const cell = (v: FormValue) => (v === null ? DASH : typeof v === "number" ? String(v) : md(v));
  return document([
    `# ${md(t.title)}`,
    `下载：[${t.file}.csv](${t.file}.csv)、[${t.file}.xlsx](${t.file}.xlsx)`,
    table(
      t.header.map(md),
      t.rows.map((row) => row.map(cell)),
      t.header.map((_, i) => (typeof t.rows[0]?.[i] === "number" ? "r" : "l")),
    ),
    t.notes.map(md).join("\n\n"),
  ]);
}

export function formCsv(t: FormTable): string {
  return `\uFEFF${formRowsToCsv(t.header, t.rows)}`;
}

export function formXlsx(t: FormTable): Promise<Buffer> {
  return tableWorkbook({
    sheet: t.sheet,
    title: t.title,
    header: t.header,
    rows: t.rows,
    ...(t.widths ? { widths: t.widths } : {}),
    dateColumns: t.dateColumns,
    page: { title: t.name, date: `截至 ${t.asOf}` },
  });
}
