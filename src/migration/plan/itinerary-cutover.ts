/**
 * The cutover itinerary (rehost, replatform): provision, copy, freeze, final sync, switch,
 * verify, observe, shut the old system down. Its phases are data; runbook.ts evaluates them.
 */
import {
  verifyHours,
  round,
  cutover,
  warm,
  cold,
  exitOrExchange,
  freezePhase,
  REPOINT_PHASE,
  stackPhrase,
  type Phase,
} from "./runbook-phases";

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
