/**
 * charts/burnup.svg: the cumulative share of the systems the deadlines count (rehost,
 * replatform, consolidate) against time: planned (each system at its lock's date) and
 * actual (each at its finalize date, up to the as-of date), with each deadline's required
 * share and the as-of date marked. Every label sits outside the plot (dates above it,
 * shares in the right margin, months below), placed so no two overlap: lines never run
 * under text. Deterministic: one-decimal coordinates, no clock. Drawn in the order a label
 * must claim its place: the heading, the axes, the dates marked above the plot (deadlines,
 * then the as-of date), the planned and actual lines, their final shares in the right margin,
 * then the legend under whatever the margin took. What it shares with the plan's progress
 * chart is in plan/render/share-chart.ts.
 */
import { CLOUD_BOUND, type DeadlineResult, type Plan } from "../plan/types";
import { percent } from "../plan/render/labels";
import {
  cumulativeShare,
  deadlinesByDate,
  plannedSymbol,
  requiredSteps,
  requiredSymbol,
  shareAxis,
  shareTenths,
  shareTimeScale,
  type ShareAxis,
} from "../plan/render/share-chart";
import {
  COLOURS,
  legend,
  line,
  n,
  svgDocument,
  text,
  textWidth,
  type DateScale,
  type LegendItem,
} from "../plan/render/svg";
import { monthTicks, overlaps, pxPerMonth, type Box } from "../plan/render/layout";
import type { SystemProgress } from "./status";

export const PLOT = { x0: 80, x1: 800, top: 120, bottom: 430, width: 1000 } as const;
const ACTUAL = "#e67e22";
const AS_OF = "#444";
const SIZE = 11;

export { overlaps, type Box } from "../plan/render/layout";

export function renderBurnup(plan: Plan, rows: readonly SystemProgress[], asOf: string): string {
  const series = burnupSeries(rows, asOf);
  const start = plan.settings.planningStart < asOf ? plan.settings.planningStart : asOf;
  const scale = shareTimeScale(start, [...series.planned, ...series.actual, asOf], plan.deadlines, PLOT.x0, PLOT.x1);
  const axis = shareAxis(series.total, PLOT.top, PLOT.bottom);
  const deadlines = deadlinesByDate(plan);
  const chart: Chart = { body: [], labels: [], scale, axis };

  const title = `上云进度（截至 ${asOf}）Burn-up as of ${asOf}: ${plan.dataset}`;
  heading(chart, title, series.total);
  axes(chart);
  markDates(chart, deadlines, asOf);
  const done = lines(chart, series, asOf);
  const lastY = margin(chart, done, deadlines);
  const key = legend(LEGEND, 16, Math.max(PLOT.bottom + 48, lastY + 24), PLOT.width - 16);
  chart.body.push(...key.elements);
  return svgDocument(
    PLOT.width,
    key.bottom + 24,
    title,
    chart.body.filter((b) => b !== ""),
  );
}

/** The chart being drawn: its elements, the boxes its labels took (no two may overlap), its two scales. */
interface Chart {
  readonly body: string[];
  readonly labels: Box[];
  readonly scale: DateScale;
  readonly axis: ShareAxis;
}

/**
 * The two series, as the deadlines count them: of the cloud-bound systems, the dates they
 * are planned for (their lock's date) and the dates they were finalized, up to the as-of date.
 */
function burnupSeries(rows: readonly SystemProgress[], asOf: string) {
  const cloud = rows.filter((r) => CLOUD_BOUND.includes(r.disposition));
  const planned = cloud
    .map((r) => r.planned)
    .filter((d): d is string => d !== null)
    .sort();
  const actual = cloud
    .map((r) => (r.status === "done" ? r.finished : null))
    .filter((d): d is string => d !== null && d <= asOf)
    .sort();
  return { total: cloud.length, planned, actual };
}

/** The title and what is counted, their boxes taken first. */
function heading({ body, labels }: Chart, title: string, total: number): void {
  const subtitle = `应上云系统 ${total} 个（原样迁移、容器化改造、整合）的累计完成比例：计划与实际`;
  body.push(text(16, 26, title, { size: 16, weight: "bold" }));
  body.push(text(16, 46, subtitle, { size: 12, fill: "#555" }));
  labels.push({ x: 16, y: 10, w: textWidth(title, 16), h: 20 }, { x: 16, y: 34, w: textWidth(subtitle, 12), h: 16 });
}

/** The share axis every 10 % on the left, the months below the plot, the left edge. */
function axes({ body, scale, axis }: Chart): void {
  for (const tenth of shareTenths(axis, scale)) {
    body.push(tenth.grid);
    body.push(text(PLOT.x0 - 8, tenth.y + 4, tenth.label, { size: SIZE, anchor: "end", fill: "#555" }));
  }
  // Months below the plot, thinned to a step whose labels never touch (monthly to yearly).
  for (const tick of monthTicks(scale.months(), pxPerMonth(scale), SIZE)) {
    const x = scale.x(tick.date);
    body.push(line(x, PLOT.top, x, PLOT.bottom, "#f0f0f0"));
    if (x + textWidth(tick.label, SIZE) / 2 > PLOT.x1 + 4) continue;
    body.push(text(x, PLOT.bottom + 18, tick.label, { size: SIZE, anchor: "middle", fill: "#555" }));
  }
  body.push(line(PLOT.x0, PLOT.top, PLOT.x0, PLOT.bottom, "#888"));
}

/**
 * The dates that matter, each a vertical line and its label above the plot: every deadline
 * with its required share as a dashed staircase from that date on, then the as-of date
 * (its label trying the rows from the bottom up, where the deadlines' labels are least).
 */
function markDates(chart: Chart, deadlines: readonly DeadlineResult[], asOf: string): void {
  const { body, scale, axis } = chart;
  const bandRows = [PLOT.top - 34, PLOT.top - 20, PLOT.top - 6];
  const steps = requiredSteps(deadlines, scale, axis);
  deadlines.forEach((d, i) => {
    const { x, element } = steps[i]!;
    body.push(element);
    body.push(line(x, PLOT.top, x, PLOT.bottom, COLOURS.required, `stroke-dasharray="2 3"`));
    body.push(place(chart, x, bandRows, `期限 ${d.date} ≥${percent(d.requiredShare)}`, COLOURS.required, "bold"));
  });
  const xAsOf = scale.x(asOf);
  body.push(line(xAsOf, PLOT.top, xAsOf, PLOT.bottom, AS_OF, `stroke-width="1.5"`));
  body.push(place(chart, xAsOf, [...bandRows].reverse(), `截至 ${asOf}`, AS_OF, "bold"));
}

/** A label centred on x at the first row where it touches no label before it: the element, or "" when none is free. */
function place(
  { labels }: Chart,
  x: number,
  rowsY: readonly number[],
  content: string,
  colour: string,
  weight?: "bold",
): string {
  const w = textWidth(content, SIZE);
  for (const ry of rowsY) {
    const box = { x: x - w / 2, y: ry - SIZE, w, h: SIZE + 3 };
    if (labels.some((b) => overlaps(b, box))) continue;
    labels.push(box);
    return text(x, ry, content, { size: SIZE, anchor: "middle", fill: colour, ...(weight ? { weight } : {}) });
  }
  return "";
}

/**
 * The planned line to the end of the range and the actual one up to the as-of date, a dot
 * where it stands; returns how many systems each has reached.
 */
function lines(
  { body, scale, axis }: Chart,
  series: ReturnType<typeof burnupSeries>,
  asOf: string,
): { planned: number; actual: number } {
  const xAsOf = scale.x(asOf);
  const planned = cumulativeShare(series.planned, scale, axis, scale.x(scale.end));
  body.push(
    `<polyline points="${planned.points.join(" ")}" fill="none" stroke="${COLOURS.planned}" stroke-width="2"/>`,
  );
  const actual = cumulativeShare(series.actual, scale, axis, xAsOf);
  body.push(`<polyline points="${actual.points.join(" ")}" fill="none" stroke="${ACTUAL}" stroke-width="2.5"/>`);
  body.push(`<circle cx="${n(xAsOf)}" cy="${n(axis.y(axis.shareOf(actual.done)))}" r="4" fill="${ACTUAL}"/>`);
  return { planned: planned.done, actual: actual.done };
}

/**
 * The right margin: each line's final share and each deadline's required share, top to
 * bottom, moved apart to be readable. Returns the lowest label's baseline.
 */
function margin(
  { body, labels, axis }: Chart,
  done: { planned: number; actual: number },
  deadlines: readonly DeadlineResult[],
): number {
  const { y, shareOf } = axis;
  const ends = [
    { y: y(shareOf(done.planned)), label: `计划 planned ${percent(shareOf(done.planned))}`, colour: COLOURS.planned },
    { y: y(shareOf(done.actual)), label: `实际 actual ${percent(shareOf(done.actual))}`, colour: ACTUAL },
    ...deadlines.map((d) => ({
      y: y(d.requiredShare),
      label: `要求 ${percent(d.requiredShare)}`,
      colour: COLOURS.required,
    })),
  ].sort((a, b) => a.y - b.y || (a.label < b.label ? -1 : 1));
  let lastY = -Infinity;
  for (const e of ends) {
    const yy = Math.max(e.y + 4, lastY + SIZE + 4);
    labels.push({ x: PLOT.x1 + 8, y: yy - SIZE, w: textWidth(e.label, SIZE), h: SIZE + 3 });
    body.push(text(PLOT.x1 + 8, yy, e.label, { size: SIZE, fill: e.colour }));
    lastY = yy;
  }
  return lastY;
}

const LEGEND: readonly LegendItem[] = [
  { symbol: plannedSymbol, label: "计划累计完成比例 planned" },
  {
    symbol: (x, yy) => line(x - 6, yy, x + 6, yy, ACTUAL, `stroke-width="2.5"`),
    label: "实际累计完成比例 actual (finalized)",
  },
  { symbol: requiredSymbol, label: "期限要求比例 required" },
  { symbol: (x, yy) => line(x, yy - 6, x, yy + 6, AS_OF, `stroke-width="1.5"`), label: "截至日期 as of" },
];
