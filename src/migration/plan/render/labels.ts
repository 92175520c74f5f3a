/**
 * The reports' shared vocabulary, in Chinese (the default, for the district's staff) and
 * English. Each report keeps its own sentences next to its code; what several reports
 * name (dispositions, domains, networks, reason codes, evidence fields) lives here.
 * System, department and room names are never translated.
 */
import {
  HOSTING_NETWORKS,
  OM_STATUSES,
  USAGE_FREQUENCIES,
  USAGE_SCOPES,
  WEEKDAYS,
  labelOf,
  type Vocabulary,
} from "../../inventory/vocabulary";
import type { CopyMode, Disposition, Domain, PlanSettingsEcho, Zone } from "../types";

export type Language = "zh" | "en";

/** A text in both languages. */
export interface Text {
  readonly zh: string;
  readonly en: string;
}

export function pick(lang: Language, text: Text): string {
  return text[lang];
}

/** A remark after a text: in full-width parentheses in Chinese, after a space in ASCII ones in English. */
export function aside(lang: Language, remark: string): string {
  return lang === "zh" ? `（${remark}）` : ` (${remark})`;
}

/** Report order of the dispositions: what moves first, what stays last. */
export const DISPOSITION_ORDER: readonly Disposition[] = [
  "rehost",
  "replatform",
  "consolidate",
  "retire",
  "retain",
  "exclude",
];

const DISPOSITIONS: Readonly<Record<Disposition, Text>> = {
  rehost: { zh: "迁移上云-原样迁移", en: "migrate: rehost" },
  replatform: { zh: "迁移上云-容器化改造", en: "migrate: replatform (containers)" },
  consolidate: { zh: "整合", en: "consolidate into the big system" },
  retire: { zh: "清理", en: "retire (zombie)" },
  retain: { zh: "暂缓迁移(有批文)", en: "retain (approved exception)" },
  exclude: { zh: "涉密不上云", en: "exclude (classified, not to the cloud)" },
};

export function dispositionLabel(lang: Language, disposition: Disposition): string {
  return DISPOSITIONS[disposition][lang];
}

const DOMAINS: Readonly<Record<Domain, Text>> = {
  admin: { zh: "行政服务域", en: "administrative-service domain" },
  public: { zh: "公共服务域", en: "public-service domain" },
};

export function domainLabel(lang: Language, domain: Domain | null): string {
  return domain === null ? "—" : DOMAINS[domain][lang];
}

const COPY_MODES: Readonly<Record<CopyMode, Text>> = {
  warm: { zh: "温迁移", en: "warm migration" },
  cold: { zh: "冷迁移", en: "cold migration" },
};

export function copyModeLabel(lang: Language, mode: CopyMode | null): string {
  return mode === null ? "—" : COPY_MODES[mode][lang];
}

const ZONES: Readonly<Record<Zone, Text>> = {
  dmz: { zh: "DMZ 区", en: "DMZ" },
  app: { zh: "应用区", en: "application zone" },
  data: { zh: "数据区", en: "data zone" },
  mgmt: { zh: "管理区", en: "management zone" },
};

export function zoneLabel(lang: Language, zone: Zone): string {
  return ZONES[zone][lang];
}

const ROLES: Readonly<Record<string, Text>> = {
  web: { zh: "Web 层", en: "web tier" },
  app: { zh: "应用层", en: "application tier" },
  db: { zh: "数据库层", en: "database tier" },
  file: { zh: "文件层", en: "file tier" },
};

export function roleLabel(lang: Language, role: string): string {
  return ROLES[role]?.[lang] ?? role;
}

const NETWORKS_EN: Readonly<Record<keyof typeof HOSTING_NETWORKS, string>> = {
  internet: "internet",
  extranet: "e-government extranet",
  private: "business private network",
  intranet: "classified intranet",
};

export function networkLabel(lang: Language, network: string): string {
  if (!(network in HOSTING_NETWORKS)) return network;
  const key = network as keyof typeof HOSTING_NETWORKS;
  return lang === "zh" ? labelOf(HOSTING_NETWORKS, key) : NETWORKS_EN[key];
}

const POLICY_SOURCES: Readonly<Record<PlanSettingsEcho["policySource"], Text>> = {
  dataset: { zh: "数据集的政策文件（policy）", en: "the dataset's policy" },
  seeds: {
    zh: "文件默认值（潍坊方案：2018-06-30 前 70%，2018-12-31 前全部）",
    en: "the notices' defaults (Weifang: 70 % by 2018-06-30, all by 2018-12-31)",
  },
  flags: { zh: "命令行参数（--start / --deadline）", en: "command-line overrides (--start / --deadline)" },
};

export function policySourceLabel(lang: Language, source: PlanSettingsEcho["policySource"]): string {
  return POLICY_SOURCES[source]?.[lang] ?? source;
}

const ORDERINGS: Readonly<Record<PlanSettingsEcho["ordering"], Text>> = {
  "rooms-first": {
    zh: "机房优先（尽早腾空机房，不影响期限）",
    en: "rooms first (empty rooms early where no deadline suffers)",
  },
  "easy-first": { zh: "先易后难（机房优先会错过期限）", en: "easy first (rooms first would cost a deadline)" },
};

export function orderingLabel(lang: Language, ordering: PlanSettingsEcho["ordering"]): string {
  return ORDERINGS[ordering]?.[lang] ?? ordering;
}

const WEEKDAYS_EN: Readonly<Record<keyof typeof WEEKDAYS, string>> = {
  mon: "Mon",
  tue: "Tue",
  wed: "Wed",
  thu: "Thu",
  fri: "Fri",
  sat: "Sat",
  sun: "Sun",
};

export function weekdayLabel(lang: Language, day: string): string {
  if (!(day in WEEKDAYS)) return day;
  const key = day as keyof typeof WEEKDAYS;
  return lang === "zh" ? labelOf(WEEKDAYS, key) : WEEKDAYS_EN[key];
}

/** Short titles of the planner's reason codes; an unknown code is shown as it is. */
const REASONS: Readonly<Record<string, Text>> = {
  EXCLUDE_CLASSIFIED: {
    zh: "涉密系统：进入电子政务内网，不上云",
    en: "classified: goes to the classified intranet, not to the cloud",
  },
  RETAIN_APPROVED: { zh: "有暂不迁移批文：暂缓迁移", en: "approved exception: stays for now" },
  ZOMBIE_UNUSED: {
    zh: "僵尸系统：使用与业务脱节（停用或无用户）",
    en: "zombie: use detached from the business (unused or no users)",
  },
  ZOMBIE_REPLACEABLE: { zh: "僵尸系统：功能可被其他系统替代", en: "zombie: function replaceable by another system" },
  ZOMBIE_IDLE: { zh: "僵尸系统：资源长期闲置", en: "zombie: resources idle for a long time" },
  ZOMBIE_OM_STOPPED: { zh: "僵尸系统：运维停止", en: "zombie: O&M stopped" },
  REVIEW_STALE: { zh: "复核：长期未更新但仍在使用", en: "review: not updated for years but in use" },
  ZOMBIE_NARROW: { zh: "僵尸系统：使用范围小、频度低", en: "zombie: small usage scope, low frequency" },
  SHADOW_DECLARED: {
    zh: "影子系统：登记为功能重复，整合入大系统",
    en: "shadow: declared duplicate, merged into the big system",
  },
  SHADOW_SIMILAR: {
    zh: "影子系统：功能相似，整合入大系统",
    en: "shadow: similar function, merged into the big system",
  },
  SHADOW_GROUP: { zh: "影子系统：随所在组整合入大系统", en: "shadow: merged with its group into the big system" },
  MIGRATE_CAN_GO: { zh: "应上尽上：迁移上云", en: "everything that can go moves to the cloud" },
  REPLATFORM_STATELESS_LINUX: {
    zh: "Linux 无状态层改造为容器工作负载",
    en: "stateless Linux tiers become container workloads",
  },
  REHOST_ROLE_UNKNOWN: { zh: "服务器角色未登记：按虚拟机原样迁移", en: "server role not recorded: rehost as VMs" },
  REHOST_NO_STATELESS_TIER: {
    zh: "无可容器化的 Web/应用层：按虚拟机原样迁移",
    en: "no web/app tier to containerise: rehost as VMs",
  },
  REHOST_OS: {
    zh: "操作系统不适合容器（Windows 或未知）：按虚拟机原样迁移",
    en: "OS unfit for containers (Windows or unknown): rehost as VMs",
  },
  PLACE_DOMAIN_OVERRIDE: { zh: "清单明确指定部署域", en: "domain set explicitly in the inventory" },
  PLACE_ADMIN_FROM_PRIVATE: {
    zh: "业务专网 → 行政服务域",
    en: "business private network → administrative-service domain",
  },
  PLACE_PUBLIC_FROM_EXTRANET: {
    zh: "政务外网或互联网 → 公共服务域",
    en: "extranet or internet → public-service domain",
  },
  PLACE_DMZ: {
    zh: "面向公众的 Web 层置于 DMZ，经统一互联网出口发布",
    en: "public-facing web tier in the DMZ, published through the unified exit",
  },
  SIZE_FROM_PEAK: { zh: "按峰值 CPU 与数据量确定规格", en: "sized from the peak CPU and the data" },
  SIZE_DATA_BY_ROLE: {
    zh: "数据库服务器各存完整数据库，文件服务器分担文件",
    en: "each database server holds the whole database; file servers share the files",
  },
  PLACE_NOT_PUBLISHED_NO_WEB_TIER: {
    zh: "面向公众但无 Web 层：不进入 DMZ",
    en: "public-facing but no web tier: nothing in the DMZ",
  },
  SIZE_MERGED_DATA: { zh: "数据卷包含并入的影子系统数据", en: "volumes also hold the merged shadow systems' data" },
  SIZE_EXCEEDS_CATALOGUE: {
    zh: "超出最大规格：需拆分或扩充规格目录",
    en: "beyond the largest flavour: split the tier or extend the catalogue",
  },
  DR_REPLICA_MLPS: { zh: "灾备：异地实时复制", en: "disaster recovery: real-time off-site replica" },
  DR_BACKUP_MLPS: { zh: "灾备：异地多份备份", en: "disaster recovery: off-site backups in several copies" },
};

export function reasonTitle(lang: Language, code: string): string {
  return REASONS[code]?.[lang] ?? code;
}

/** Labels of the evidence fields (inventory fields, mostly); an unknown field is shown as it is. */
const FIELDS: Readonly<Record<string, Text>> = {
  classified: { zh: "是否涉密", en: "classified" },
  retain: { zh: "有暂不迁移批文", en: "approved exception" },
  zombie: { zh: "僵尸系统", en: "zombie" },
  os: { zh: "操作系统", en: "OS" },
  tiers: { zh: "层与操作系统", en: "tiers" },
  roles: { zh: "服务器角色", en: "server roles" },
  groups: { zh: "服务器组数", en: "server groups" },
  usageFrequency: { zh: "使用频度", en: "usage frequency" },
  usageScope: { zh: "使用范围", en: "usage scope" },
  users: { zh: "用户数", en: "users" },
  cpuAvgPct: { zh: "CPU平均利用率(%)", en: "average CPU (%)" },
  cpuPeakPct: { zh: "CPU峰值利用率(%)", en: "peak CPU (%)" },
  lastUpdate: { zh: "最近更新时间", en: "last update" },
  omStatus: { zh: "运维状态", en: "O&M status" },
  duplicates: { zh: "功能重复系统", en: "duplicates" },
  replacedBy: { zh: "替代系统", en: "replaced by" },
  survivor: { zh: "保留的大系统", en: "surviving big system" },
  group: { zh: "整合组", en: "group" },
  similarity: { zh: "相似度", en: "similarity" },
  names: {
    zh: "比较的名称（去除部门名称、版本标记与系统类别）",
    en: "names compared (department name, version and kind of system removed)",
  },
  functions: { zh: "比较的功能", en: "functions compared" },
  survivorCarries: { zh: "大系统承载的业务", en: "business the survivor carries" },
  thisCarries: { zh: "本系统承载的业务", en: "business this system carries" },
  decidedBy: { zh: "决定保留者的指标", en: "deciding criterion" },
  approvalRef: { zh: "批文文号", en: "approval" },
  approvedBy: { zh: "审批部门", en: "approved by" },
  until: { zh: "有效期至", en: "until" },
  reason: { zh: "原因", en: "reason" },
  hostingNetwork: { zh: "承载网络", en: "hosting network" },
  domain: { zh: "目标域", en: "domain" },
  publicFacing: { zh: "面向公众", en: "public-facing" },
  dataGb: { zh: "数据量(GB)", en: "data (GB)" },
  mlpsLevel: { zh: "等保级别", en: "MLPS level" },
  mergedDataGb: { zh: "并入数据量(GB)", en: "merged data (GB)" },
  ownDataGb: { zh: "自身数据量(GB)", en: "own data (GB)" },
  role: { zh: "层", en: "tier" },
  vcpus: { zh: "vCPU", en: "vCPUs" },
  ramGb: { zh: "内存(GB)", en: "memory (GB)" },
  flavour: { zh: "规格", en: "flavour" },
  dbServers: { zh: "数据库服务器台数", en: "database servers" },
  fileServers: { zh: "文件服务器台数", en: "file servers" },
};

export function fieldLabel(lang: Language, field: string): string {
  return FIELDS[field]?.[lang] ?? field;
}

const ENUM_FIELDS: Readonly<Record<string, Vocabulary<string>>> = {
  usageFrequency: USAGE_FREQUENCIES,
  usageScope: USAGE_SCOPES,
  omStatus: OM_STATUSES,
};

/** An evidence value as text: booleans as 是/否 (yes/no), enum values by their Chinese label in zh. */
export function evidenceValue(lang: Language, field: string, value: string | number | boolean | null): string {
  if (value === null) return "—";
  if (typeof value === "boolean") return yesNo(lang, value);
  if (typeof value === "number") return String(value);
  if (field === "hostingNetwork") return networkLabel(lang, value);
  if (field === "domain" && (value === "admin" || value === "public")) return domainLabel(lang, value);
  const vocabulary = ENUM_FIELDS[field];
  if (lang === "zh" && vocabulary && value in vocabulary) return labelOf(vocabulary, value);
  return value;
}

export function yesNo(lang: Language, value: boolean): string {
  return lang === "zh" ? (value ? "是" : "否") : value ? "yes" : "no";
}

/** A share 0–1 as a percentage with one decimal at most: 0.5926 → "59.3%". */
export function percent(share: number): string {
  return `${round(share * 100, 1)}%`;
}

/** Rounds to `digits` decimals and prints without trailing zeros (never "-0"). */
export function round(value: number, digits = 2): string {
  const factor = 10 ** digits;
  const rounded = Math.round(value * factor) / factor;
  return String(rounded === 0 ? 0 : rounded);
}

/** 10,000 CNY amounts: "37.7 万元" / "377,000 CNY". */
export function money10k(lang: Language, amount: number): string {
  if (lang === "zh") return `${round(amount, 2)} 万元`;
  return `${thousands(Math.round(amount * 10_000))} CNY`;
}

/** 1234567 → "1,234,567" (no locale data involved). */
export function thousands(value: number): string {
  const sign = value < 0 ? "-" : "";
  return sign + String(Math.abs(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
