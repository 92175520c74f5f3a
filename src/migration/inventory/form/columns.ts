/**
 * The self-inspection form (自查表): its columns in order, the Chinese header that is
 * canonical, the English header accepted as an alias, how a cell is read, and which
 * field of the model it fills (so errors found by the model's schema point back at the
 * right column).
 */
import type { IssuePath } from "../issues";
import { HOSTING_NETWORKS, OM_STATUSES, USAGE_FREQUENCIES, USAGE_SCOPES, type Vocabulary } from "../vocabulary";

export type CellKind =
  | { readonly type: "text" }
  | { readonly type: "integer" }
  | { readonly type: "number" }
  | { readonly type: "percent" }
  | { readonly type: "boolean" }
  | { readonly type: "date" }
  | { readonly type: "names" }
  | { readonly type: "enum"; readonly vocabulary: Vocabulary<string> };

export interface FormColumn {
  readonly key: string;
  readonly header: string;
  readonly kind: CellKind;
  /** The model field it fills, relative to the system record; undefined for 序号 and 服务器分组 (the whole servers list). */
  readonly field: IssuePath | undefined;
  /** Must the column exist in the form? */
  readonly required: boolean;
}

const text = { type: "text" } as const;
const integer = { type: "integer" } as const;
const number = { type: "number" } as const;
const percent = { type: "percent" } as const;
const boolean = { type: "boolean" } as const;
const date = { type: "date" } as const;
const names = { type: "names" } as const;
const oneOf = (vocabulary: Vocabulary<string>) => ({ type: "enum", vocabulary }) as const;

function column(
  key: string,
  header: string,
  kind: CellKind,
  field: IssuePath | undefined,
  required = true,
): FormColumn {
  return { key, header, kind, field, required };
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
  column("no", "序号", integer, undefined, false),
  column(ID_COLUMN_KEY, "系统编号", text, ["id"], false),
  column("department", "部门", text, ["department"]),
  column("sub_unit", "内设机构", text, ["subUnit"], false),
  column("name", "系统名称", text, ["name"]),
  column("function", "系统功能", text, ["function"]),
  column("usage_scope", "使用范围", oneOf(USAGE_SCOPES), ["usageScope"]),
  column("usage_frequency", "使用频度", oneOf(USAGE_FREQUENCIES), ["usageFrequency"]),
  column("data_sharing_frequency", "数据共享频度", oneOf(USAGE_FREQUENCIES), ["dataSharingFrequency"], false),
  column("users", "用户数", integer, ["users"]),
  column("approved_by", "审批部门", text, ["approvedBy"]),
  column("approval_date", "审批时间", date, ["approvalDate"]),
  column("approval_ref", "审批文号", text, ["approvalRef"], false),
  column("construction_funding", "建设经费来源", text, ["constructionFunding"]),
  column("om_funding", "运维经费来源", text, ["omFunding"]),
  column("om_cost_10k_cny", "年运维费用(万元)", number, ["omCost10kCny"]),
  column("hosting_network", "承载网络", oneOf(HOSTING_NETWORKS), ["hostingNetwork"]),
  column("public_facing", "面向公众", boolean, ["publicFacing"]),
  column("classified", "是否涉密", boolean, ["classified"]),
  column("mlps_level", "等保级别", integer, ["mlpsLevel"], false),
  column("last_update", "最近更新时间", date, ["lastUpdate"]),
  column("om_status", "运维状态", oneOf(OM_STATUSES), ["omStatus"]),
  column("cpu_avg_pct", "CPU平均利用率(%)", percent, ["cpuAvgPct"]),
  column("cpu_peak_pct", "CPU峰值利用率(%)", percent, ["cpuPeakPct"]),
  column("server_room", "所在机房", text, ["serverRoom"]),
  column("servers", "服务器数量", integer, ["servers", 0, "count"]),
  column("cores", "CPU核数", integer, ["servers", 0, "cores"]),
  column("memory_gb", "内存(GB)", number, ["servers", 0, "memoryGb"]),
  column("disk_gb", "存储(GB)", number, ["servers", 0, "diskGb"]),
  column("data_gb", "数据量(GB)", number, ["dataGb"]),
  column("os", "操作系统", text, ["servers", 0, "os"]),
  // No field of its own: it fills the whole servers list, whose errors belong to 服务器数量 and the other totals.
  column(SERVER_GROUPS_KEY, "服务器分组", text, undefined, false),
  column("database", "数据库", text, ["database"], false),
  column("max_downtime_h", "允许停机(小时)", number, ["maxDowntimeHours"]),
  column("depends_on", "依赖系统", names, ["dependsOn"], false),
  column("duplicates", "功能重复系统", names, ["duplicates"], false),
  column("retain_approval", "暂不迁移批文", text, ["retain", "approvalRef"], false),
  column("retain_approved_by", "暂不迁移批准单位", text, ["retain", "approvedBy"], false),
  column("retain_reason", "暂不迁移原因", text, ["retain", "reason"], false),
  column("retain_until", "暂不迁移期限", date, ["retain", "until"], false),
  column("remarks", "备注", text, ["remarks"], false),
];

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
