/**
 * departments/<id>.md: one page per department that owns systems: what happens to each
 * of its systems and when, its cloud tenant's quota, and links to the runbooks.
 */
import type { DepartmentQuota } from "../types";
import { departmentPath, named, roomPath, systemRef, type RenderContext } from "./context";
import { dispositionLabel, domainLabel, round, thousands } from "./labels";
import { departmentActions, retainedSections } from "./department-actions";
import { repointSection, reviewSection } from "./judgement";
import { bullets, document, link, md, table } from "./markdown";

const ZH = {
  title: (name: string) => `# 部门迁移计划：${name}`,
  back: "返回[计划摘要](../summary.md)",
  overview: (all: number, cloud: number, merged: number, retired: number, kept: number) =>
    `本部门共 ${all} 个系统：迁移上云 ${cloud} 个，整合 ${merged} 个，清理 ${retired} 个，单独保留 ${kept} 个。`,
  systems: "## 系统",
  system: "系统",
  disposition: "处置方式",
  reasons: "原因代码",
  domain: "目标域",
  wave: "批次",
  date: "日期",
  room: "所在机房",
  none: "本部门没有需要处置的非涉密系统。",
  quota: "## 政务云租户配额",
  noQuota: "本部门没有上云的系统，不开设租户。",
  item: "项目",
  value: "配额",
  instances: "云主机（台）",
  vcpus: "vCPU（核）",
  ramGb: "内存（GiB）",
  volumes: "云硬盘（块）",
  volumeGb: "云硬盘容量（GiB）",
  k8sCpu: (domain: string) => `容器 CPU（核），${domain}命名空间`,
  k8sMemory: (domain: string) => `容器内存（GiB），${domain}命名空间`,
  k8sStorage: (domain: string) => `容器存储卷（GiB），${domain}命名空间`,
  k8sPods: (domain: string) => `容器组（个），${domain}命名空间`,
  domains: "网络域",
  runbooks: "## 运行手册",
  noRunbooks: "本部门没有需要运行手册的系统。",
  into: (name: string) => `并入 ${name}`,
  losesFunding: "次年将停止安排运维经费",
  unscheduled: (why: string) => `未排入割接窗口：${why}`,
  excluded: "## 涉密系统（不上云）",
  excludedLine: "以下系统进入电子政务内网，不在本计划范围内：",
};

const EN: typeof ZH = {
  title: (name) => `# Department migration plan: ${name}`,
  back: "Back to the [plan summary](../summary.md)",
  overview: (all, cloud, merged, retired, kept) =>
    `The department has ${all} ${all === 1 ? "system" : "systems"}: ` +
    `${cloud} to the cloud, ${merged} merged, ${retired} retired, ${kept} kept apart.`,
  systems: "## Systems",
  system: "System",
  disposition: "Disposition",
  reasons: "Reason codes",
  domain: "Domain",
  wave: "Wave",
  date: "Date",
  room: "Server room",
  none: "The department has no non-classified system to plan.",
  quota: "## Cloud tenant quota",
  noQuota: "No system of the department goes to the cloud: no tenant.",
  item: "Item",
  value: "Quota",
  instances: "Instances",
  vcpus: "vCPUs",
  ramGb: "Memory (GiB)",
  volumes: "Volumes",
  volumeGb: "Volume capacity (GiB)",
  k8sCpu: (domain) => `Container CPU (cores), ${domain} namespace`,
  k8sMemory: (domain) => `Container memory (GiB), ${domain} namespace`,
  k8sStorage: (domain) => `Container volumes (GiB), ${domain} namespace`,
  k8sPods: (domain) => `Pods, ${domain} namespace`,
  domains: "Domains",
  runbooks: "## Runbooks",
  noRunbooks: "No system of the department needs a runbook.",
  into: (name) => `merged into ${name}`,
  losesFunding: "loses O&M funding next year",
  unscheduled: (why) => `no cutover window: ${why}`,
  excluded: "## Classified systems (not to the cloud)",
  excludedLine: "These systems go to the classified intranet and are outside this plan:",
};

export function renderDepartments(ctx: RenderContext): Map<string, string> {
  const files = new Map<string, string>();
  for (const department of ctx.departments)
    files.set(departmentPath(department.id), renderDepartment(ctx, department.id));
  return files;
}

function renderDepartment(ctx: RenderContext, id: string): string {
  const w = ctx.lang === "zh" ? ZH : EN;
  const sep = ctx.lang === "zh" ? "；" : "; ";
  const all = ctx.systemsOf(id);
  const counts = ctx.countsOf(id);
  const listed = all.filter((s) => s.disposition !== "exclude");
  const excluded = all.filter((s) => s.disposition === "exclude");
  const rows = listed.map((s) => {
    const notes = [
      s.consolidateInto ? w.into(named(ctx.lang, ctx.systemName(s.consolidateInto), s.consolidateInto)) : null,
      s.losesFunding ? w.losesFunding : null,
      s.unscheduledReason ? w.unscheduled(s.unscheduledReason[ctx.lang]) : null,
    ].filter((n): n is string => n !== null);
    return [
      systemRef(ctx, s.id, "../"),
      md([dispositionLabel(ctx.lang, s.disposition), ...notes].join(sep)),
      s.reasons.map((r) => `\`${r.code}\``).join(", "),
      md(domainLabel(ctx.lang, s.domain)),
      s.wave ?? "—",
      s.cutoverDate ?? "—",
      link(ctx.roomName(s.serverRoom), `../${roomPath(s.serverRoom)}`),
    ];
  });
  const runbooks = listed.filter((s) => ctx.runbookPath(s.id) !== null);
  const quota = ctx.plan.quotas.find((q) => q.department === id);
  return document([
    w.title(md(ctx.departmentName(id))),
    w.back,
    w.overview(counts.systems, counts.toCloud, counts.merged, counts.byDisposition.retire, counts.keptApart),
    ...departmentActions(ctx, id),
    w.systems,
    rows.length ? table([w.system, w.disposition, w.reasons, w.domain, w.wave, w.date, w.room], rows) : w.none,
    ...retainedSections(ctx, id),
    ...reviewSection(ctx, listed, "../"),
    ...repointSection(ctx, all, "../"),
    w.quota,
    quota ? quotaTable(ctx, w, quota) : w.noQuota,
    w.runbooks,
    runbooks.length ? bullets(runbooks.map((s) => systemRef(ctx, s.id, "../"))) : w.noRunbooks,
    excluded.length ? w.excluded : null,
    excluded.length ? `${w.excludedLine}\n\n${bullets(excluded.map((s) => md(named(ctx.lang, s.name, s.id))))}` : null,
  ]);
}

/**
 * The quota as deployed, in GiB throughout: Nova's RAM and Cinder's capacity are GiB, and
 * each Kubernetes namespace's ResourceQuota is shown with the numbers its manifest states
 * (CPU in cores, memory in GiB = its Mi / 1024, storage in Gi).
 */
function quotaTable(ctx: RenderContext, w: typeof ZH, q: DepartmentQuota): string {
  const gib = (mi: number) => round(mi / 1024, 2);
  return table(
    [w.item, w.value],
    [
      [w.instances, thousands(q.instances)],
      [w.vcpus, thousands(q.vcpus)],
      [w.ramGb, thousands(q.ramGb)],
      [w.volumes, thousands(q.volumes)],
      [w.volumeGb, thousands(q.volumeGb)],
      [w.domains, md(q.domains.map((d) => domainLabel(ctx.lang, d)).join(ctx.lang === "zh" ? "、" : ", ") || "—")],
      ...q.namespaces.flatMap((ns) => {
        const domain = domainLabel(ctx.lang, ns.domain);
        return [
          [md(w.k8sCpu(domain)), round(ns.cpuMillicores / 1000, 2)],
          [md(w.k8sMemory(domain)), gib(ns.memoryMi)],
          [md(w.k8sStorage(domain)), thousands(ns.storageGb)],
          [md(w.k8sPods(domain)), thousands(ns.pods)],
        ];
      }),
    ],
    ["l", "r"],
  );
}
