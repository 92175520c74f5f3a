/**
 * The migration plan table, in the manner of Luzhou's Appendix 1 (seed 002: 泸州市未迁信息
 * 系统迁移上云计划表): one row per non-classified system, as Markdown, as CSV (UTF-8 with
 * BOM, CRLF, RFC 4180, what Excel opens) and as an .xlsx workbook with fixed timestamps.
 */
import { formRowsToCsv, type FormValue } from "../../inventory/form/write-form";
import { tableWorkbook } from "../../inventory/form/table-workbook";
import type { SystemPlan } from "../types";
import { named, type RenderContext } from "./context";
import { aside, copyModeLabel, dispositionLabel, domainLabel, networkLabel, round, type Language } from "./labels";
import { document, link, md, table } from "./markdown";

const ZH = {
  title: "信息系统迁移上云计划表",
  sheet: "迁移上云计划表",
  header: [
    "序号",
    "部门",
    "系统名称",
    "当前所在机房",
    "承载网络",
    "处置方式",
    "目标域",
    "迁移方式",
    "计划割接日期",
    "批次",
    "数据量(GB)",
    "备注",
  ],
  merge: "数据合并",
  into: (name: string) => `并入${name}`,
  retireDate: "日期为停用日期",
  retain: (ref: string, by: string | undefined, until: string | undefined) =>
    `暂不迁移批文：${ref}${by ? `（${by}）` : ""}${until ? `，至 ${until}` : ""}`,
  retainNoRef: "暂不迁移，批文未登记",
  losesFunding: "次年不再安排运维经费",
  unscheduled: (why: string) => `未排入割接窗口：${why}`,
  intro: "格式参照泸州市《未迁信息系统迁移上云计划表》（附件1）：每个非涉密系统一行，按部门、计划日期排列。",
  excludedNote: (n: number) => `涉密系统（${n} 个）进入电子政务内网，不列入本表。`,
  downloads: (csv: string, xlsx: string) => `下载：${csv}、${xlsx}`,
  back: "返回[计划摘要](summary.md)",
  planningStart: (date: string) => `规划起始日 ${date}`,
};

const EN: typeof ZH = {
  title: "Migration plan table",
  sheet: "Migration plan",
  header: [
    "No.",
    "Department",
    "System",
    "Current server room",
    "Hosting network",
    "Disposition",
    "Domain",
    "Copy mode",
    "Planned date",
    "Wave",
    "Data (GB)",
    "Remarks",
  ],
  merge: "data merge",
  into: (name) => `merged into ${name}`,
  retireDate: "the date is the retirement date",
  retain: (ref, by, until) => `approval to stay: ${ref}${by ? ` (${by})` : ""}${until ? `, until ${until}` : ""}`,
  retainNoRef: "stays for now; approval not recorded",
  losesFunding: "no O&M funding next year",
  unscheduled: (why) => `no cutover window: ${why}`,
  intro:
    "In the manner of Luzhou's migration plan table (Appendix 1): " +
    "one row per non-classified system, by department and planned date.",
  excludedNote: (n) => `The ${n} classified systems go to the classified intranet and are not in this table.`,
  downloads: (csv, xlsx) => `Download: ${csv}, ${xlsx}`,
  back: "Back to the [plan summary](summary.md)",
  planningStart: (date) => `Planning start ${date}`,
};

export interface MigrationTable {
  readonly title: string;
  /** The date the plan speaks from, as the printed page header says it. */
  readonly date: string;
  readonly sheet: string;
  readonly header: readonly string[];
  readonly rows: readonly FormValue[][];
}

/** Index of the date column (a date cell in the workbook). */
const DATE_COLUMN = 8;
/** Index of the data-size column (a number). */
const DATA_COLUMN = 10;

function words(lang: Language): typeof ZH {
  return lang === "zh" ? ZH : EN;
}

export function migrationTable(ctx: RenderContext): MigrationTable {
  const w = words(ctx.lang);
  const systems = ctx.systems.filter((s) => s.disposition !== "exclude");
  const title = ctx.inventory.policy?.name
    ? `${ctx.inventory.policy.name}${ctx.lang === "zh" ? "：" : ": "}${w.title}`
    : `${w.title} (${ctx.plan.dataset})`;
  return {
    title,
    date: w.planningStart(ctx.plan.settings.planningStart),
    sheet: w.sheet,
    header: w.header,
    rows: systems.map((s, i) => {
      const source = ctx.source(s.id);
      return [
        i + 1,
        ctx.departmentName(s.department),
        s.name,
        ctx.roomName(s.serverRoom),
        source ? networkLabel(ctx.lang, source.hostingNetwork) : null,
        dispositionLabel(ctx.lang, s.disposition),
        s.domain ? domainLabel(ctx.lang, s.domain) : null,
        copyMode(ctx.lang, s),
        s.cutoverDate,
        s.wave,
        source ? source.dataGb : null,
        remarks(ctx, s) || null,
      ];
    }),
  };
}

function copyMode(lang: Language, system: SystemPlan): string | null {
  const runbook = system.runbook;
  if (!runbook) return null;
  // A merge says so, and whether its data is merged online (warm) ahead of the window.
  if (runbook.kind === "consolidation")
    return runbook.copyMode === "warm"
      ? `${words(lang).merge}${aside(lang, copyModeLabel(lang, "warm"))}`
      : words(lang).merge;
  return runbook.copyMode ? copyModeLabel(lang, runbook.copyMode) : null;
}

function remarks(ctx: RenderContext, system: SystemPlan): string {
  const w = words(ctx.lang);
  const notes: string[] = [];
  if (system.consolidateInto)
    notes.push(w.into(named(ctx.lang, ctx.systemName(system.consolidateInto), system.consolidateInto)));
  if (system.disposition === "retire" && system.cutoverDate) notes.push(w.retireDate);
  if (system.disposition === "retain") {
    const retain = ctx.source(system.id)?.retain;
    notes.push(retain?.approvalRef ? w.retain(retain.approvalRef, retain.approvedBy, retain.until) : w.retainNoRef);
  }
  if (system.unscheduledReason) notes.push(w.unscheduled(system.unscheduledReason[ctx.lang]));
  if (system.losesFunding) notes.push(w.losesFunding);
  return notes.join(ctx.lang === "zh" ? "；" : "; ");
}

export function migrationTableMarkdown(ctx: RenderContext, data: MigrationTable): string {
  const w = words(ctx.lang);
  const excluded = ctx.counts.byDisposition.exclude;
  const cell = (value: FormValue, column: number) => {
    if (value === null) return "—";
    if (typeof value === "number") return column === DATA_COLUMN ? round(value, 1) : String(value);
    return md(value);
  };
  return document([
    `# ${md(data.title)}`,
    w.back,
    w.intro,
    w.downloads(
      link("migration-table.csv", "migration-table.csv"),
      link("migration-table.xlsx", "migration-table.xlsx"),
    ),
    table(
      data.header.map(md),
      data.rows.map((row) => row.map(cell)),
      data.header.map((_, i) => (i === 0 || i === DATA_COLUMN ? "r" : "l")),
    ),
    excluded ? w.excludedNote(excluded) : null,
  ]);
}

/** UTF-8 with a BOM (so Excel reads the Chinese), CRLF, RFC 4180 quoting. */
export function migrationTableCsv(data: MigrationTable): string {
  return `\uFEFF${formRowsToCsv(data.header, data.rows)}`;
}

/** The workbook: a title row, the header, one row a system; dates as date cells; fixed timestamps. */
export function migrationTableXlsx(data: MigrationTable): Promise<Buffer> {
  return tableWorkbook({
    sheet: data.sheet,
    title: data.title,
    header: data.header,
    rows: data.rows,
    dateColumns: new Set([DATE_COLUMN]),
    page: { title: data.title, date: data.date },
  });
}
