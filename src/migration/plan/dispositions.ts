/**
 * One disposition per system, with the evidence for it. Precedence, strongest first:
 * exclude (classified: never to the cloud) → retain (an approved exception) → retire
 * (a zombie by any of the five criteria of seeds 000/003) → consolidate (a shadow of a
 * system of its own department) → rehost or replatform (everything that can go).
 */
import { daysBetween } from "../inventory/dates";
import type { System } from "../inventory/model";
import type { PlannerRules } from "../inventory/planner-rules";
import { compared, gramWeights, similarPairs, type Compared } from "./similarity";
import { withSharedRule } from "./text";
import type { Disposition, Reason, Text } from "./types";

export interface DispositionResult {
  readonly disposition: Disposition;
  readonly reasons: readonly Reason[];
  readonly consolidateInto: string | null;
  /** Evidence the department should review, without changing the disposition (e.g. REVIEW_STALE). */
  readonly review?: readonly Reason[];
}

const SEED_ZOMBIE = {
  zh: "周村方案第二部分（二）、国家整合共享工作方案：清理“僵尸”信息系统",
  en: "seed 000 §二(二), seed 003: 清理“僵尸”信息系统",
};
const SHADOW_RULE: Text = {
  zh: "同一部门内设置重复、功能相近的“影子”系统整合为一个互联互通的“大系统”，保留承载业务的系统（使用频度、用户数、更新时间、等保级别、数据量依次比较）（周村方案第二部分（三）、国家整合共享工作方案）",
  en:
    "duplicated or similar functions inside one department are merged into its one big system " +
    "(大系统), the one that carries the business (frequency, users, last update, MLPS level, data, in that order) " +
    "(seed 000 §二(三), seed 003)",
};
const zombieRule = (criterion: number, zh: string, en: string): Text => ({
  zh: `${zh}（${SEED_ZOMBIE.zh}，第${criterion}条标准）`,
  en: `${en} (${SEED_ZOMBIE.en}, criterion ${criterion})`,
});

/**
 * The zombie criteria a system meets, each with its evidence (empty: not a zombie). Each
 * is evidence that the system is not used or not run; old software alone is not (see
 * reviewReasons).
 */
export function zombieReasons(system: System, replaceableBy: readonly System[], rules: PlannerRules): Reason[] {
  const z = rules.zombie;
  const reasons: Reason[] = [];
  if (system.usageFrequency === "unused" || system.users === 0) {
    reasons.push({
      code: "ZOMBIE_UNUSED",
      rule: zombieRule(
        1,
        "系统使用与实际业务流程长期脱节：使用频度为停用或无用户",
        "use detached from the business: usage frequency 停用 or no users",
      ),
      evidence: { usageFrequency: system.usageFrequency, users: system.users },
    });
  }
  if (replaceableBy.length > 0) {
    reasons.push({
      code: "ZOMBIE_REPLACEABLE",
      rule: zombieRule(2, "功能可被其他部门的系统替代", "function replaceable by another department's system"),
      evidence: { duplicates: replaceableBy.map((s) => s.id).join(", "), replacedBy: replaceableBy[0]!.id },
    });
  }
  if (
    system.usageFrequency !== "daily" &&
    system.cpuAvgPct !== undefined &&
    system.cpuPeakPct !== undefined &&
    system.cpuAvgPct < z.idleCpuAvgPct &&
    system.cpuPeakPct < z.idleCpuPeakPct
  ) {
    reasons.push({
      code: "ZOMBIE_IDLE",
      rule: zombieRule(
        3,
        `所占用资源长期处于空闲状态：CPU 平均利用率低于 ${z.idleCpuAvgPct}%、峰值低于 ${z.idleCpuPeakPct}%，且非每日使用`,
        `resources idle for a long time: average CPU below ${z.idleCpuAvgPct} % and peak below ` +
          `${z.idleCpuPeakPct} %, not used daily`,
      ),
      evidence: { cpuAvgPct: system.cpuAvgPct, cpuPeakPct: system.cpuPeakPct, usageFrequency: system.usageFrequency },
    });
  }
  if (system.omStatus === "stopped") {
    reasons.push({
      code: "ZOMBIE_OM_STOPPED",
      rule: zombieRule(4, "运行维护停止更新服务：运维状态为停止", "O&M stopped: no more maintenance or updates"),
      evidence: { omStatus: system.omStatus, lastUpdate: system.lastUpdate ?? null },
    });
  }
  if (z.narrowScopes.includes(system.usageScope) && z.narrowFrequencies.includes(system.usageFrequency)) {
    reasons.push({
      code: "ZOMBIE_NARROW",
      rule: zombieRule(5, "适用范围小、使用频度低", "small usage scope and low frequency"),
      evidence: { usageScope: system.usageScope, usageFrequency: system.usageFrequency, users: system.users },
    });
  }
  return reasons;
}

/**
 * What the department should look at without the plan retiring anything: software not
 * updated for `staleYears` in a system that is used and whose O&M runs. Old is not dead
 * (seed 003 criterion 4 is O&M that stopped, not software that aged).
 */
export function reviewReasons(system: System, rules: PlannerRules, planningStart: string): Reason[] {
  const years = rules.zombie.staleYears;
  if (system.lastUpdate === undefined || daysBetween(system.lastUpdate, planningStart) <= years * 365) return [];
  return [
    {
      code: "REVIEW_STALE",
      rule: {
        zh: `${planningStart} 前 ${years} 年以上未更新，但仍在使用且运维正常：列为复核对象，由部门确认是否升级、整合或清理，不直接清理`,
        en:
          `not updated for more than ${years} years before ${planningStart}, but used and maintained: ` +
          `listed for the department to review (upgrade, merge or retire), not retired`,
      },
      evidence: {
        lastUpdate: system.lastUpdate,
        omStatus: system.omStatus,
        usageFrequency: system.usageFrequency,
        users: system.users,
      },
    },
  ];
}

const SCOPE_RANK = { public: 3, region: 2, department: 1, subunit: 0 } as const;
const FREQUENCY_RANK = { daily: 4, weekly: 3, monthly: 2, yearly: 1, unused: 0 } as const;

interface Criterion {
  readonly key: string;
  readonly value: (s: System) => number | string;
}

/**
 * What shows a system carries its business, strongest first: how often it is used, by how many, how recently updated,
 * its MLPS level, its data.
 */
const BUSINESS: readonly Criterion[] = [
  { key: "usageFrequency", value: (s) => FREQUENCY_RANK[s.usageFrequency] },
  { key: "users", value: (s) => s.users },
  { key: "lastUpdate", value: (s) => s.lastUpdate ?? "" },
  { key: "mlpsLevel", value: (s) => s.mlpsLevel ?? 0 },
  { key: "dataGb", value: (s) => s.dataGb },
];
const SCOPE: Criterion = { key: "usageScope", value: (s) => SCOPE_RANK[s.usageScope] };

/** The first criterion on which a and b differ (the one that decides), or null. */
function decidingCriterion(a: System, b: System, criteria: readonly Criterion[]): Criterion | null {
  return criteria.find((c) => c.value(a) !== c.value(b)) ?? null;
}

/** Negative when a ranks before b: the deciding criterion's higher value first, then the id. */
function compareBy(criteria: readonly Criterion[]) {
  return (a: System, b: System): number => {
    const c = decidingCriterion(a, b, criteria);
    if (c) return c.value(a) > c.value(b) ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

/** Within a department, the survivor is the system that carries the business. */
const compareBusiness = compareBy(BUSINESS);
/** Across departments, the wider system replaces the narrower (one others can use), then the busier. */
const compareReplacement = compareBy([SCOPE, ...BUSINESS]);

/** "daily, 300 users, updated 2017-06-01, MLPS 3, 500 GB": what the survivor comparison looked at. */
function businessOf(s: System): string {
  return (
    `${s.usageFrequency}, ${s.users} users, updated ${s.lastUpdate ?? "?"}, MLPS ${s.mlpsLevel ?? "?"}, ` +
    `${s.dataGb} GB`
  );
}

/** Union–find over system ids, for shadow groups. */
class Groups {
  private readonly parent = new Map<string, string>();
  find(id: string): string {
    let root = id;
    while (this.parent.get(root) !== undefined && this.parent.get(root) !== root) root = this.parent.get(root)!;
    let node = id;
    while (node !== root) {
      const next = this.parent.get(node) ?? node;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

/**
 * Every system's disposition. `departmentNames` (id → name) lets shadow detection remove
 * a department's own name from its systems' names before comparing them.
 */
export function decideDispositions(
  systems: readonly System[],
  rules: PlannerRules,
  planningStart: string,
  departmentNames: ReadonlyMap<string, string> = new Map(),
): Map<string, DispositionResult> {
  const byId = new Map(systems.map((s) => [s.id, s]));
  const result = new Map<string, DispositionResult>();
  // Reasons' rules are a few sentences repeated for every system: keep one copy of each.
  const decide = (id: string, decision: DispositionResult) => {
    const review =
      decision.disposition === "retire" || decision.disposition === "exclude"
        ? []
        : reviewReasons(byId.get(id)!, rules, planningStart);
    result.set(id, {
      ...decision,
      reasons: decision.reasons.map(withSharedRule),
      ...(review.length > 0 ? { review: review.map(withSharedRule) } : {}),
    });
  };

  // Declared duplicates across departments make the narrower one replaceable (criterion 2);
  // inside a department they are shadows to merge. A duplicate link counts both ways.
  const linked = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (!byId.has(a) || !byId.has(b) || a === b) return;
    (linked.get(a) ?? linked.set(a, new Set()).get(a)!).add(b);
    (linked.get(b) ?? linked.set(b, new Set()).get(b)!).add(a);
  };
  for (const system of systems) for (const other of system.duplicates) link(system.id, other);

  const cloudCandidate = (s: System) => !s.classified && !s.retain?.approvalRef;
  const replaceableBy = (system: System): System[] =>
    [...(linked.get(system.id) ?? [])]
      .map((id) => byId.get(id)!)
      .filter(
        (other) =>
          other.department !== system.department && cloudCandidate(other) && compareReplacement(other, system) < 0,
      )
      .sort(compareReplacement);

  for (const system of systems) {
    const stays = stayDecision(system);
    if (stays) {
      decide(system.id, stays);
    } else {
      const zombie = zombieReasons(system, replaceableBy(system), rules);
      if (zombie.length > 0) decide(system.id, { disposition: "retire", consolidateInto: null, reasons: zombie });
    }
  }

  // Shadows: declared duplicates and near-identical systems inside one department, among
  // systems not already decided; each group merges into its best member (大系统).
  const open = systems.filter((s) => !result.has(s.id));
  for (const [shadow, decision] of shadowDecisions(open, linked, departmentNames, rules)) decide(shadow, decision);

  for (const system of systems) {
    if (!result.has(system.id)) decide(system.id, migrateDecision(system, rules));
  }
  return result;
}

/**
 * Systems that do not go to the cloud whatever else is true of them: classified ones, and those
 * kept with an approval.
 */
function stayDecision(system: System): DispositionResult | undefined {
  if (system.classified)
    return {
      disposition: "exclude",
      consolidateInto: null,
      reasons: [
        {
          code: "EXCLUDE_CLASSIFIED",
          rule: {
            zh: "涉密系统迁入电子政务内网，不上政务云（周村方案第一部分、潍坊任务分解表第6项）",
            en:
              "classified (涉密) systems go to the classified intranet, never to the cloud " +
              "(seed 000 §一, seed 001 item 6)",
          },
          evidence: { classified: true, hostingNetwork: system.hostingNetwork },
        },
      ],
    };
  if (system.retain?.approvalRef)
    return {
      disposition: "retain",
      consolidateInto: null,
      reasons: [
        {
          code: "RETAIN_APPROVED",
          rule: {
            zh: "暂不迁移须有批文备案（枣庄政务云方案）",
            en: "may stay where it is only with an approval on record (seed 004)",
          },
          evidence: {
            approvalRef: system.retain.approvalRef,
            approvedBy: system.retain.approvedBy ?? null,
            until: system.retain.until ?? null,
            reason: system.retain.reason ?? null,
          },
        },
      ],
    };
  return undefined;
}

/**
 * Shadows among the systems not already decided: declared duplicates and near-identical
 * systems inside one department, grouped; each group merges into the member that carries
 * the most business (大系统), with what was compared and why that one stays.
 */
function shadowDecisions(
  open: readonly System[],
  linked: ReadonlyMap<string, ReadonlySet<string>>,
  departmentNames: ReadonlyMap<string, string>,
  rules: PlannerRules,
): [string, DispositionResult][] {
  const decisions: [string, DispositionResult][] = [];
  const groups = new Groups();
  const similar = new Map<string, number>();
  const byDepartment = new Map<string, System[]>();
  for (const system of open)
    (byDepartment.get(system.department) ?? byDepartment.set(system.department, []).get(system.department)!).push(
      system,
    );
  const normalised = new Map<string, Compared>();
  for (const [department, members] of byDepartment) {
    const here = new Set(members.map((m) => m.id));
    for (const a of members) for (const b of linked.get(a.id) ?? []) if (here.has(b)) groups.union(a.id, b);
    const texts = members.map((m) => compared(m, departmentNames.get(department)));
    members.forEach((m, i) => normalised.set(m.id, texts[i]!));
    for (const pair of similarPairs(texts, rules.shadow.similarity, gramWeights(texts, rules.shadow.rarityBase))) {
      const [a, b] = [members[pair.a]!, members[pair.b]!];
      if (linked.get(a.id)?.has(b.id)) continue; // declared: merged above, no score needed
      groups.union(a.id, b.id);
      similar.set(`${a.id} ${b.id}`, pair.score);
      similar.set(`${b.id} ${a.id}`, pair.score);
    }
  }
  const members = new Map<string, System[]>();
  for (const system of open)
    (members.get(groups.find(system.id)) ?? members.set(groups.find(system.id), []).get(groups.find(system.id))!).push(
      system,
    );
  for (const group of members.values()) {
    if (group.length < 2) continue;
    const [survivor, ...shadows] = [...group].sort(compareBusiness);
    for (const shadow of shadows) {
      const declared = linked.get(shadow.id)?.has(survivor!.id) ?? false;
      const score = similar.get(`${shadow.id} ${survivor!.id}`);
      const mine = normalised.get(shadow.id)!;
      const theirs = normalised.get(survivor!.id)!;
      decisions.push([
        shadow.id,
        {
          disposition: "consolidate",
          consolidateInto: survivor!.id,
          reasons: [
            {
              code: declared ? "SHADOW_DECLARED" : score !== undefined ? "SHADOW_SIMILAR" : "SHADOW_GROUP",
              rule: SHADOW_RULE,
              evidence: {
                survivor: survivor!.id,
                group: group
                  .map((s) => s.id)
                  .sort()
                  .join(", "),
                ...(score !== undefined ? { similarity: Math.round(score * 100) / 100 } : {}),
                ...(declared ? { duplicates: survivor!.id } : {}),
                // What was compared, with the department's name and version markers removed.
                names: `${mine.name} ≈ ${theirs.name}`,
                functions: `${mine.function} ≈ ${theirs.function}`,
                // Why the survivor is the one that stays: the business each carries.
                survivorCarries: businessOf(survivor!),
                thisCarries: businessOf(shadow),
                decidedBy: decidingCriterion(survivor!, shadow, BUSINESS)?.key ?? "id",
              },
            },
          ],
        },
      ]);
    }
  }
  return decisions;
}

/** Linux families a container platform runs; anything else (Windows, unknown) stays on VMs. */
const CONTAINER_OS =
  /centos|red ?hat|rhel|ubuntu|debian|suse|sles|麒麟|kylin|统信|uos|euler|linux|oracle linux|alma|rocky/i;

export function migrateDecision(system: System, rules: PlannerRules): DispositionResult {
  const stateless = rules.sizing.statelessRoles;
  const frontGroups = system.servers.filter((g) => g.role !== undefined && stateless.includes(g.role));
  const unknownRole = system.servers.some((g) => g.role === undefined);
  const everyFrontOnLinux =
    frontGroups.length > 0 && frontGroups.every((g) => g.os !== undefined && CONTAINER_OS.test(g.os));
  const base: Reason = {
    code: "MIGRATE_CAN_GO",
    rule: {
      zh: "按照“应上尽上”原则迁移上云（周村方案第三部分（二））",
      en: "everything that can go moves to the cloud (应上尽上, seed 000 §三(二))",
    },
    evidence: { classified: false, retain: false, zombie: false },
  };
  if (everyFrontOnLinux && !unknownRole) {
    return {
      disposition: "replatform",
      consolidateInto: null,
      reasons: [
        base,
        {
          code: "REPLATFORM_STATELESS_LINUX",
          rule: {
            zh: `运行在 Linux 上的无状态层（${stateless.join("、")}）改造为 Kubernetes 工作负载，有状态层仍用云主机`,
            en:
              `stateless tiers (${stateless.join(", ")}) on Linux become Kubernetes workloads; ` +
              `stateful tiers stay on VMs`,
          },
          evidence: { tiers: frontGroups.map((g) => `${g.role}:${g.os}`).join(", ") },
        },
      ],
    };
  }
  const why: Reason = unknownRole
    ? {
        code: "REHOST_ROLE_UNKNOWN",
        rule: {
          zh: "服务器未登记用途，无法确认无状态：原样迁移至云主机",
          en: "a server group without a role cannot be shown stateless: rehost as VMs",
        },
        evidence: { groups: system.servers.length },
      }
    : frontGroups.length === 0
      ? {
          code: "REHOST_NO_STATELESS_TIER",
          rule: {
            zh: `没有可容器化的${stateless.join("/")}层：原样迁移至云主机`,
            en: `no ${stateless.join("/")} tier to containerise: rehost as VMs`,
          },
          evidence: { roles: system.servers.map((g) => g.role ?? "?").join(", ") },
        }
      : {
          code: "REHOST_OS",
          rule: {
            zh: "无状态层的操作系统不支持容器（Windows 或未登记）：原样迁移至云主机",
            en: "a stateless tier runs an OS containers do not (Windows or unknown): rehost as VMs",
          },
          evidence: { os: frontGroups.map((g) => g.os ?? "unknown").join(", ") },
        };
  return { disposition: "rehost", consolidateInto: null, reasons: [base, why] };
}
