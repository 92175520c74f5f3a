/**
 * The plan's milestones for people: the summary's table (one row a kind: how many, when,
 * against which due date, how many are late or blocked) and the whole list in
 * lists/milestones.md and .csv; the department pages take their own rows from here too.
 */
import type { Milestone } from "../types";
import { departmentPath, named, roomPath, type RenderContext } from "./context";
import type { LongList } from "./lists";
import { compareDates, link, md, table } from "./markdown";

const KINDS: readonly Milestone["kind"][] = ["internet-exit", "extranet", "private-lines", "room"];

const ZH = {
  heading: "## 里程碑",
  intro:
    "按割接批次推算：统一互联网出口在首个公共服务域系统割接前启用；各部门在其首个系统割接前接入电子政务外网；部门的业务专网在其上最后一个系统迁出或清理后撤除；机房在最后一个系统迁出并经观察期后关闭。",
  kind: {
    "internet-exit": "统一互联网出口启用",
    extranet: "部门接入电子政务外网",
    "private-lines": "部门撤除业务专网",
    room: "机房腾空关闭",
  },
  what: "里程碑",
  subject: "部门或机房",
  count: "数量",
  date: "计划日期",
  due: "要求日期",
  verdict: "结论",
  source: "依据",
  blockers: "受阻（须先处理的系统）",
  late: (n: number) => `${n} 个晚于要求`,
  blocked: (n: number) => `${n} 个受阻`,
  onTime: "按期",
  noDue: "—",
  notSet: "未定",
  city: "全市（区）",
  title: "里程碑",
};

const EN: typeof ZH = {
  heading: "## Milestones",
  intro:
    "Dated from the waves: the unified internet exit is in service before the first public-service system moves; " +
    "each department is on the e-government extranet before its first cutover; " +
    "a department's business private lines are withdrawn once the last of its systems on them has moved or " +
    "retired; a room closes once its last system has moved and the observation period has passed.",
  kind: {
    "internet-exit": "unified internet exit in service",
    extranet: "department on the extranet",
    "private-lines": "department's private lines withdrawn",
    room: "room emptied and closed",
  },
  what: "Milestone",
  subject: "Department or room",
  count: "Count",
  date: "Planned",
  due: "Due",
  verdict: "Verdict",
  source: "Source",
  blockers: "Blocked by (systems to deal with first)",
  late: (n) => `${n} late`,
  blocked: (n) => `${n} blocked`,
  onTime: "on time",
  noDue: "—",
  notSet: "not set",
  city: "city-wide",
  title: "Milestones",
};

export const milestoneText = (ctx: RenderContext) => (ctx.lang === "zh" ? ZH : EN);

/** The milestone's subject, linked to its page. */
export function milestoneSubject(ctx: RenderContext, m: Milestone, prefix: string): string {
  const w = milestoneText(ctx);
  if (m.subject === null) return md(w.city);
  return m.kind === "room"
    ? link(ctx.roomName(m.subject), `${prefix}${roomPath(m.subject)}`)
    : link(ctx.departmentName(m.subject), `${prefix}${departmentPath(m.subject)}`);
}

export function milestoneVerdict(ctx: RenderContext, m: Milestone): string {
  const w = milestoneText(ctx);
  if (m.date === null) return m.blockers.length ? `❌ ${w.blocked(m.blockers.length)}` : w.notSet;
  if (m.met === null) return "—";
  return m.met ? `✅ ${w.onTime}` : `❌ ${w.late(1)}`;
}

/** The summary's table: a row a kind of milestone. */
export function milestoneSummary(ctx: RenderContext): string[] {
  const w = milestoneText(ctx);
  const rows = KINDS.map((kind) => {
    const all = ctx.plan.milestones.filter((m) => m.kind === kind);
    if (all.length === 0) return null;
    const dates = all
      .map((m) => m.date)
      .filter((d): d is string => d !== null)
      .sort();
    const span =
      dates.length === 0 ? w.notSet : dates[0] === dates.at(-1) ? dates[0]! : `${dates[0]} – ${dates.at(-1)}`;
    const dues = [...new Set(all.map((m) => m.due).filter((d): d is string => d !== null))];
    const late = all.filter((m) => m.met === false && m.date !== null).length;
    const blocked = all.filter((m) => m.date === null && m.blockers.length > 0).length;
    const shortfalls = [late ? w.late(late) : "", blocked ? w.blocked(blocked) : ""].filter(Boolean);
    const verdict =
      late + blocked === 0
        ? dues.length
          ? `✅ ${w.onTime}`
          : "—"
        : `❌ ${shortfalls.join(ctx.lang === "zh" ? "，" : ", ")}`;
    return [md(w.kind[kind]), String(all.length), span, dues.join(", ") || w.noDue, verdict, md(all[0]!.source)];
  }).filter((r): r is string[] => r !== null);
  return [
    w.heading,
    w.intro,
    table([w.what, w.count, w.date, w.due, w.verdict, w.source], rows, ["l", "r", "l", "l", "l", "l"]),
  ];
}

/** Every milestone, by date (blocked ones last): lists/milestones.md and .csv. */
export function milestoneList(ctx: RenderContext, milestones: readonly Milestone[] = ctx.plan.milestones): LongList {
  const w = milestoneText(ctx);
  const sorted = [...milestones]
    .map((m, i) => ({ m, i }))
    .sort((a, b) => compareDates(a.m.date, b.m.date) || a.i - b.i)
    .map(({ m }) => m);
  const sep = ctx.lang === "zh" ? "、" : ", ";
  return {
    id: "milestones",
    title: w.title,
    intro: w.intro,
    header: [w.what, w.subject, w.date, w.due, w.verdict, w.blockers],
    rows: (prefix) =>
      sorted.map((m) => [
        md(w.kind[m.kind]),
        milestoneSubject(ctx, m, prefix),
        m.date ?? "—",
        m.due ?? "—",
        milestoneVerdict(ctx, m),
        m.blockers.map((id) => md(named(ctx.lang, ctx.systemName(id), id))).join(sep) || "—",
      ]),
  };
}
