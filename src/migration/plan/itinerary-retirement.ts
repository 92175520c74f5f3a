/** The retirement itinerary: a zombie's data archived, the retirement announced, the service stopped (seed 003). */
import { round, DEPENDANTS_PHASE, type RunbookContext, type Phase } from "./runbook-phases";

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
