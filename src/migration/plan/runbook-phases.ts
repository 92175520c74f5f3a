/**
 * What a runbook's phases are made of: the context a system's runbook is evaluated in, a
 * phase (data: whether it applies, whether it runs inside the cutover window, how long,
 * what to do), and the phases and phrases more than one itinerary shares.
 */
import type { System } from "../inventory/model";
import type { PlannerRules } from "../inventory/planner-rules";
import { getsResources, type CopyMode, type Disposition, type Domain, type Text } from "./types";

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
export function stackPhrase(ctx: RunbookContext): Text {
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

export const round = (hours: number) => Math.round(hours * 100) / 100;
export const cutover = (ctx: RunbookContext) => getsResources(ctx.disposition);
export const warm = (ctx: RunbookContext) => cutover(ctx) && ctx.copyMode === "warm";
export const cold = (ctx: RunbookContext) => cutover(ctx) && ctx.copyMode === "cold";
export const exitOrExchange = (ctx: RunbookContext): Text =>
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
export function freezePhase(applies: (ctx: RunbookContext) => boolean): Phase {
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
export const REPOINT_PHASE: Phase = {
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
export const DEPENDANTS_PHASE: Phase = {
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

/**
 * Checking inside the window what was copied inside it: everything when cold; the last delta when warm (the full copy
 * was checked online).
 */
export const verifyHours = (ctx: RunbookContext) =>
  round(
    0.5 +
      (ctx.copyMode === "warm" ? (ctx.system.dataGb * ctx.rules.cutover.dailyChangePct) / 100 : ctx.system.dataGb) /
        4000,
  );
