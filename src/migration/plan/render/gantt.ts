/**
 * charts/gantt.svg: the wave timeline. One row per department, a mark per system on the
 * day it moves (or retires), a last row for the days the server rooms close, dashed lines
 * for the deadlines, ticks for the waves. Marks closer than their own size merge into one
 * bar spanning their dates, coloured by kind in proportion and carrying the count, so no
 * mark covers another or its count; the labels are placed by the layout (layout.ts).
 */
import type { Disposition, Plan, SystemPlan } from "../types";
import { isCloudBound, type RenderContext } from "./context";
import { dispositionLabel, percent, type Language } from "./labels";
import { compare } from "./markdown";
import { Canvas, monthAxis, segmentBox, type StyledLabel } from "./layout";
import { COLOURS, DateScale, line, n, paddedEnd, rect, text, textWidth, xml, type LegendItem } from "./svg";

const ZH = {
  title: (dataset: string) => `割接时间线（甘特图）：${dataset}`,
  subtitle: (waves: number, start: string, unscheduled: number) =>
    `规划起始 ${start}；共 ${waves} 个批次，每个圆点为一个系统的割接（灰色方块为清理）${unscheduled ? `；另有 ${unscheduled} 个系统未排期` : ""}`,
  start: "规划起始",
  met: "达标",
  missed: "未达标",
  deadlineMet: "期限（达标）",
  deadlineMissed: "期限（未达标）",
  waves: "割接批次",
  rooms: "机房关闭",
  roomsBlocked: (count: number) => `；${count} 个机房尚不能关闭（见机房页）`,
  room: "机房关闭日",
  network: "网络里程碑（统一互联网出口、撤除业务专网）",
  networkRow: "网络里程碑",
  exit: "统一互联网出口启用",
  lines: (department: string) => `${department}撤除业务专网`,
  merged: "相近日期合并显示，数字为个数",
};

const EN: typeof ZH = {
  title: (dataset) => `Wave timeline (Gantt): ${dataset}`,
  subtitle: (waves, start, unscheduled) =>
    `Planning start ${start}; ${waves} waves; each dot is one system's cutover (grey squares: ` +
    `retirements)${unscheduled ? `; ${unscheduled} more systems unscheduled` : ""}`,
  start: "planning start",
  met: "met",
  missed: "missed",
  deadlineMet: "deadline (met)",
  deadlineMissed: "deadline (missed)",
  waves: "waves",
  rooms: "rooms closing",
  roomsBlocked: (count) => `; ${count} rooms cannot close yet (see their pages)`,
  room: "a room closes",
  network: "network milestones (internet exit, private lines withdrawn)",
  networkRow: "network milestones",
  exit: "unified internet exit in service",
  lines: (department) => `${department}: private lines withdrawn`,
  merged: "close dates merged; the number is the count",
};

const WIDTH = 1100;
const ROW = 22;
const MARK: readonly Disposition[] = ["rehost", "replatform", "consolidate", "retire"];
/** Half the size of a single mark; marks nearer than their size plus GAP merge. */
const R = 6;
const GAP = 2;
const BAR = 12;
const COUNT_SIZE = 9;
const ROOM = "#6d4c41";
const NETWORK = "#00838f";

/** One thing on a row's date: a system (its disposition) or a room (closing). */
export interface Dated {
  readonly date: string;
  readonly kind: Disposition | "room" | "network";
  readonly name: string;
}

/** A drawn mark: one thing, or a bar over several whose dates lie too close to draw apart. */
export interface Mark {
  readonly left: number;
  readonly right: number;
  readonly items: readonly Dated[];
}

/**
 * Merges a row's things into marks that never overlap (GAP px between them): a mark
 * spans from its first date to its last, is at least 2R wide and wide enough for its
 * count, and absorbs the next thing whose mark would touch it. Pure, for the tests.
 */
export function clusterMarks(items: readonly Dated[], x: (date: string) => number): Mark[] {
  const sorted = [...items].sort(
    (a, b) => compare(a.date, b.date) || compare(a.kind, b.kind) || compare(a.name, b.name),
  );
  const extent = (group: readonly Dated[]) => {
    const [x1, x2] = [x(group[0]!.date), x(group.at(-1)!.date)];
    const need = group.length > 1 ? Math.max(2 * R, textWidth(String(group.length), COUNT_SIZE) + 6) : 2 * R;
    const centre = (x1 + x2) / 2;
    return { left: Math.min(x1 - R, centre - need / 2), right: Math.max(x2 + R, centre + need / 2) };
  };
  let groups: Dated[][] = [];
  for (const item of sorted) {
    const last = groups.at(-1);
    if (last && x(item.date) - R < extent(last).right + GAP) last.push(item);
    else groups.push([item]);
  }
  // Widening a bar for a longer count can bring it to its neighbour: merge until none touch.
  for (let merged = true; merged;) {
    merged = false;
    const next: Dated[][] = [];
    for (const group of groups) {
      const last = next.at(-1);
      if (last && extent(group).left < extent(last).right + GAP) {
        last.push(...group);
        merged = true;
      } else next.push([...group]);
    }
    groups = next;
  }
  return groups.map((group) => ({ ...extent(group), items: group }));
}

const colourOf = (kind: Dated["kind"]) =>
  kind === "room" ? ROOM : kind === "network" ? NETWORK : (COLOURS[kind as keyof typeof COLOURS] ?? "#444");
const isMilestone = (kind: Dated["kind"]) => kind === "room" || kind === "network";

/** The rows of the chart: departments with dated systems, cascading by first cutover. */
function departmentRows(ctx: RenderContext) {
  const isDated = (s: SystemPlan) => s.cutoverDate !== null && (isCloudBound(s) || s.disposition === "retire");
  return ctx.departments
    .map((d) => ({ department: d, systems: ctx.systemsOf(d.id).filter(isDated) }))
    .filter((r) => r.systems.length > 0)
    .map((r) => {
      // Rows cascade by each department's first cutover; departments that only retire systems come last.
      const cloud = r.systems
        .filter(isCloudBound)
        .map((s) => s.cutoverDate!)
        .sort();
      return { ...r, key: cloud.length ? `0 ${cloud[0]}` : `1 ${r.systems.map((s) => s.cutoverDate!).sort()[0]}` };
    })
    .sort((a, b) => compare(a.key, b.key) || compare(a.department.id, b.department.id));
}

export function renderGantt(ctx: RenderContext): string {
  return ganttChart(ctx).svg;
}

/** The chart, the layout it drew and its marks (for the tests that check nothing overlaps). */
export function ganttChart(ctx: RenderContext): { svg: string; canvas: Canvas; rows: Mark[][] } {
  const w = ctx.lang === "zh" ? ZH : EN;
  const { plan } = ctx;
  const { rows, roomRow, networkRow } = chartRows(ctx, w);
  const frame = chartFrame(plan, rows);
  const c = new Canvas();
  drawHeading(c, w, plan, frame.start);
  drawRowBands(c, rows, frame);
  drawTimeAxis(c, plan, frame);
  drawDeadlines(c, w, plan, frame);
  const marks = rows.map((row, i) => {
    const y = frame.top + i * ROW + ROW / 2;
    const rowMarks = clusterMarks(row.items, (date) => frame.scale.x(date));
    for (const mark of rowMarks) c.draw(drawMark(ctx.lang, mark, y));
    return rowMarks;
  });
  const keyBottom = c.legend(legendItems(ctx.lang, w, roomRow, networkRow), 16, frame.bottom + 44, WIDTH - 16);
  return { svg: c.svg(WIDTH, keyBottom + 24, w.title(plan.dataset)), canvas: c, rows: marks };
}

interface Row {
  readonly label: string;
  readonly items: Dated[];
}

/**
 * The rows, top to bottom: a row per department with dated systems, then the network
 * milestones (the unified internet exit, each department's private lines withdrawn), then
 * the days the server rooms close; the last two only when they have something.
 */
function chartRows(ctx: RenderContext, w: typeof ZH): { rows: Row[]; roomRow: boolean; networkRow: boolean } {
  const { plan } = ctx;
  const rows: Row[] = departmentRows(ctx).map((r) => ({
    label: r.department.name,
    items: r.systems.map((s) => ({ date: s.cutoverDate!, kind: s.disposition, name: s.name })),
  }));
  const closing = plan.rooms.filter((room) => !room.cloudSite && room.closeDate !== null);
  const network = plan.milestones.filter(
    (m) => m.date !== null && (m.kind === "internet-exit" || m.kind === "private-lines"),
  );
  if (network.length > 0)
    rows.push({
      label: w.networkRow,
      items: network.map((m) => ({
        date: m.date!,
        kind: "network",
        name: m.subject === null ? w.exit : w.lines(ctx.departmentName(m.subject)),
      })),
    });
  if (closing.length > 0)
    rows.push({
      label: w.rooms,
      items: closing.map((room) => ({ date: room.closeDate!, kind: "room", name: room.name })),
    });
  return { rows, roomRow: closing.length > 0, networkRow: network.length > 0 };
}

/** Where the rows are drawn: the labels' column, the time scale beside it, and the rows' band (top to bottom). */
interface Frame {
  readonly start: string;
  readonly labelWidth: number;
  readonly scale: DateScale;
  readonly top: number;
  readonly bottom: number;
}

/** The time scale runs from the planning start past the last date drawn (a mark, a deadline or a wave). */
function chartFrame(plan: Plan, rows: readonly Row[]): Frame {
  const start = plan.settings.planningStart;
  const end = paddedEnd(
    [
      ...rows.flatMap((r) => r.items.map((i) => i.date)),
      ...plan.deadlines.map((d) => d.date),
      ...plan.waves.map((x) => x.start.slice(0, 10)),
    ],
    start,
  );
  const labelWidth = Math.max(120, ...rows.map((r) => textWidth(r.label, 12))) + 16;
  const top = 130;
  return {
    start,
    labelWidth,
    scale: new DateScale(start, end, labelWidth + 10, WIDTH - 30),
    top,
    bottom: top + Math.max(1, rows.length) * ROW,
  };
}

/** The title, and a subtitle counting the waves, the systems left unscheduled and the rooms that cannot close. */
function drawHeading(c: Canvas, w: typeof ZH, plan: Plan, start: string): void {
  const blocked = plan.rooms.filter((room) => !room.cloudSite && room.closeDate === null).length;
  const unscheduled = plan.systems.filter((s) => isCloudBound(s) && s.cutoverDate === null).length;
  c.label(16, 28, w.title(plan.dataset), { size: 16, weight: "bold" });
  c.label(16, 50, w.subtitle(plan.waves.length, start, unscheduled) + (blocked ? w.roomsBlocked(blocked) : ""), {
    size: 12,
    fill: "#555",
  });
}

/** Alternate row shading, a rule above the milestone rows (under the departments), and each row's label. */
function drawRowBands(c: Canvas, rows: readonly Row[], { labelWidth, top }: Frame): void {
  rows.forEach((row, i) => {
    const y = top + i * ROW;
    if (i % 2 === 0) c.draw(rect(0, y, WIDTH, ROW, "#f6f7f9"));
    if (isMilestone(row.items[0]!.kind) && !isMilestone(rows[i - 1]?.items[0]?.kind ?? "rehost"))
      c.draw(line(0, y, WIDTH, y, "#bbb"));
    c.label(labelWidth, y + ROW / 2, row.label, { anchor: "end", baseline: "middle" });
  });
}

/** The month axis, a tick under it for each wave, and the line of the planning start. */
function drawTimeAxis(c: Canvas, plan: Plan, { scale, top, bottom }: Frame): void {
  monthAxis(c, scale, top, bottom);
  for (const wave of plan.waves) {
    const x = scale.x(wave.start.slice(0, 10));
    c.draw(line(x, bottom, x, bottom + 5, "#1f77b4"));
  }
  c.draw(line(scale.x0, top - 4, scale.x0, bottom, "#555", `stroke-width="1"`));
  c.block(segmentBox(scale.x0, top - 4, scale.x0, bottom));
}

/**
 * The deadlines: dashed lines through the rows, met or missed by colour; their labels and
 * the planning start's in the band above the rows, each in the first line where it fits.
 */
function drawDeadlines(c: Canvas, w: typeof ZH, plan: Plan, { start, scale, top, bottom }: Frame): void {
  const labels: StyledLabel[] = [];
  plan.deadlines.forEach((d) => {
    const x = scale.x(d.date);
    const colour = d.met ? COLOURS.deadlineMet : COLOURS.deadlineMissed;
    c.draw(line(x, top - 4, x, bottom, colour, `stroke-width="1.5" stroke-dasharray="6 4"`));
    c.block(segmentBox(x, top - 4, x, bottom));
    labels.push({
      text: `${d.date} ${percent(d.requiredShare)} ${d.met ? w.met : w.missed}`,
      size: 11,
      candidates: [top - 10, top - 26, top - 42, top - 58].flatMap((y) => [
        { x: x - 4, y, anchor: "end" as const },
        { x: x + 4, y, anchor: "start" as const },
      ]),
      options: { fill: colour, weight: "bold" },
    });
  });
  labels.push({
    text: `${w.start} ${start}`,
    size: 11,
    candidates: [top - 10, top - 26, top - 42, top - 58].map((y) => ({ x: scale.x0 + 4, y, anchor: "start" as const })),
    options: { fill: "#555" },
  });
  c.place(labels, { x: 0, y: 58, w: WIDTH, h: top - 58 });
}

/** A single thing as a dot (a square for a retirement, a diamond for a room); several as a bar with their count. */
function drawMark(lang: Language, mark: Mark, y: number): string {
  const { items } = mark;
  const sep = lang === "zh" ? "、" : ", ";
  const what = (kind: Dated["kind"]) =>
    kind === "room" || kind === "network" ? (lang === "zh" ? ZH : EN)[kind] : dispositionLabel(lang, kind);
  const rank = (k: Dated["kind"]) => (k === "room" ? 9 : k === "network" ? 8 : MARK.indexOf(k));
  const kinds = [...new Set(items.map((i) => i.kind))].sort((a, b) => rank(a) - rank(b));
  const dates = [items[0]!.date, items.at(-1)!.date];
  const tip = `<title>${xml(
    `${dates[0]}${dates[1] !== dates[0] ? ` – ${dates[1]}` : ""} ` +
      kinds
        .map((k) => {
          const names = items.filter((i) => i.kind === k).map((i) => i.name);
          return `${what(k)} ${names.length}: ${names.join(sep)}`;
        })
        .join("; "),
  )}</title>`;
  const only = items[0]!;
  if (items.length === 1) {
    const x = (mark.left + mark.right) / 2;
    const colour = colourOf(only.kind);
    if (only.kind === "retire")
      return (
        `<rect x="${n(x - 5)}" y="${n(y - 5)}" width="10" height="10" fill="${colour}" stroke="#fff" ` +
        `stroke-width="1">${tip}</rect>`
      );
    if (isMilestone(only.kind))
      return (
        `<path d="M ${n(x)} ${n(y - R)} L ${n(x + R)} ${n(y)} L ${n(x)} ${n(y + R)} L ${n(x - R)} ${n(y)} Z" ` +
        `fill="${colour}" stroke="#fff" stroke-width="1">${tip}</path>`
      );
    return `<circle cx="${n(x)}" cy="${n(y)}" r="${R}" fill="${colour}" stroke="#fff" stroke-width="1">${tip}</circle>`;
  }
  // A bar split by kind in proportion to its counts, the count in the middle.
  const parts: string[] = [];
  let x = mark.left;
  const width = mark.right - mark.left;
  for (const kind of kinds) {
    const share = (items.filter((i) => i.kind === kind).length / items.length) * width;
    parts.push(rect(x, y - BAR / 2, share, BAR, colourOf(kind)));
    x += share;
  }
  parts.push(
    text((mark.left + mark.right) / 2, y + 0.5, String(items.length), {
      size: COUNT_SIZE,
      anchor: "middle",
      fill: "#fff",
      weight: "bold",
      baseline: "middle",
    }),
  );
  return `<g>${tip}${parts.join("")}</g>`;
}

function legendItems(lang: Language, w: typeof ZH, rooms: boolean, network: boolean): LegendItem[] {
  const items: LegendItem[] = MARK.map((d) => {
    const colour = colourOf(d);
    return {
      symbol: (x, y) =>
        d === "retire"
          ? rect(x - 5, y - 5, 10, 10, colour)
          : `<circle cx="${n(x)}" cy="${n(y)}" r="6" fill="${colour}"/>`,
      label: dispositionLabel(lang, d),
    };
  });
  if (network)
    items.push({
      symbol: (x, y) =>
        `<path d="M ${n(x)} ${n(y - R)} L ${n(x + R)} ${n(y)} L ${n(x)} ${n(y + R)} L ${n(x - R)} ${n(y)} Z" ` +
        `fill="${NETWORK}"/>`,
      label: w.network,
    });
  if (rooms)
    items.push({
      symbol: (x, y) =>
        `<path d="M ${n(x)} ${n(y - R)} L ${n(x + R)} ${n(y)} L ${n(x)} ${n(y + R)} L ${n(x - R)} ${n(y)} Z" ` +
        `fill="${ROOM}"/>`,
      label: w.room,
    });
  items.push({
    symbol: (x, y) => `${rect(x - 8, y - 6, 8, 12, COLOURS.rehost)}${rect(x, y - 6, 8, 12, COLOURS.replatform)}`,
    label: w.merged,
  });
  const dashed = (colour: string) => (x: number, y: number) =>
    line(x, y - 7, x, y + 7, colour, `stroke-width="1.5" stroke-dasharray="4 3"`);
  items.push({ symbol: dashed(COLOURS.deadlineMet), label: w.deadlineMet });
  items.push({ symbol: dashed(COLOURS.deadlineMissed), label: w.deadlineMissed });
  items.push({ symbol: (x, y) => line(x, y - 7, x, y - 2, COLOURS.planned), label: w.waves });
  return items;
}
