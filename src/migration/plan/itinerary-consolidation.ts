/**
 * The consolidation itinerary: a shadow's data mapped and merged into its department's big
 * system (大系统), online or offline, through the exchange platform across domains.
 */
import type { Text } from "./types";
import {
  verifyHours,
  round,
  freezePhase,
  REPOINT_PHASE,
  DEPENDANTS_PHASE,
  type RunbookContext,
  type Phase,
} from "./runbook-phases";

const consolidation = (ctx: RunbookContext) => ctx.disposition === "consolidate";
const onlineMerge = (ctx: RunbookContext) => consolidation(ctx) && ctx.copyMode === "warm";
const offlineMerge = (ctx: RunbookContext) => consolidation(ctx) && ctx.copyMode === "cold";
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
