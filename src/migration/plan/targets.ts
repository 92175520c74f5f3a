/**
 * Placement and sizing: the declarative target specs of a system that goes to the
 * cloud. Pure; the Pulumi programs consume exactly these specs.
 */
import type { ServerGroup, System } from "../inventory/model";
import type { PlannerRules } from "../inventory/planner-rules";
import { disasterRecovery } from "./disaster-recovery";
import { securityRules, type Dependent } from "./security-rules";
import { withSharedRule } from "./text";
import { frontRole, isDataRole, roleOf, zoneOf, type Role } from "./tiers";
import type {
  Disposition,
  Domain,
  InstanceTarget,
  Reason,
  Target,
  VolumeClaimTarget,
  WorkloadTarget,
  Zone,
} from "./types";

/** Seed 000 §三(二): the domain follows the network that hosts the system today. */
export function domainOf(system: System): { domain: Domain; reason: Reason } {
  if (system.placement) {
    return {
      domain: system.placement.domain,
      reason: {
        code: "PLACE_DOMAIN_OVERRIDE",
        rule: {
          zh: "清单中明确指定的部署域优先于按承载网络确定的规则",
          en: "explicit placement in the inventory overrides the hosting network's rule",
        },
        evidence: {
          domain: system.placement.domain,
          reason: system.placement.reason,
          hostingNetwork: system.hostingNetwork,
        },
      },
    };
  }
  const domain: Domain =
    system.hostingNetwork === "private" || system.hostingNetwork === "intranet" ? "admin" : "public";
  return {
    domain,
    reason: {
      code: domain === "admin" ? "PLACE_ADMIN_FROM_PRIVATE" : "PLACE_PUBLIC_FROM_EXTRANET",
      rule:
        domain === "admin"
          ? {
              zh: "业务专网上的系统迁入行政服务域（周村方案第三部分（二）、枣庄政务云方案）",
              en: "business private network → administrative-service domain (行政服务域) (seed 000 §三(二), seed 004)",
            }
          : {
              zh: "政务外网或互联网上的系统迁入公共服务域（周村方案第三部分（二）、枣庄政务云方案）",
              en: "extranet or internet → public-service domain (公共服务域) (seed 000 §三(二), seed 004)",
            },
      evidence: { hostingNetwork: system.hostingNetwork },
    },
  };
}

/**
 * Data each server of a group holds, GB, before growth (null: it holds none): a database
 * server holds the whole database (its peers are replicas, so any one of them can serve
 * it alone); file servers share the files between them; web and application tiers hold
 * none when a data tier exists. Without one, the first group of a rehosted system holds
 * the data, shared by its servers (`holdsWithoutDataTier`).
 */
export function dataPerServerGb(
  role: Role,
  fileServers: number,
  groupServers: number,
  totalDataGb: number,
  holdsWithoutDataTier: boolean,
): number | null {
  if (role === "db") return totalDataGb;
  if (role === "file") return totalDataGb / Math.max(1, fileServers);
  return holdsWithoutDataTier ? totalDataGb / Math.max(1, groupServers) : null;
}

/** Smallest flavour (fewest vCPUs, then least memory) that holds the need; the largest when none does. */
export function pickFlavour(
  flavours: PlannerRules["sizing"]["flavours"],
  vcpus: number,
  ramGb: number,
): { name: string; vcpus: number; ramGb: number; fits: boolean } {
  const sorted = sortedFlavours(flavours);
  const fit = sorted.find((f) => f.vcpus >= vcpus && f.ramGb >= ramGb);
  if (fit) return { ...fit, fits: true };
  const largest = [...sorted].sort((a, b) => b.vcpus * 1000 + b.ramGb - (a.vcpus * 1000 + a.ramGb))[0]!;
  return { ...largest, fits: false };
}

/** The catalogue smallest first, sorted once per catalogue rather than once per server group. */
const sortedCatalogues = new WeakMap<PlannerRules["sizing"]["flavours"], PlannerRules["sizing"]["flavours"]>();
function sortedFlavours(flavours: PlannerRules["sizing"]["flavours"]): PlannerRules["sizing"]["flavours"] {
  let sorted = sortedCatalogues.get(flavours);
  if (sorted === undefined) {
    sorted = [...flavours].sort((a, b) => a.vcpus - b.vcpus || a.ramGb - b.ramGb || (a.name < b.name ? -1 : 1));
    sortedCatalogues.set(flavours, sorted);
  }
  return sorted;
}

/** vCPUs one server needs: its cores scaled by the measured peak, plus headroom; all of them when unmeasured. */
export function neededVcpus(coresPerServer: number, peakPct: number | undefined, headroomPct: number): number {
  if (peakPct === undefined) return Math.max(1, Math.ceil(coresPerServer));
  return Math.max(1, Math.ceil(coresPerServer * (peakPct / 100) * (1 + headroomPct / 100) - 1e-9));
}

/** Image names by operating system: an estate records a few dozen spellings across all its server groups. */
const images = new Map<string | undefined, string>();

function imageOf(os: string | undefined): string {
  let image = images.get(os);
  if (image === undefined) {
    if (images.size >= 10_000) images.clear();
    image = imageSlug(os);
    images.set(os, image);
  }
  return image;
}

function imageSlug(os: string | undefined): string {
  const slug = (os ?? "unknown-os")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/中标麒麟/g, "neokylin")
    .replace(/银河麒麟/g, "kylin")
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/^-|-$/g, "");
  return slug || "unknown-os";
}

const roundUp = (value: number, step: number) => Math.ceil(value / step - 1e-9) * step;

export interface TargetInput {
  readonly system: System;
  readonly disposition: Disposition;
  readonly rules: PlannerRules;
  /** Data merged in from shadows (GB), sized into this system's volumes. */
  readonly mergedDataGb: number;
  /** Systems that depend on this one, with their domains: their flows become ingress rules. */
  readonly dependents: readonly Dependent[];
}

export interface TargetResult {
  readonly domain: Domain;
  readonly targets: Target[];
  readonly reasons: Reason[];
}

export function buildTargets({ system, disposition, rules, mergedDataGb, dependents }: TargetInput): TargetResult {
  const { domain, reason } = domainOf(system);
  const sizing = rules.sizing;
  const replatform = disposition === "replatform";
  const groups = system.servers.map((group) => ({ group, role: roleOf(group) }));
  const hasDataTier = groups.some(({ role }) => isDataRole(role));
  const serversOf = (role: string) =>
    groups.filter((g) => g.role === role).reduce((n, { group }) => n + group.count, 0);
  const fileServers = serversOf("file");
  const totalDataGb = system.dataGb + mergedDataGb;
  const published = system.publicFacing && domain === "public";
  const front = frontRole(groups.map((g) => g.role));
  const reasons: Reason[] = [reason, ...placementReasons(system, domain, mergedDataGb, published, front)];

  const targets: Target[] = [];
  // Names are unique within the system: instances are numbered over all groups of their
  // role, and a repeated role's deployments are told apart (targetNames).
  const names = targetNames(groups.map((g) => ({ role: g.role, count: g.group.count })));
  for (const [index, { group, role }] of groups.entries()) {
    const built = groupTargets(system, group, role, names[index]!, {
      sizing,
      replatform,
      zone: zoneOf(role, published, front),
      front: published && role === front,
      // Without a data tier, a rehosted system's data lives on its first group's servers.
      holdsGb: dataPerServerGb(role, fileServers, group.count, totalDataGb, !hasDataTier && !replatform && index === 0),
    });
    targets.push(...built.targets);
    reasons.push(...built.reasons);
  }
  if (replatform && !hasDataTier && totalDataGb > 0) {
    targets.push({
      kind: "volumeClaim",
      name: `${system.id}-data`,
      sizeGb: Math.max(sizing.minDataVolumeGb, roundUp((totalDataGb * (100 + sizing.dataGrowthPct)) / 100, 10)),
    } satisfies VolumeClaimTarget);
  }
  reasons.push(...sizingReasons(system, sizing, { dbServers: serversOf("db"), fileServers, totalDataGb }));
  targets.push(
    ...securityRules(
      system,
      domain,
      groups.map((g) => g.role),
      dependents,
    ),
  );
  const dr = disasterRecovery(system, rules, totalDataGb);
  if (dr) targets.push(dr);
  return { domain, targets, reasons: reasons.map(withSharedRule) };
}

/** Why the system's data and tiers are placed as they are: merged data, the DMZ, or why it is not published. */
function placementReasons(
  system: System,
  domain: Domain,
  mergedDataGb: number,
  published: boolean,
  front: Role | null,
): Reason[] {
  const reasons: Reason[] = [];
  if (mergedDataGb > 0)
    reasons.push({
      code: "SIZE_MERGED_DATA",
      rule: {
        zh: "数据卷同时容纳从影子系统合并进来的数据",
        en: "volumes also hold the data merged in from its shadow systems",
      },
      evidence: { ownDataGb: system.dataGb, mergedDataGb },
    });
  if (published)
    reasons.push({
      code: "PLACE_DMZ",
      rule: {
        zh: "面向公众的 Web 层部署在公共服务域的 DMZ 区，经统一互联网出口对外（周村方案第三部分（一））",
        en: "public-facing web tiers sit in the public domain's DMZ behind the unified internet exit (seed 000 §三(一))",
      },
      evidence: { publicFacing: true, domain },
    });
  if (published && front === null)
    reasons.push({
      code: "PLACE_NOT_PUBLISHED_NO_WEB_TIER",
      rule: {
        zh: "面向公众但没有 Web 层或应用层：数据库与文件服务器从不进入 DMZ、不分配公网 IP，须先补登记其 Web 层",
        en:
          "public-facing but with no web or app tier: " +
          "database and file servers never go into the DMZ nor get a floating IP; record its web tier first",
      },
      evidence: { publicFacing: true, roles: system.servers.map((g) => roleOf(g)).join(",") },
    });
  return reasons;
}

/**
 * One server group's targets: a stateless web or app tier of a replatformed system becomes a
 * deployment; anything else becomes instances of the smallest flavour that holds the need.
 */
function groupTargets(
  system: System,
  group: ServerGroup,
  role: Role,
  names: GroupNames,
  place: {
    readonly sizing: PlannerRules["sizing"];
    readonly replatform: boolean;
    readonly zone: Zone;
    /** The tier the public reaches: replicated, with the floating IP. */
    readonly front: boolean;
    /** The data each server holds, or null: none. */
    readonly holdsGb: number | null;
  },
): { targets: Target[]; reasons: Reason[] } {
  const { sizing } = place;
  const vcpus = neededVcpus(group.cores / group.count, system.cpuPeakPct, sizing.cpuHeadroomPct);
  const ramGb = Math.max(1, Math.ceil(group.memoryGb / group.count));
  if (place.replatform && sizing.statelessRoles.includes(role) && (role === "web" || role === "app")) {
    const deployment: WorkloadTarget = {
      kind: "deployment",
      name: `${system.id}-${names.deployment}`,
      role,
      zone: place.zone,
      replicas: Math.max(group.count, place.front ? 2 : 1),
      cpuMillicores: vcpus * 1000,
      memoryMi: ramGb * 1024,
      port: 8080,
      published: place.front,
      image: `registry.govcloud.local/${system.department}/${system.id}-${role}:cutover`,
    };
    return { targets: [deployment], reasons: [] };
  }
  const reasons: Reason[] = [];
  const flavour = pickFlavour(sizing.flavours, vcpus, ramGb);
  if (!flavour.fits) {
    reasons.push({
      code: "SIZE_EXCEEDS_CATALOGUE",
      rule: {
        zh: "规格目录中没有满足需求的规格：暂用最大规格，应拆分该层或扩充规格目录",
        en: "no flavour holds the need: the largest is used; split the tier or extend the catalogue",
      },
      evidence: { role, vcpus, ramGb, flavour: flavour.name },
    });
  }
  const dataVolumeGb =
    place.holdsGb === null
      ? 0
      : Math.max(sizing.minDataVolumeGb, roundUp((place.holdsGb * (100 + sizing.dataGrowthPct)) / 100, 10));
  const targets = names.instances.map((instance): InstanceTarget => ({
    kind: "instance",
    name: `${system.id}-${instance}`,
    role,
    zone: place.zone,
    flavour: flavour.name,
    vcpus: flavour.vcpus,
    ramGb: flavour.ramGb,
    image: imageOf(group.os),
    bootVolumeGb: sizing.bootVolumeGb,
    dataVolumeGb,
    floatingIp: place.front,
  }));
  return { targets, reasons };
}

/** How the targets were sized: the data by role (when several servers hold it) and the cores from the peak. */
function sizingReasons(
  system: System,
  sizing: PlannerRules["sizing"],
  { dbServers, fileServers, totalDataGb }: { dbServers: number; fileServers: number; totalDataGb: number },
): Reason[] {
  const reasons: Reason[] = [];
  // Said where it matters: several database servers (replicas) or several file servers (a share each).
  if (dbServers > 1 || fileServers > 1) {
    reasons.push({
      code: "SIZE_DATA_BY_ROLE",
      rule: {
        zh: "每台数据库服务器容纳完整数据库（互为副本）；文件服务器分担文件；Web 层与应用层不存业务数据",
        en:
          "each database server holds the whole database (they are replicas); " +
          "file servers share the files; web and app tiers hold no business data",
      },
      evidence: { dataGb: totalDataGb, dbServers, fileServers },
    });
  }
  reasons.push({
    code: "SIZE_FROM_PEAK",
    rule:
      system.cpuPeakPct === undefined
        ? { zh: "无 CPU 利用率数据：每台服务器保留原有核数", en: "no CPU measurement: each server keeps its cores" }
        : {
            zh: `按实测 CPU 峰值加 ${sizing.cpuHeadroomPct}% 余量折算核数，内存不变，向上取整到规格目录；数据卷预留 ${sizing.dataGrowthPct}% 增长`,
            en:
              `cores scaled by the measured peak CPU plus ${sizing.cpuHeadroomPct} % headroom, memory kept, ` +
              `rounded up to the catalogue; data volumes with ${sizing.dataGrowthPct} % growth`,
          },
    evidence: { cpuPeakPct: system.cpuPeakPct ?? null, dataGb: system.dataGb },
  });
  return reasons;
}

/** How one server group's targets are named, after the system id. */
export interface GroupNames {
  /**
   * Its Deployment, when replatformed: the role; a repeated role's later groups add their place among its groups
   * (`app-2`).
   */
  readonly deployment: string;
  /**
   * Its instances: the role and a number counted over all groups of that role, in inventory order (`app-1` … `app-3`).
   */
  readonly instances: readonly string[];
}

/**
 * Names of each group's targets, unique within a system: two groups of one role (say a
 * small and a large app tier) would otherwise both name their first instance `app-1`
 * and their Deployment `app`. The first group of a role keeps the plain names, so a
 * system with one group per role is named as it always was.
 */
export function targetNames(groups: readonly { readonly role: Role; readonly count: number }[]): GroupNames[] {
  const instancesSoFar = new Map<Role, number>();
  const groupsSoFar = new Map<Role, number>();
  return groups.map(({ role, count }) => {
    const first = (instancesSoFar.get(role) ?? 0) + 1;
    const place = (groupsSoFar.get(role) ?? 0) + 1;
    instancesSoFar.set(role, first + count - 1);
    groupsSoFar.set(role, place);
    const instances = Array.from({ length: count }, (_, i) => `${role}-${first + i}`);
    return { deployment: place === 1 ? role : `${role}-${place}`, instances };
  });
}
