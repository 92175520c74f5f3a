/**
 * Runbooks as an itinerary, in the manner of Forklift: the phases are data, each with a
 * predicate saying whether it applies to a system, whether it runs inside the cutover
 * window, and how long it takes. A system's runbook is the itinerary evaluated for it.
 */
import type { System } from "../inventory/model";
import type { PlannerRules } from "../inventory/planner-rules";
import { shared } from "./text";
import {
  getsResources,
  type CopyMode,
  type Disposition,
  type Domain,
  type Rollback,
  type Runbook,
  type RunbookStep,
} from "./types";

type Text = { readonly zh: string; readonly en: string };

export interface RunbookContext {
  readonly system: System;
  readonly disposition: Disposition;
  readonly domain: Domain | null;
  readonly copyMode: CopyMode;
  /** Hours to copy all the data over the link. */
  readonly fullCopyHours: number;
  /** Hours to copy one day's changes (warm final sync). */
  readonly deltaHours: number;
  readonly rules: PlannerRules;
  readonly windowHours: number;
  readonly survivor: { readonly id: string; readonly name: string; readonly domain: Domain | null } | null;
  /** The Pulumi stacks that deploy the system's department (empty: none found). */
  readonly stacks: readonly string[];
  /** Its dependencies on systems that are retired or merged: re-pointed before those stop (repoint.ts). */
  readonly repoint?: readonly RepointStep[];
  /** The systems that must be re-pointed before this one stops. */
  readonly dependants?: readonly RepointStep[];
}

/** One re-pointing, named for people: the caller, the system that goes away, where calls go and by when. */
export interface RepointStep {
  readonly caller: string;
  readonly from: string;
  readonly to: string | null;
  readonly by: string | null;
}

/** "stack zhoucun-social", or what to create when no stack deploys the department yet. */
function stackPhrase(ctx: RunbookContext): Text {
  if (ctx.stacks.length > 0) return { zh: `栈 ${ctx.stacks.join("、")}`, en: `stack ${ctx.stacks.join(" or ")}` };
  const department = ctx.system.department;
  return {
    zh: `部署 ${department} 的栈（stacks/ 中尚无：新建一个 govcloud:departments 含 ${department} 的栈）`,
    en:
      `the stack that deploys ${department} (none in stacks/ yet: ` +
      `add one whose govcloud:departments holds ${department})`,
  };
}

export interface Phase {
  readonly id: string;
  readonly title: Text;
  readonly applies: (ctx: RunbookContext) => boolean;
  readonly inWindow: boolean;
  readonly hours: (ctx: RunbookContext) => number;
  readonly detail: (ctx: RunbookContext) => Text;
}

const round = (hours: number) => Math.round(hours * 100) / 100;
const cutover = (ctx: RunbookContext) => getsResources(ctx.disposition);
const warm = (ctx: RunbookContext) => cutover(ctx) && ctx.copyMode === "warm";
const cold = (ctx: RunbookContext) => cutover(ctx) && ctx.copyMode === "cold";
const exitOrExchange = (ctx: RunbookContext): Text =>
  ctx.system.publicFacing && ctx.domain === "public"
    ? {
        zh: "经统一互联网出口发布，切换域名解析与出口映射",
        en: "publish through the unified internet exit: switch DNS and the exit's address mapping",
      }
    : ctx.domain === "admin"
      ? {
          zh: "经共享交换平台切换业务接口与专网用户访问路径",
          en: "switch interfaces and private-network users through the exchange platform",
        }
      : {
          zh: "在公共服务域内切换访问地址与接口",
          en: "switch addresses and interfaces inside the public-service domain",
        };

/** Stopping writes and backing up the old system: the first step inside every window. */
function freezePhase(applies: (ctx: RunbookContext) => boolean): Phase {
  return {
    id: "freeze",
    title: { zh: "冻结业务写入", en: "Freeze writes" },
    applies,
    inWindow: true,
    hours: () => 0.5,
    detail: () => ({ zh: "停止业务写入，备份原系统", en: "stop writes and back up the old system" }),
  };
}

/**
 * "edu-enrolment re-points to ic-email (by …)" for the gate; "calls to edu-email go to ic-email (by …)" for the
 * caller's own runbook.
 */
function repointLine(r: RepointStep, who: "caller" | "from"): Text {
  const subject =
    who === "caller"
      ? { zh: `${r.caller} `, en: `${r.caller} ` }
      : { zh: `对 ${r.from} 的调用`, en: `calls to ${r.from} ` };
  const by = r.by ? { zh: `（${r.by} 前）`, en: ` (by ${r.by})` } : { zh: "（停用前）", en: " (before it stops)" };
  const to = who === "caller" ? { zh: "改接", en: "re-points to" } : { zh: "改接", en: "go to" };
  return r.to
    ? { zh: `${subject.zh}${to.zh} ${r.to}${by.zh}`, en: `${subject.en}${to.en} ${r.to}${by.en}` }
    : {
        zh: `${subject.zh}取消，无替代系统${by.zh}`,
        en: `${subject.en}${who === "caller" ? "drops its calls" : "are dropped"}: nothing replaces ${r.from}${by.en}`,
      };
}

/** Blocker: re-point this system's calls to systems that are retired or merged, before they stop. */
const REPOINT_PHASE: Phase = {
  id: "repoint",
  title: { zh: "阻断项：改接被清理或整合的依赖", en: "Blocker: re-point dependencies that go away" },
  applies: (ctx) => (ctx.repoint?.length ?? 0) > 0,
  inWindow: false,
  hours: (ctx) => 2 * (ctx.repoint?.length ?? 0),
  detail: (ctx) => {
    const lines = (ctx.repoint ?? []).map((r) => repointLine(r, "from"));
    return {
      zh: `本系统调用的以下系统将停用，须先改接：${lines.map((l) => l.zh).join("；")}`,
      en: `systems it calls stop; re-point first: ${lines.map((l) => l.en).join("; ")}`,
    };
  },
};

/** Gate: the system that goes away stops only once every dependant is re-pointed. */
const DEPENDANTS_PHASE: Phase = {
  id: "dependants-repointed",
  title: { zh: "确认依赖方已改接", en: "Check dependants are re-pointed" },
  applies: (ctx) => (ctx.dependants?.length ?? 0) > 0,
  inWindow: false,
  hours: () => 0.5,
  detail: (ctx) => {
    const lines = (ctx.dependants ?? []).map((r) => repointLine(r, "caller"));
    return {
      zh: `以下依赖本系统的系统全部改接后方可停止服务：${lines.map((l) => l.zh).join("；")}`,
      en: `stop the service only once every dependant is re-pointed: ${lines.map((l) => l.en).join("; ")}`,
    };
  },
};

/** The cutover itinerary (rehost, replatform). */
export const CUTOVER_ITINERARY: readonly Phase[] = [
  REPOINT_PHASE,
  {
    id: "prepare",
    title: { zh: "准备：创建目标资源", en: "Prepare: provision the targets" },
    applies: cutover,
    inWindow: false,
    hours: () => 4,
    detail: (ctx) => {
      const stack = stackPhrase(ctx);
      return {
        zh:
          `执行 pulumi up（${stack.zh}，govcloud:waves 含本批次），创建实例、卷、安全组规` +
          `则${ctx.disposition === "replatform" ? "与容器工作负载" : ""}，完成等保基线配置；` +
          `随后 govcloud waves --set <批次>=deployed 记入计划锁`,
        en:
          `pulumi up of ${stack.en} with this wave in govcloud:waves: ` +
          `instances, volumes, security-group ` +
          `rules${ctx.disposition === "replatform" ? " and Kubernetes workloads" : ""}, MLPS baseline; ` +
          `then govcloud waves --set <wave>=deployed records it in the plan lock`,
      };
    },
  },
  {
    id: "full-copy",
    title: { zh: "全量数据同步（在线）", en: "Full copy (online)" },
    applies: warm,
    inWindow: false,
    hours: (ctx) => ctx.fullCopyHours,
    detail: (ctx) => ({
      zh: `在线复制全部 ${ctx.system.dataGb} GB 数据并保持增量同步`,
      en: `copy all ${ctx.system.dataGb} GB online and keep replicating changes`,
    }),
  },
  {
    id: "verify-copy",
    title: { zh: "校验全量数据", en: "Verify the full copy" },
    applies: warm,
    inWindow: false,
    hours: () => 2,
    detail: () => ({
      zh: "比对记录数与校验和，试运行只读访问",
      en: "compare row counts and checksums; trial read-only access",
    }),
  },
  {
    id: "announce",
    title: { zh: "发布割接公告", en: "Announce the cutover" },
    applies: cutover,
    inWindow: false,
    hours: () => 0.5,
    detail: (ctx) => ({
      zh: `提前三天通知 ${ctx.system.users} 名用户停机时段`,
      en: `tell the ${ctx.system.users} users the downtime three days ahead`,
    }),
  },
  freezePhase(cutover),
  {
    id: "final-sync",
    title: { zh: "最终增量同步", en: "Final delta sync" },
    applies: warm,
    inWindow: true,
    hours: (ctx) => ctx.deltaHours,
    detail: (ctx) => ({
      zh: `同步最后一天的变更（约 ${round((ctx.system.dataGb * ctx.rules.cutover.dailyChangePct) / 100)} GB）`,
      en:
        `sync the last day's changes (about ` +
        `${round((ctx.system.dataGb * ctx.rules.cutover.dailyChangePct) / 100)} GB)`,
    }),
  },
  {
    id: "offline-copy",
    title: { zh: "离线数据迁移", en: "Offline copy" },
    applies: cold,
    inWindow: true,
    hours: (ctx) => ctx.fullCopyHours,
    detail: (ctx) => ({
      zh: `停机复制全部 ${ctx.system.dataGb} GB 数据`,
      en: `copy all ${ctx.system.dataGb} GB while the system is down`,
    }),
  },
  {
    id: "verify",
    title: { zh: "数据校验", en: "Verify" },
    applies: cutover,
    inWindow: true,
    hours: (ctx) => verifyHours(ctx),
    detail: () => ({
      zh: "比对记录数、校验和与关键业务数据",
      en: "compare row counts, checksums and key business records",
    }),
  },
  {
    id: "switch-traffic",
    title: { zh: "切换访问", en: "Switch traffic" },
    applies: cutover,
    inWindow: true,
    hours: () => 0.5,
    detail: exitOrExchange,
  },
  {
    id: "smoke",
    title: { zh: "冒烟测试", en: "Smoke checks" },
    applies: cutover,
    inWindow: true,
    hours: () => 1,
    detail: () => ({
      zh: "登录、查询、办理一笔典型业务、接口调用",
      en: "log in, query, complete one typical transaction, call the interfaces",
    }),
  },
  {
    id: "observe",
    title: { zh: "观察期", en: "Observation period" },
    applies: cutover,
    inWindow: false,
    hours: (ctx) => ctx.rules.cutover.observationDays * 24,
    detail: (ctx) => ({
      zh: `${ctx.rules.cutover.observationDays} 天内原系统保持可回退`,
      en: `the old system stays ready for rollback for ${ctx.rules.cutover.observationDays} days`,
    }),
  },
  {
    id: "finalize",
    title: { zh: "收尾", en: "Finalize" },
    applies: cutover,
    inWindow: false,
    hours: () => 2,
    detail: () => ({
      zh: "关闭原系统，更新资产台账，原服务器交机房下线计划处置",
      en: "shut the old system down, update the asset ledger, hand the old servers to the room's decommission plan",
    }),
  },
];

const consolidation = (ctx: RunbookContext) => ctx.disposition === "consolidate";
const onlineMerge = (ctx: RunbookContext) => consolidation(ctx) && ctx.copyMode === "warm";
const offlineMerge = (ctx: RunbookContext) => consolidation(ctx) && ctx.copyMode === "cold";
/**
 * Checking inside the window what was copied inside it: everything when cold; the last delta when warm (the full copy
 * was checked online).
 */
const verifyHours = (ctx: RunbookContext) =>
  round(
    0.5 +
      (ctx.copyMode === "warm" ? (ctx.system.dataGb * ctx.rules.cutover.dailyChangePct) / 100 : ctx.system.dataGb) /
        4000,
  );
const acrossDomains = (ctx: RunbookContext) =>
  ctx.survivor?.domain !== undefined &&
  ctx.survivor.domain !== null &&
  ctx.domain !== null &&
  ctx.survivor.domain !== ctx.domain;
/** The end of a merge's detail when the two systems sit in different domains. */
const viaExchange = (ctx: RunbookContext): Text =>
  acrossDomains(ctx)
    ? {
        zh: "；两系统分属不同域，数据经共享交换平台传输",
        en: "; the two are in different domains, so the data goes through the exchange platform",
      }
    : { zh: "", en: "" };

/** Merging a shadow into its department's big system (大系统). */
export const CONSOLIDATION_ITINERARY: readonly Phase[] = [
  REPOINT_PHASE,
  {
    id: "map-data",
    title: { zh: "数据映射", en: "Map the data" },
    applies: consolidation,
    inWindow: false,
    hours: () => 16,
    detail: (ctx) => ({
      zh: `将本系统数据项映射到「${ctx.survivor?.name}」的数据结构`,
      en: `map this system's data onto ${ctx.survivor?.id}'s data model`,
    }),
  },
  {
    id: "announce",
    title: { zh: "发布整合公告", en: "Announce the merge" },
    applies: consolidation,
    inWindow: false,
    hours: () => 0.5,
    detail: (ctx) => ({
      zh: `通知 ${ctx.system.users} 名用户改用「${ctx.survivor?.name}」`,
      en: `tell the ${ctx.system.users} users to use ${ctx.survivor?.id}`,
    }),
  },
  DEPENDANTS_PHASE,
  {
    id: "online-merge",
    title: { zh: "在线数据合并", en: "Merge the data online" },
    applies: onlineMerge,
    inWindow: false,
    hours: (ctx) => round(ctx.fullCopyHours + 1),
    detail: (ctx) => ({
      zh:
        `本系统照常运行期间，在线导出 ${ctx.system.dataGb} GB，转换并导入「${ctx.survivor?.name}」，` +
        `此后持续同步增量${viaExchange(ctx).zh}`,
      en:
        `while this system runs, export ${ctx.system.dataGb} GB online, transform, load into ` +
        `${ctx.survivor?.id}, then keep syncing the changes${viaExchange(ctx).en}`,
    }),
  },
  freezePhase(consolidation),
  {
    id: "final-merge",
    title: { zh: "最终增量合并", en: "Final delta merge" },
    applies: onlineMerge,
    inWindow: true,
    hours: (ctx) => round(ctx.deltaHours + 0.5),
    detail: (ctx) => ({
      zh: `合并最后一天的变更（约 ${round((ctx.system.dataGb * ctx.rules.cutover.dailyChangePct) / 100)} GB），去重`,
      en:
        `merge the last day's changes (about ` +
        `${round((ctx.system.dataGb * ctx.rules.cutover.dailyChangePct) / 100)} GB), de-duplicate`,
    }),
  },
  {
    id: "data-merge",
    title: { zh: "数据合并", en: "Merge the data" },
    applies: offlineMerge,
    inWindow: true,
    hours: (ctx) => round(ctx.fullCopyHours + 1),
    detail: (ctx) => {
      const exchange = viaExchange(ctx);
      return {
        zh: `导出 ${ctx.system.dataGb} GB，转换并导入「${ctx.survivor?.name}」，去重${exchange.zh}`,
        en: `export ${ctx.system.dataGb} GB, transform, load into ${ctx.survivor?.id}, de-duplicate${exchange.en}`,
      };
    },
  },
  {
    id: "verify",
    title: { zh: "合并校验", en: "Verify the merge" },
    applies: consolidation,
    inWindow: true,
    hours: (ctx) => verifyHours(ctx),
    detail: () => ({ zh: "核对合并前后记录数与关键业务数据", en: "reconcile record counts and key business records" }),
  },
  {
    id: "redirect-users",
    title: { zh: "用户与入口迁移", en: "Redirect users" },
    applies: consolidation,
    inWindow: true,
    hours: () => 0.5,
    detail: (ctx) => ({
      zh: `迁移账号与权限，原入口跳转至「${ctx.survivor?.name}」`,
      en: `move accounts and permissions; the old entry redirects to ${ctx.survivor?.id}`,
    }),
  },
  {
    id: "smoke",
    title: { zh: "冒烟测试", en: "Smoke checks" },
    applies: consolidation,
    inWindow: true,
    hours: () => 0.5,
    detail: (ctx) => ({
      zh: `用原系统账号登录「${ctx.survivor?.name}」，查询合并来的数据，办理一笔业务`,
      en: `log in to ${ctx.survivor?.id} with a former account, query the merged data, complete one transaction`,
    }),
  },
  {
    id: "observe",
    title: { zh: "观察期", en: "Observation period" },
    applies: consolidation,
    inWindow: false,
    hours: (ctx) => ctx.rules.cutover.observationDays * 24,
    detail: (ctx) => ({
      zh: `${ctx.rules.cutover.observationDays} 天内原系统只读保留`,
      en: `the old system stays read-only for ${ctx.rules.cutover.observationDays} days`,
    }),
  },
  {
    id: "finalize",
    title: { zh: "停用原系统", en: "Stop the old system" },
    applies: consolidation,
    inWindow: false,
    hours: () => 2,
    detail: () => ({
      zh: "停止服务，归档，服务器交机房下线计划处置",
      en: "stop the service, archive, hand the servers to the room's decommission plan",
    }),
  },
];

const retirement = (ctx: RunbookContext) => ctx.disposition === "retire";

/** Retiring a zombie: archive, announce, stop, reclaim (seed 003). */
export const RETIREMENT_ITINERARY: readonly Phase[] = [
  {
    id: "archive",
    title: { zh: "数据归档", en: "Archive the data" },
    applies: (ctx) => retirement(ctx) && ctx.system.dataGb > 0,
    inWindow: false,
    hours: (ctx) => round(ctx.fullCopyHours + 1),
    detail: (ctx) => ({
      zh: `导出 ${ctx.system.dataGb} GB 业务数据交档案管理，校验后封存`,
      en: `export ${ctx.system.dataGb} GB of business data to the archive, verify, seal`,
    }),
  },
  {
    id: "announce",
    title: { zh: "停用公告", en: "Announce" },
    applies: retirement,
    inWindow: false,
    hours: () => 0.5,
    detail: (ctx) => ({
      zh: `发布停用公告，${ctx.rules.cutover.retireNoticeDays} 天后停止服务`,
      en: `announce the retirement; the service stops ${ctx.rules.cutover.retireNoticeDays} days later`,
    }),
  },
  DEPENDANTS_PHASE,
  {
    id: "stop",
    title: { zh: "停止服务", en: "Stop the service" },
    applies: retirement,
    inWindow: false,
    hours: () => 1,
    detail: () => ({
      zh: "停止服务，注销域名与账号，撤销对外接口",
      en: "stop the service, remove DNS names and accounts, withdraw interfaces",
    }),
  },
  {
    id: "reclaim",
    title: { zh: "资源回收", en: "Reclaim" },
    applies: retirement,
    inWindow: false,
    hours: () => 2,
    detail: () => ({
      zh: "服务器按机房下线计划回收或报废，停止运维经费",
      en: "servers reclaimed or scrapped per the room's decommission plan; O&M funding stops",
    }),
  },
];

/** Hours a runbook of this itinerary spends inside the window, for this system and copy mode. */
export function inWindowHours(itinerary: readonly Phase[], ctx: RunbookContext): number {
  return round(itinerary.filter((p) => p.inWindow && p.applies(ctx)).reduce((n, p) => n + round(p.hours(ctx)), 0));
}

function evaluate(itinerary: readonly Phase[], ctx: RunbookContext): RunbookStep[] {
  const steps: RunbookStep[] = [];
  for (const phase of itinerary)
    if (phase.applies(ctx))
      steps.push({
        phase: phase.id,
        title: phase.title,
        detail: shared(phase.detail(ctx)),
        hours: round(phase.hours(ctx)),
        inWindow: phase.inWindow,
      });
  return steps;
}

/** When a cutover is rolled back, and how: the same sentences for every system, shared. */
const ROLLBACK_CRITERIA: readonly Text[] = [
  { zh: "冒烟测试任一项失败", en: "any smoke check fails" },
  { zh: "数据校验不一致", en: "data verification finds a mismatch" },
  {
    zh: "观察期内出现影响业务办理的故障且 4 小时内无法修复",
    en: "during observation, a fault stops business and cannot be fixed within 4 hours",
  },
];
const FREEZE_NEW: Text = { zh: "冻结新系统写入", en: "freeze writes on the new system" };
const SWITCH_BACK: Text = {
  zh: "将访问切回原系统，发布回退公告",
  en: "switch traffic back to the old system and announce the rollback",
};
const ROLLBACK_STEPS: Readonly<Record<"warm" | "cold", readonly Text[]>> = {
  warm: [
    FREEZE_NEW,
    {
      zh: "启用反向同步，把割接后新写入的数据回写原系统",
      en: "reverse-replicate the data written since the cutover into the old system",
    },
    SWITCH_BACK,
  ],
  cold: [
    FREEZE_NEW,
    {
      zh: "原系统数据未改动，导出割接后新写入的数据补录回原系统",
      en: "the old system's data is untouched: export what was written since the cutover and re-enter it there",
    },
    SWITCH_BACK,
  ],
};
const ROLLBACK_OWNER: Text = {
  zh: "部门分管领导会同区信息中心负责人决定",
  en: "the department's deputy head, with the head of the information centre",
};

function rollbackOf(ctx: RunbookContext, until: string | null): Rollback {
  return {
    criteria: ROLLBACK_CRITERIA,
    steps: ROLLBACK_STEPS[ctx.copyMode === "warm" ? "warm" : "cold"],
    owner: ROLLBACK_OWNER,
    until,
  };
}

function itineraryOf(ctx: RunbookContext): readonly Phase[] {
  return ctx.disposition === "retire"
    ? RETIREMENT_ITINERARY
    : ctx.disposition === "consolidate"
      ? CONSOLIDATION_ITINERARY
      : CUTOVER_ITINERARY;
}

/** The window hours of the system's runbook (buildRunbook's windowHours), without writing its steps. */
export function runbookWindowHours(ctx: RunbookContext): number {
  return inWindowHours(itineraryOf(ctx), ctx);
}

export function buildRunbook(ctx: RunbookContext, rollbackUntil: string | null): Runbook {
  const steps = evaluate(itineraryOf(ctx), ctx);
  const windowHours = round(steps.filter((s) => s.inWindow).reduce((n, s) => n + s.hours, 0));
  const kind =
    ctx.disposition === "retire" ? "retirement" : ctx.disposition === "consolidate" ? "consolidation" : "cutover";
  return {
    kind,
    copyMode: kind === "retirement" ? null : ctx.copyMode,
    steps,
    windowHours,
    fitsWindow: windowHours <= ctx.windowHours,
    fitsDowntime: ctx.system.maxDowntimeHours === undefined || windowHours <= ctx.system.maxDowntimeHours,
    rollback: kind === "retirement" ? null : rollbackOf(ctx, rollbackUntil),
  };
}
