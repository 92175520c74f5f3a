/**
 * The self-inspection form (自查表): its columns in order, the Chinese header that is
 * canonical, the English header accepted as an alias, how a cell is read, and which
 * field of the model it fills (so errors found by the model's schema point back at the
 * right column).
 */
import type { IssuePath } from "../issues";
import { SystemSchema } from "../model";
import { isRequiredAt } from "../schema-walk";
import {
  BOOLEAN_LABELS,
  HOSTING_NETWORKS,
  MLPS_LEVELS,
  OM_STATUSES,
  USAGE_FREQUENCIES,
  USAGE_SCOPES,
  type Vocabulary,
} from "../vocabulary";
import {
  CLASSIFIED_VARIANTS,
  FREQUENCY_VARIANTS,
  HOSTING_NETWORK_VARIANTS,
  MLPS_VARIANTS,
  OM_STATUS_VARIANTS,
  PUBLIC_FACING_VARIANTS,
  USAGE_SCOPE_VARIANTS,
  type Variants,
} from "./variants";

export type CellKind =
  | { readonly type: "text" }
  | { readonly type: "integer"; readonly variants?: Variants; readonly values?: readonly number[] }
  | { readonly type: "number" }
  | { readonly type: "percent" }
  | { readonly type: "boolean"; readonly variants?: Variants }
  | { readonly type: "date" }
  | { readonly type: "names" }
  | { readonly type: "enum"; readonly vocabulary: Vocabulary<string>; readonly variants?: Variants };

export interface FormColumn {
  readonly key: string;
  readonly header: string;
  readonly kind: CellKind;
  /** The model field it fills, relative to the system record; undefined for 序号 and 服务器分组 (the whole servers list). */
  readonly field: IssuePath | undefined;
  /** Must the column exist in the form? */
  readonly required: boolean;
  /** What the column asks, for the header's note and the 填表说明 sheet. */
  readonly meaning: string;
}

const text = { type: "text" } as const;
const integer = { type: "integer" } as const;
const number = { type: "number" } as const;
const percent = { type: "percent" } as const;
const yesNo = (variants: Variants) => ({ type: "boolean", variants }) as const;
const date = { type: "date" } as const;
const names = { type: "names" } as const;
const oneOf = (vocabulary: Vocabulary<string>, variants: Variants) => ({ type: "enum", vocabulary, variants }) as const;
const mlps = { type: "integer", variants: MLPS_VARIANTS, values: MLPS_LEVELS } as const;

function column(
  key: string,
  header: string,
  kind: CellKind,
  field: IssuePath | undefined,
  meaning: string,
  required = true,
): FormColumn {
  return { key, header, kind, field, required, meaning };
}

/**
 * 系统编号 sits right after 序号: the two columns that identify a row, pre-filled by
 * `govcloud form` and not for departments to edit, stay together at the left, and the
 * columns departments fill keep the order of the notice. Optional: an empty cell gets
 * the id derived from the name, as forms without the column do.
 */
export const ID_COLUMN_KEY = "id";

/**
 * 服务器分组: the servers group by group, each with its role (what the planner sizes and
 * places by: database servers hold the whole database, the web tier is published, stateless
 * tiers are replatformed), e.g. `应用服务器，2台，16核，内存32GB，存储400GB，CentOS 7.2；数据库服务器，1台，16核，内存64GB，存储2000GB，CentOS 7.2`.
 * Optional: empty, the totals (服务器数量 … 操作系统) make one group of unknown role.
 */
export const SERVER_GROUPS_KEY = "server_groups";

export const FORM_COLUMNS: readonly FormColumn[] = [
  column("no", "序号", integer, undefined, "行号，可不填", false),
  column(ID_COLUMN_KEY, "系统编号", text, ["id"], "系统的唯一编号，由迁移工作组预填，请勿修改；新增系统留空", false),
  column("department", "部门", text, ["department"], "系统所属部门（镇街）的全称，如 区教育局、王村镇"),
  column(
    "sub_unit",
    "内设机构",
    text,
    ["subUnit"],
    "具体负责系统的内设机构（科室、站所），如 基础教育科；整个部门共用的可不填",
    false,
  ),
  column("name", "系统名称", text, ["name"], "系统的正式名称，本部门内不重复"),
  column("function", "系统功能", text, ["function"], "系统做什么：主要业务功能，一两句话"),
  column(
    "usage_scope",
    "使用范围",
    oneOf(USAGE_SCOPES, USAGE_SCOPE_VARIANTS),
    ["usageScope"],
    "谁在用：全区（全市、全县）为辖区各单位，本部门为部门内部，内设机构为单个科室，社会公众为群众和企业",
  ),
  column(
    "usage_frequency",
    "使用频度",
    oneOf(USAGE_FREQUENCIES, FREQUENCY_VARIANTS),
    ["usageFrequency"],
    "实际多久用一次；已不用的填 停用",
  ),
  column(
    "data_sharing_frequency",
    "数据共享频度",
    oneOf(USAGE_FREQUENCIES, FREQUENCY_VARIANTS),
    ["dataSharingFrequency"],
    "多久与其他部门共享交换一次数据；不共享的留空",
    false,
  ),
  column("users", "用户数", integer, ["users"], "实际使用系统的人数（账号数）"),
  column("approved_by", "审批部门", text, ["approvedBy"], "批准建设系统的单位"),
  column("approval_date", "审批时间", date, ["approvalDate"], "批准建设的日期"),
  column("approval_ref", "审批文号", text, ["approvalRef"], "批准建设的文件编号，如 周财采〔2016〕18号", false),
  column(
    "construction_funding",
    "建设经费来源",
    text,
    ["constructionFunding"],
    "建设资金从哪里来，如 区级财政、上级专项资金",
  ),
  column("om_funding", "运维经费来源", text, ["omFunding"], "运行维护资金从哪里来"),
  column("om_cost_10k_cny", "年运维费用(万元)", number, ["omCost10kCny"], "每年的运行维护费用，单位万元"),
  column(
    "hosting_network",
    "承载网络",
    oneOf(HOSTING_NETWORKS, HOSTING_NETWORK_VARIANTS),
    ["hostingNetwork"],
    "系统现在运行在哪个网络上；部门自建的专网、专线（视频专网、公安专网等）填 业务专网",
  ),
  column("public_facing", "面向公众", yesNo(PUBLIC_FACING_VARIANTS), ["publicFacing"], "是否为群众、企业提供服务"),
  column("classified", "是否涉密", yesNo(CLASSIFIED_VARIANTS), ["classified"], "是否处理涉密信息；涉密系统不上政务云"),
  column("mlps_level", "等保级别", mlps, ["mlpsLevel"], "网络安全等级保护定级（1–4 级）；未定级的留空", false),
  column("last_update", "最近更新时间", date, ["lastUpdate"], "软件最近一次升级、修改的日期"),
  column(
    "om_status",
    "运维状态",
    oneOf(OM_STATUSES, OM_STATUS_VARIANTS),
    ["omStatus"],
    "是否有人运行维护：正常，或已停止运维",
  ),
  column("cpu_avg_pct", "CPU平均利用率(%)", percent, ["cpuAvgPct"], "近三个月服务器 CPU 平均利用率"),
  column("cpu_peak_pct", "CPU峰值利用率(%)", percent, ["cpuPeakPct"], "近三个月服务器 CPU 峰值利用率"),
  column("server_room", "所在机房", text, ["serverRoom"], "服务器所在机房的名称，同一机房各部门写法一致"),
  column("servers", "服务器数量", integer, ["servers", 0, "count"], "服务器（含虚拟机）台数"),
  column("cores", "CPU核数", integer, ["servers", 0, "cores"], "全部服务器的 CPU 核数合计"),
  column("memory_gb", "内存(GB)", number, ["servers", 0, "memoryGb"], "全部服务器的内存合计，单位 GB"),
  column("disk_gb", "存储(GB)", number, ["servers", 0, "diskGb"], "全部服务器的磁盘容量合计，单位 GB"),
  column("data_gb", "数据量(GB)", number, ["dataGb"], "业务数据实际占用的容量，单位 GB"),
  column("os", "操作系统", text, ["servers", 0, "os"], "服务器操作系统及版本，如 CentOS 7.2、Windows Server 2008 R2"),
  // No field of its own: it fills the whole servers list, whose errors belong to 服务器数量 and the other totals.
  column(
    SERVER_GROUPS_KEY,
    "服务器分组",
    text,
    undefined,
    "按用途分组列出服务器，组间用；分隔，如 应用服务器，2台，16核，内存32GB，存储400GB，CentOS 7.2；各组合计须等于服务器数量、CPU核数、内存、存储",
    false,
  ),
  column("database", "数据库", text, ["database"], "数据库产品及版本，如 Oracle 11g、MySQL 5.6", false),
  column("max_downtime_h", "允许停机(小时)", number, ["maxDowntimeHours"], "迁移割接时业务最多能停多少小时"),
  column(
    "depends_on",
    "依赖系统",
    names,
    ["dependsOn"],
    "本系统运行需要调用的其他系统的名称，多个用；分隔；其他部门的同名系统写 部门/系统名称",
    false,
  ),
  column("duplicates", "功能重复系统", names, ["duplicates"], "功能相同或相近的其他系统的名称，多个用；分隔", false),
  column(
    "retain_approval",
    "暂不迁移批文",
    text,
    ["retain", "approvalRef"],
    "经批准暂不迁移上云的批准文件编号；没有批文的系统都要迁移",
    false,
  ),
  column("retain_approved_by", "暂不迁移批准单位", text, ["retain", "approvedBy"], "批准暂不迁移的单位", false),
  column("retain_reason", "暂不迁移原因", text, ["retain", "reason"], "暂不迁移的原因", false),
  column("retain_until", "暂不迁移期限", date, ["retain", "until"], "暂不迁移批准的截止日期", false),
  column("remarks", "备注", text, ["remarks"], "其他需要说明的情况", false),
];

/** A cell must be filled when the model field it fills is required; an empty 系统编号 is derived from the name. */
export function requiresCell(column: FormColumn): boolean {
  return column.key !== ID_COLUMN_KEY && column.field !== undefined && isRequiredAt(SystemSchema, column.field);
}

/** The values a fixed-value column takes, as the form writes them (its drop-down); undefined for free columns. */
export function allowedValues(column: FormColumn): readonly string[] | undefined {
  switch (column.kind.type) {
    case "enum":
      return Object.values(column.kind.vocabulary).flat();
    case "boolean":
      return [BOOLEAN_LABELS.true[0]!, BOOLEAN_LABELS.false[0]!];
    case "integer":
      return column.kind.values?.map(String);
    default:
      return undefined;
  }
}

/** Header spellings compared without spaces, full-width brackets or case: 年运维费用（万元） = 年运维费用(万元). */
export function normalizeHeader(header: string): string {
  return header.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

const BY_HEADER = new Map<string, FormColumn>();
for (const col of FORM_COLUMNS) {
  BY_HEADER.set(normalizeHeader(col.header), col);
  BY_HEADER.set(normalizeHeader(col.key), col);
}

export function columnForHeader(header: string): FormColumn | undefined {
  return BY_HEADER.get(normalizeHeader(header));
}

/** The column that fills a model field (the longest matching prefix), for error locations. */
export function columnForField(field: IssuePath): FormColumn | undefined {
  let best: FormColumn | undefined;
  for (const col of FORM_COLUMNS) {
    if (!col.field) continue;
    const prefix = col.field.every(
      (part, i) => field[i] === part || (typeof part === "number" && typeof field[i] === "number"),
    );
    if (prefix && col.field.length <= field.length && (!best || col.field.length > (best.field?.length ?? 0)))
      best = col;
  }
  // A whole group (servers: none given) belongs to the group's first column.
  return best ?? FORM_COLUMNS.find((col) => col.field?.[0] === field[0]);
}
