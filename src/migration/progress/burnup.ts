/**
 * charts/burnup.svg: the cumulative share of the systems the deadlines count (rehost,
 * replatform, consolidate) against time: planned (each system at its lock's date) and
 * actual (each at its finalize date, up to the as-of date), with each deadline's required
 * share and the as-of date marked. Every label sits outside the plot (dates above it,
 * shares in the right margin, months below), placed so no two overlap: lines never run
 * under text. Deterministic: one-decimal coordinates, no clock.
 */
import { CLOUD_BOUND, type Plan } from "../plan/types";
import { percent } from "../plan/render/labels";
import {
  COLOURS,
  DateScale,
  legend,
  line,
  n,
  paddedEnd,
  stepLine,
  svgDocument,
  text,
  textWidth,
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
  const cloud = rows.filter((r) => CLOUD_BOUND.includes(r.disposition));
  const total = cloud.length;
  const plannedDates = cloud
    .map((r) => r.planned)
    .filter((d): d is string => d !== null)
    .sort();
  const actualDates = cloud
    .map((r) => (r.status === "done" ? r.finished : null))
    .filter((d): d is string => d !== null && d <= asOf)
    .sort();
  const start = plan.settings.planningStart < asOf ? plan.settings.planningStart : asOf;
  const end = paddedEnd([...plannedDates, ...actualDates, asOf, ...plan.deadlines.map((d) => d.date)], start);
  const scale = new DateScale(start, end, PLOT.x0, PLOT.x1);
  const y = (share: number) => PLOT.bottom - (PLOT.bottom - PLOT.top) * share;
  const shareOf = (count: number) => (total === 0 ? 1 : count / total);
  const body: string[] = [];
  const labels: Box[] = [];
  /** A label at the first free row of a band: returns the element. */
  const place = (
    x: number,
    rowsY: readonly number[],
    content: string,
    colour: string,
    anchor: "middle" | "start" = "middle",
    weight?: "bold",
  ): string => {
    const w = textWidth(content, SIZE);
    const left = anchor === "middle" ? x - w / 2 : x;
    for (const ry of rowsY) {
      const box = { x: left, y: ry - SIZE, w, h: SIZE + 3 };
      if (labels.some((b) => overlaps(b, box))) continue;
      labels.push(box);
      return text(x, ry, content, {
        size: SIZE,
        anchor: anchor === "middle" ? "middle" : "start",
        fill: colour,
        ...(weight ? { weight } : {}),
      });
    }
    return "";
  };

  const title = `上云进度（截至 ${asOf}）Burn-up as of ${asOf}: ${plan.dataset}`;
  body.push(text(16, 26, title, { size: 16, weight: "bold" }));
  body.push(
    text(16, 46, `应上云系统 ${total} 个（原样迁移、容器化改造、整合）的累计完成比例：计划与实际`, {
      size: 12,
      fill: "#555",
    }),
  );
  labels.push(
    { x: 16, y: 10, w: textWidth(title, 16), h: 20 },
    {
      x: 16,
      y: 34,
      w: textWidth(`应上云系统 ${total} 个（原样迁移、容器化改造、整合）的累计完成比例：计划与实际`, 12),
      h: 16,
    },
  );

  for (let tenth = 0; tenth <= 10; tenth++) {
    const yy = y(tenth / 10);
    body.push(line(PLOT.x0, yy, PLOT.x1, yy, tenth === 0 ? "#888" : "#eeeeee"));
    body.push(text(PLOT.x0 - 8, yy + 4, `${tenth * 10}%`, { size: SIZE, anchor: "end", fill: "#555" }));
  }
  // Months below the plot, thinned to a step whose labels never touch (monthly to yearly).
  for (const tick of monthTicks(scale.months(), pxPerMonth(scale), SIZE)) {
    const x = scale.x(tick.date);
    body.push(line(x, PLOT.top, x, PLOT.bottom, "#f0f0f0"));
    if (x + textWidth(tick.label, SIZE) / 2 > PLOT.x1 + 4) continue;
    body.push(text(x, PLOT.bottom + 18, tick.label, { size: SIZE, anchor: "middle", fill: "#555" }));
  }
  body.push(line(PLOT.x0, PLOT.top, PLOT.x0, PLOT.bottom, "#888"));

  // Required share: a dashed staircase from each deadline on; the deadline's date above the plot.
  const deadlines = [...plan.deadlines].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const bandRows = [PLOT.top - 34, PLOT.top - 20, PLOT.top - 6];
  deadlines.forEach((d, i) => {
    const x = scale.x(d.date);
    const next = deadlines[i + 1];
    body.push(
      line(
        x,
        y(d.requiredShare),
        next ? scale.x(next.date) : PLOT.x1,
        y(d.requiredShare),
        COLOURS.required,
        `stroke-width="1.5" stroke-dasharray="6 4"`,
      ),
    );
    body.push(line(x, PLOT.top, x, PLOT.bottom, COLOURS.required, `stroke-dasharray="2 3"`));
    body.push(place(x, bandRows, `期限 ${d.date} ≥${percent(d.requiredShare)}`, COLOURS.required, "middle", "bold"));
  });
  const xAsOf = scale.x(asOf);
  body.push(line(xAsOf, PLOT.top, xAsOf, PLOT.bottom, AS_OF, `stroke-width="1.5"`));
  body.push(place(xAsOf, [...bandRows].reverse(), `截至 ${asOf}`, AS_OF, "middle", "bold"));

  const steps = (dates: readonly string[], until: string) =>
    stepLine(
      dates,
      (date) => scale.x(date),
      (count) => y(shareOf(count)),
      PLOT.x0,
      scale.x(until),
    );
  const planned = steps(plannedDates, end);
  body.push(
    `<polyline points="${planned.points.join(" ")}" fill="none" stroke="${COLOURS.planned}" stroke-width="2"/>`,
  );
  const actual = steps(actualDates, asOf);
  body.push(`<polyline points="${actual.points.join(" ")}" fill="none" stroke="${ACTUAL}" stroke-width="2.5"/>`);
  body.push(`<circle cx="${n(xAsOf)}" cy="${n(y(shareOf(actual.done)))}" r="4" fill="${ACTUAL}"/>`);

  // The right margin: each line's final share, moved apart to be readable.
  const ends = [
    { y: y(shareOf(planned.done)), label: `计划 planned ${percent(shareOf(planned.done))}`, colour: COLOURS.planned },
    { y: y(shareOf(actual.done)), label: `实际 actual ${percent(shareOf(actual.done))}`, colour: ACTUAL },
    ...deadlines.map((d) => ({
      y: y(d.requiredShare),
      label: `要求 ${percent(d.requiredShare)}`,
      colour: COLOURS.required,
    })),
  ].sort((a, b) => a.y - b.y || (a.label < b.label ? -1 : 1));
  let lastY = -Infinity;
  for (const e of ends) {
    const yy = Math.max(e.y + 4, lastY + SIZE + 4);
    const box = { x: PLOT.x1 + 8, y: yy - SIZE, w: textWidth(e.label, SIZE), h: SIZE + 3 };
    labels.push(box);
    body.push(text(PLOT.x1 + 8, yy, e.label, { size: SIZE, fill: e.colour }));
    lastY = yy;
  }

  const items: LegendItem[] = [
    {
      symbol: (x, yy) => line(x - 6, yy, x + 6, yy, COLOURS.planned, `stroke-width="2"`),
      label: "计划累计完成比例 planned",
    },
    {
      symbol: (x, yy) => line(x - 6, yy, x + 6, yy, ACTUAL, `stroke-width="2.5"`),
      label: "实际累计完成比例 actual (finalized)",
    },
    {
      symbol: (x, yy) => line(x - 6, yy, x + 6, yy, COLOURS.required, `stroke-width="1.5" stroke-dasharray="4 3"`),
      label: "期限要求比例 required",
    },
    { symbol: (x, yy) => line(x, yy - 6, x, yy + 6, AS_OF, `stroke-width="1.5"`), label: "截至日期 as of" },
  ];
  const key = legend(items, 16, Math.max(PLOT.bottom + 48, lastY + 24), PLOT.width - 16);
  body.push(...key.elements);
  return svgDocument(
    PLOT.width,
    key.bottom + 24,
    title,
    body.filter((b) => b !== ""),
  );
}
