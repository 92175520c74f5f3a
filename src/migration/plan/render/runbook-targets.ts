/**
 * The parts of a runbook that explain and specify: reasons with their evidence, and the
 * targets the Pulumi programs create (instances, workloads, volume claims, security
 * rules, disaster recovery), one table per kind.
 */
import type {
  DisasterRecoveryTarget,
  InstanceTarget,
  Reason,
  SecurityRuleTarget,
  SystemPlan,
  Target,
  VolumeClaimTarget,
  WorkloadTarget,
} from "../types";
import { named, systemRef, type RenderContext } from "./context";
import {
  domainLabel,
  evidenceValue,
  fieldLabel,
  reasonTitle,
  roleLabel,
  round,
  thousands,
  yesNo,
  zoneLabel,
  type Language,
} from "./labels";
import { compare, md, table } from "./markdown";

const ZH = {
  rule: "规则",
  field: "依据字段",
  value: "清单取值",
  noEvidence: "（无具体取值）",
  instances: "### 云主机",
  workloads: "### 容器工作负载",
  volumeClaims: "### 持久卷",
  securityRules: "### 安全规则（允许的访问）",
  dr: "### 灾备",
  name: "名称",
  role: "层",
  zone: "区域",
  flavour: "规格",
  vcpus: "vCPU",
  ramGb: "内存(GB)",
  image: "镜像",
  bootGb: "系统盘(GB)",
  dataGb: "数据盘(GB)",
  floatingIp: "公网 IP",
  replicas: "副本数",
  cpu: "CPU/副本(核)",
  memory: "内存/副本(MiB)",
  port: "端口",
  published: "经统一出口发布",
  sizeGb: "容量(GB)",
  toRole: "开放的层",
  from: "来源",
  viaExchange: "经共享交换平台",
  why: "说明",
  mode: "方式",
  replica: "实时复制",
  backup: "备份",
  rpo: "RPO(小时)",
  copies: "副本数",
  offSite: "异地",
  reason: "依据",
  tier: (role: string) => `本系统${role}`,
  internet: "互联网（经统一互联网出口）",
};

const EN: typeof ZH = {
  rule: "Rule",
  field: "Field",
  value: "Inventory value",
  noEvidence: "(no values)",
  instances: "### Instances",
  workloads: "### Container workloads",
  volumeClaims: "### Volume claims",
  securityRules: "### Security rules (allowed flows)",
  dr: "### Disaster recovery",
  name: "Name",
  role: "Tier",
  zone: "Zone",
  flavour: "Flavour",
  vcpus: "vCPUs",
  ramGb: "Memory (GB)",
  image: "Image",
  bootGb: "Boot (GB)",
  dataGb: "Data (GB)",
  floatingIp: "Floating IP",
  replicas: "Replicas",
  cpu: "CPU per replica (cores)",
  memory: "Memory per replica (MiB)",
  port: "Port",
  published: "Published via the unified exit",
  sizeGb: "Size (GB)",
  toRole: "Opens",
  from: "From",
  viaExchange: "Via the exchange platform",
  why: "Why (the planner's text)",
  mode: "Mode",
  replica: "real-time replica",
  backup: "backup",
  rpo: "RPO (hours)",
  copies: "Copies",
  offSite: "Off-site",
  reason: "Reason",
  tier: (role) => `its own ${role}`,
  internet: "the internet (through the unified exit)",
};

function words(lang: Language): typeof ZH {
  return lang === "zh" ? ZH : EN;
}

/** A reason as a level-3 heading, its rule, and its evidence as a small table. */
export function reasonBlock(ctx: RenderContext, reason: Reason): string {
  const w = words(ctx.lang);
  const colon = ctx.lang === "zh" ? "：" : ": ";
  const label = (field: string) => {
    const text = fieldLabel(ctx.lang, field);
    return text === field ? `\`${field}\`` : `${md(text)} \`${field}\``;
  };
  const evidence = Object.keys(reason.evidence)
    .sort(compare)
    .map((field) => [label(field), md(evidenceText(ctx, field, reason.evidence[field] ?? null))]);
  return [
    `### ${reason.code}${colon}${md(reasonTitle(ctx.lang, reason.code))}`,
    "",
    `${w.rule}${colon}${md(reason.rule[ctx.lang])}`,
    "",
    evidence.length ? table([w.field, w.value], evidence) : w.noEvidence,
  ].join("\n");
}

/** Evidence that names systems (survivor, group, duplicates, replacedBy) shows their names too. */
function evidenceText(ctx: RenderContext, field: string, value: string | number | boolean | null): string {
  if (typeof value === "string" && ["survivor", "group", "duplicates", "replacedBy"].includes(field)) {
    return value
      .split(/,\s*/)
      .map((id) => (ctx.system(id) ? named(ctx.lang, ctx.systemName(id), id) : id))
      .join(ctx.lang === "zh" ? "、" : ", ");
  }
  return evidenceValue(ctx.lang, field, value);
}

/** The targets, one table per kind, in the plan's order within a kind. */
export function targetTables(ctx: RenderContext, system: SystemPlan): string[] {
  const w = words(ctx.lang);
  const of = <K extends Target["kind"]>(kind: K) =>
    system.targets.filter((t): t is Extract<Target, { kind: K }> => t.kind === kind);
  const blocks: string[] = [];
  const instances = of("instance");
  if (instances.length) blocks.push(w.instances, instanceTable(ctx, w, instances));
  const workloads = of("deployment");
  if (workloads.length) blocks.push(w.workloads, workloadTable(ctx, w, workloads));
  const claims = of("volumeClaim");
  if (claims.length) blocks.push(w.volumeClaims, claimTable(w, claims));
  const rules = of("securityRule");
  if (rules.length) blocks.push(w.securityRules, ruleTable(ctx, w, rules));
  const dr = of("disasterRecovery");
  if (dr.length) blocks.push(w.dr, drTable(ctx, w, dr));
  return blocks;
}

function instanceTable(ctx: RenderContext, w: typeof ZH, list: readonly InstanceTarget[]): string {
  return table(
    [w.name, w.role, w.zone, w.flavour, w.vcpus, w.ramGb, w.image, w.bootGb, w.dataGb, w.floatingIp],
    list.map((t) => [
      `\`${t.name}\``,
      md(roleLabel(ctx.lang, t.role)),
      md(zoneLabel(ctx.lang, t.zone)),
      md(t.flavour),
      String(t.vcpus),
      round(t.ramGb),
      `\`${t.image}\``,
      thousands(t.bootVolumeGb),
      thousands(t.dataVolumeGb),
      yesNo(ctx.lang, t.floatingIp),
    ]),
    ["l", "l", "l", "l", "r", "r", "l", "r", "r", "c"],
  );
}

function workloadTable(ctx: RenderContext, w: typeof ZH, list: readonly WorkloadTarget[]): string {
  return table(
    [w.name, w.role, w.zone, w.replicas, w.cpu, w.memory, w.port, w.published, w.image],
    list.map((t) => [
      `\`${t.name}\``,
      md(roleLabel(ctx.lang, t.role)),
      md(zoneLabel(ctx.lang, t.zone)),
      String(t.replicas),
      round(t.cpuMillicores / 1000, 2),
      thousands(t.memoryMi),
      String(t.port),
      yesNo(ctx.lang, t.published),
      `\`${t.image}\``,
    ]),
    ["l", "l", "l", "r", "r", "r", "r", "c", "l"],
  );
}

function claimTable(w: typeof ZH, list: readonly VolumeClaimTarget[]): string {
  return table(
    [w.name, w.sizeGb],
    list.map((t) => [`\`${t.name}\``, thousands(t.sizeGb)]),
    ["l", "r"],
  );
}

function ruleTable(ctx: RenderContext, w: typeof ZH, list: readonly SecurityRuleTarget[]): string {
  const from = (t: SecurityRuleTarget) => {
    switch (t.from.kind) {
      case "tier":
        return md(w.tier(roleLabel(ctx.lang, t.from.role)));
      case "system": {
        const comma = ctx.lang === "zh" ? "，" : ", ";
        return `${systemRef(ctx, t.from.system, "../")}${comma}${md(domainLabel(ctx.lang, t.from.domain))}`;
      }
      case "internet":
        return md(w.internet);
    }
  };
  return table(
    [w.name, w.toRole, w.port, w.from, w.viaExchange, w.why],
    list.map((t) => [
      `\`${t.name}\``,
      md(roleLabel(ctx.lang, t.toRole)),
      `${t.port}/${t.protocol}`,
      from(t),
      yesNo(ctx.lang, t.viaExchange),
      md(t.why[ctx.lang]),
    ]),
    ["l", "l", "r", "l", "c", "l"],
  );
}

function drTable(ctx: RenderContext, w: typeof ZH, list: readonly DisasterRecoveryTarget[]): string {
  return table(
    [w.name, w.mode, w.rpo, w.copies, w.offSite, w.reason],
    list.map((t) => [
      `\`${t.name}\``,
      t.mode === "replica" ? w.replica : w.backup,
      round(t.rpoHours),
      String(t.copies),
      yesNo(ctx.lang, t.offSite),
      `${t.reason.code}${ctx.lang === "zh" ? "：" : ": "}${md(reasonTitle(ctx.lang, t.reason.code))}`,
    ]),
    ["l", "l", "r", "r", "c", "l"],
  );
}
