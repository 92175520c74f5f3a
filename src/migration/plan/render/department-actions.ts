/**
 * What a department's IT officer must do and by when, at the top of its page: the census
 * form to return, the plan to confirm, its network milestones, each system to prepare
 * (the policy's preparation lead time before its window), each cutover night and
 * retirement, each room to empty, each approval that expires. Then a section per retained
 * system: its approval, its expiry and what happens then.
 */
import { DEFAULT_RULES } from "../../inventory/planner-rules";
import type { SystemPlan } from "../types";
import { addDays } from "../windows";
import { named, roomPath, systemRef, type RenderContext } from "./context";
import { dispositionLabel } from "./labels";
import { compare, document, link, md, table } from "./markdown";

const ZH = {
  actions: "## 本部门须做的事和日期",
  actionsLine: "按日期排列；每项的细节见链接的运行手册、机房页或下文。",
  date: "日期",
  what: "事项",
  detail: "涉及",
  form: "返回政务信息系统普查（自查）表",
  approve: "确认本部门系统的分类与迁移计划",
  extranet: "接入电子政务外网（首个系统割接前）",
  lines: "撤除业务专网（其上的系统均已迁出或清理）",
  linesBlocked: "业务专网暂不能撤除：以下系统仍在使用",
  prepare: (days: number) => `开始割接准备（窗口前 ${days} 天：开通资源、测试、通知用户）`,
  cutover: (time: string) => `割接之夜（${time} 起）`,
  retire: "停止服务并回收设备（清理）",
  merge: "并入大系统，停止旧系统",
  room: "机房腾空关闭",
  roomBlocked: "机房暂不能关闭",
  expires: "批文到期：续批或安排迁移",
  noDate: "未定",
  retained: "## 暂缓迁移的系统",
  approval: "批文",
  approvedBy: "审批部门",
  until: "有效期至",
  reason: "暂缓理由",
  then: "到期后",
  thenText: (until: string) =>
    `${until} 前须续批（报审批部门）或排入割接批次；到期未续批即视为应迁未迁，自次年起不再安排运维经费（泸州市 2018 年重点任务、国家整合共享工作方案）。`,
  noUntil: "批文未写有效期：请补登有效期（枣庄市政务云实施意见：暂不迁移须有批文备案）。",
  roomWaits: (room: string) => `在其迁出前，所在机房 ${room} 不能关闭。`,
  item: "项目",
  value: "内容",
  noApproval: "未登记批文：请补登，否则该系统按应上云处理。",
};

const EN: typeof ZH = {
  actions: "## What the department must do, and when",
  actionsLine: "By date; the linked runbooks, room pages and the sections below have the details.",
  date: "Date",
  what: "Action",
  detail: "Concerns",
  form: "Return the census (self-inspection) form of the department's systems",
  approve: "Confirm the classification and migration plan of the department's systems",
  extranet: "Connect to the e-government extranet (before the first cutover)",
  lines: "Withdraw the business private lines (every system on them has moved or retired)",
  linesBlocked: "The business private lines cannot be withdrawn yet: these systems still use them",
  prepare: (days) => `Start preparing the cutover (${days} days before the window: resources, tests, notices to users)`,
  cutover: (time) => `Cutover night (from ${time})`,
  retire: "Stop the service and reclaim the hardware (retirement)",
  merge: "Merge into the big system and stop the old one",
  room: "Empty and close the room",
  roomBlocked: "The room cannot close yet",
  expires: "Approval expires: renew it or schedule the move",
  noDate: "not set",
  retained: "## Retained systems",
  approval: "Approval",
  approvedBy: "Approved by",
  until: "Valid until",
  reason: "Why it stays",
  then: "When it expires",
  thenText: (until) =>
    `By ${until}, renew the approval (with the approving department) or schedule the move; ` +
    `without a renewal it counts as a system that should have moved, and gets no O&M funding from the next year ` +
    `(Luzhou 2018 key tasks, national work plan).`,
  noUntil:
    "The approval has no expiry date: record one (Zaozhuang: a system may stay only with an approval on record).",
  roomWaits: (room) => `Its room, ${room}, cannot close before it moves.`,
  item: "Item",
  value: "Value",
  noApproval: "No approval recorded: record it, or the system is planned as one that moves.",
};

interface Action {
  readonly date: string | null;
  readonly what: string;
  readonly detail: string;
}

/** The department's actions, by date (undated last), several systems of one step on one row. */
export function departmentActions(ctx: RenderContext, id: string): string[] {
  const w = ctx.lang === "zh" ? ZH : EN;
  const sep = ctx.lang === "zh" ? "、" : ", ";
  const { plan } = ctx;
  const systems = ctx.systemsOf(id);
  const refs = (list: readonly SystemPlan[]) => list.map((s) => systemRef(ctx, s.id, "../")).join(sep);
  const actions: Action[] = [
    { date: plan.settings.milestones.inventoryBy, what: w.form, detail: "—" },
    { date: plan.settings.milestones.planApprovedBy, what: w.approve, detail: "—" },
  ];
  const prepareDays = (ctx.inventory.policy?.rules ?? DEFAULT_RULES).cutover.prepareDays;
  // One row per date and kind of step, naming its systems.
  const grouped = new Map<string, { date: string; what: string; systems: SystemPlan[] }>();
  const add = (date: string, what: string, system: SystemPlan) => {
    const key = `${date}|${what}`;
    (grouped.get(key) ?? grouped.set(key, { date, what, systems: [] }).get(key)!).systems.push(system);
  };
  const waveStart = new Map(plan.waves.map((wave) => [wave.id, wave.start.replace("T", " ")]));
  for (const s of systems) {
    if (s.cutoverDate === null) continue;
    if (s.disposition === "rehost" || s.disposition === "replatform") {
      add(addDays(s.cutoverDate, -prepareDays), w.prepare(prepareDays), s);
      add(s.cutoverDate, w.cutover(waveStart.get(s.wave ?? "") ?? s.cutoverDate), s);
    } else if (s.disposition === "consolidate") add(s.cutoverDate, w.merge, s);
    else if (s.disposition === "retire") add(s.cutoverDate, w.retire, s);
  }
  for (const g of grouped.values()) actions.push({ date: g.date, what: g.what, detail: refs(g.systems) });
  for (const m of plan.milestones.filter((x) => x.subject === id)) {
    const blockers = m.blockers.map((b) => md(named(ctx.lang, ctx.systemName(b), b))).join(sep);
    if (m.kind === "extranet") actions.push({ date: m.date, what: w.extranet, detail: "—" });
    if (m.kind === "private-lines")
      actions.push({ date: m.date, what: m.date ? w.lines : w.linesBlocked, detail: blockers || "—" });
  }
  for (const room of plan.rooms.filter((r) => r.department === id && !r.cloudSite)) {
    const blockers = room.blockers.map((b) => md(named(ctx.lang, ctx.systemName(b.system), b.system))).join(sep);
    actions.push({
      date: room.closeDate,
      what: room.closeDate ? w.room : w.roomBlocked,
      detail: `${link(room.name, `../${roomPath(room.id)}`)}${blockers ? `: ${blockers}` : ""}`,
    });
  }
  for (const s of systems.filter((x) => x.disposition === "retain")) {
    const until = ctx.source(s.id)?.retain?.until;
    if (until) actions.push({ date: until, what: w.expires, detail: systemRef(ctx, s.id, "../") });
  }
  const sorted = actions
    .map((a, i) => ({ a, i }))
    .sort((x, y) => compare(x.a.date ?? "9999", y.a.date ?? "9999") || x.i - y.i)
    .map(({ a }) => [a.date ?? w.noDate, md(a.what), a.detail]);
  return [w.actions, w.actionsLine, table([w.date, w.what, w.detail], sorted)];
}

/** A section per retained system: its approval, its expiry, what happens then. */
export function retainedSections(ctx: RenderContext, id: string): string[] {
  const w = ctx.lang === "zh" ? ZH : EN;
  const retained = ctx.systemsOf(id).filter((s) => s.disposition === "retain");
  if (retained.length === 0) return [];
  return [
    w.retained,
    ...retained.map((s) => {
      const r = ctx.source(s.id)?.retain;
      // Only an old room waits for it; the cloud's site stays open anyway.
      const room = ctx.plan.rooms.find((x) => x.id === s.serverRoom);
      const waits = room && !room.cloudSite ? ` ${w.roomWaits(room.name)}` : "";
      const rows = r
        ? [
            [w.approval, md(r.approvalRef ?? "—")],
            [w.approvedBy, md(r.approvedBy ?? "—")],
            [w.until, r.until ?? "—"],
            [w.reason, md(r.reason ?? "—")],
            [w.then, md((r.until ? w.thenText(r.until) : w.noUntil) + waits)],
          ]
        : [[w.then, md(w.noApproval + waits)]];
      return document([
        `### ${md(named(ctx.lang, s.name, s.id))}`,
        md(dispositionLabel(ctx.lang, s.disposition)),
        table([w.item, w.value], rows),
      ]).trimEnd();
    }),
  ];
}
