/**
 * rooms/<room>.md: the decommission plan of one old server room: which systems leave it
 * and when, when it can close (or what keeps it open), the closing steps, the O&M cost
 * it saves.
 */
import { ROOM_TENURES, labelOf } from "../../inventory/vocabulary";
import type { RoomPlan } from "../types";
import { departmentPath, named, roomPath, systemRef, type RenderContext } from "./context";
import { dispositionLabel, money10k, pick, round } from "./labels";
import { bullets, compare, compareDates, document, link, md, numbered, table } from "./markdown";

const ZH = {
  title: (name: string) => `# 机房下线方案：${name}`,
  back: "返回[计划摘要](../summary.md)",
  overview: "## 概况",
  item: "项目",
  value: "内容",
  owner: "责任部门",
  location: "位置",
  tenure: "产权",
  age: "硬件平均使用年限",
  lines: "业务专线",
  systemCount: "系统数",
  notRecorded: "未登记",
  none: "无",
  status: "## 关闭时间",
  cloudSite: "本机房保留为政务云站点，不关闭；迁出的系统的旧服务器仍按下列步骤处置。",
  closeDate: (date: string) => `最早可于 **${date}** 腾空关闭（最后一个系统迁出并经观察期满，或清理完成）。`,
  blocked: "暂不能关闭，原因如下：",
  noDate: "尚无关闭日期。",
  system: "系统",
  department: "部门",
  disposition: "处置方式",
  date: "日期",
  reason: "原因",
  systems: "## 机房内的系统",
  steps: "## 下线步骤",
  saved: "## 节省的运维费用",
  savedLine: (amount: string) =>
    `每年约 ${amount}：停止运行的系统（清理、整合）的年运维费用之和；迁移上云的系统在云上继续运维，不计为节省。`,
  excluded: "## 涉密系统（不上云）",
  excludedLine: "以下涉密系统须先迁入电子政务内网（不在本计划范围内）：",
};

const EN: typeof ZH = {
  title: (name) => `# Room decommission plan: ${name}`,
  back: "Back to the [plan summary](../summary.md)",
  overview: "## Overview",
  item: "Item",
  value: "Value",
  owner: "Run by",
  location: "Location",
  tenure: "Tenure",
  age: "Average hardware age (years)",
  lines: "Private lines",
  systemCount: "Systems",
  notRecorded: "not recorded",
  none: "none",
  status: "## When it closes",
  cloudSite:
    "The room stays as the cloud's site and is not closed; " +
    "the old servers of the systems leaving it are still handled by the steps below.",
  closeDate: (date) =>
    `It can be emptied and closed from **${date}** (its last system moved and observed, or retired).`,
  blocked: "It cannot close yet:",
  noDate: "No close date yet.",
  system: "System",
  department: "Department",
  disposition: "Disposition",
  date: "Date",
  reason: "Reason (the planner's text)",
  systems: "## Systems in the room",
  steps: "## Steps",
  saved: "## O&M cost saved",
  savedLine: (amount) =>
    `About ${amount} a year: the annual O&M cost of the systems that stop (retired, merged); ` +
    `systems that move keep their O&M on the cloud and save nothing.`,
  excluded: "## Classified systems (not to the cloud)",
  excludedLine: "These classified systems must first move to the classified intranet (outside this plan):",
};

const TENURE_EN: Readonly<Record<string, string>> = { owned: "owned", rented: "rented" };

export function renderRooms(ctx: RenderContext): Map<string, string> {
  const files = new Map<string, string>();
  for (const room of [...ctx.plan.rooms].sort((a, b) => compare(a.id, b.id)))
    files.set(roomPath(room.id), renderRoom(ctx, room));
  return files;
}

function renderRoom(ctx: RenderContext, room: RoomPlan): string {
  const w = ctx.lang === "zh" ? ZH : EN;
  const source = ctx.inventory.rooms.find((r) => r.id === room.id);
  const sep = ctx.lang === "zh" ? "；" : "; ";
  const tenure = source?.tenure
    ? ctx.lang === "zh"
      ? labelOf(ROOM_TENURES, source.tenure)
      : (TENURE_EN[source.tenure] ?? source.tenure)
    : w.notRecorded;
  const lines = source?.privateLines.length
    ? source.privateLines
        .map((l) =>
          [l.name, l.carrier, l.bandwidthMbps === undefined ? undefined : `${round(l.bandwidthMbps)} Mbps`]
            .filter((x) => x !== undefined)
            .join(ctx.lang === "zh" ? "，" : ", "),
        )
        .join(sep)
    : w.none;
  const listed = [...room.systems]
    .filter((s) => s.disposition !== "exclude")
    .sort((a, b) => compareDates(a.date, b.date) || compare(a.id, b.id));
  const excluded = room.systems.filter((s) => s.disposition === "exclude");
  const department = (id: string) => {
    const owner = ctx.system(id)?.department;
    return owner ? link(ctx.departmentName(owner), `../${departmentPath(owner)}`) : "—";
  };

  let status: string;
  if (room.cloudSite) status = w.cloudSite;
  else if (room.blockers.length)
    status = `${w.blocked}\n\n${table(
      [w.system, w.reason],
      room.blockers.map((b) => [systemRef(ctx, b.system, "../"), md(b.reason[ctx.lang])]),
    )}`;
  else status = room.closeDate ? w.closeDate(room.closeDate) : w.noDate;

  return document([
    w.title(md(named(ctx.lang, room.name, room.id))),
    w.back,
    w.overview,
    table(
      [w.item, w.value],
      [
        [
          w.owner,
          room.department ? link(ctx.departmentName(room.department), `../${departmentPath(room.department)}`) : "—",
        ],
        [w.location, md(source?.location ?? w.notRecorded)],
        [w.tenure, md(tenure)],
        [w.age, source?.hardwareAgeYears === undefined ? w.notRecorded : round(source.hardwareAgeYears, 1)],
        [w.lines, md(lines)],
        [w.systemCount, String(room.systems.length)],
      ],
    ),
    w.status,
    status,
    w.systems,
    listed.length
      ? table(
          [w.system, w.department, w.disposition, w.date],
          listed.map((s) => [
            systemRef(ctx, s.id, "../"),
            department(s.id),
            md(dispositionLabel(ctx.lang, s.disposition)),
            s.date ?? "—",
          ]),
        )
      : w.none,
    w.steps,
    numbered(
      room.steps.map(
        (s) => `**${md(pick(ctx.lang, s.title))}**${ctx.lang === "zh" ? "：" : ": "}${md(pick(ctx.lang, s.detail))}`,
      ),
    ),
    w.saved,
    w.savedLine(money10k(ctx.lang, room.omCostSaved10kCny)),
    excluded.length ? w.excluded : null,
    excluded.length
      ? `${w.excludedLine}\n\n${bullets(excluded.map((s) => md(named(ctx.lang, ctx.systemName(s.id), s.id))))}`
      : null,
  ]);
}
