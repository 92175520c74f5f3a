/**
 * charts/progress.svg: the cumulative share of cloud-bound systems moved over time (a
 * step line from the waves' dates) against each deadline's required share. Drawn in
 * layers, each over the last, so that the labels placed at the end keep clear of every
 * line and mark: the axes, the deadlines, the planned share, the values at each deadline,
 * then the legend. What it shares with the burn-up is in share-chart.ts.
 */
import type { DeadlineResult, Plan } from "../types";
import { isCloudBound, type RenderContext } from "./context";
import { percent } from "./labels";
import { around, Canvas, markBox, monthAxis, polylineBoxes, segmentBox, type StyledLabel } from "./layout";
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
} from "./share-chart";
import { COLOURS, line, n, text, type DateScale, type LegendItem } from "./svg";

const ZH = {
  title: (dataset: string) => `上云进度与期限：${dataset}`,
  subtitle: (total: number, unscheduled: number) =>
    `纵轴为应上云系统（原样迁移、容器化改造、整合，共 ${total} 个）中已完成割接的累计比例${unscheduled ? `；${unscheduled} 个未排期` : ""}`,
  yAxis: "累计完成比例",
  planned: "计划累计完成比例",
  required: "期限要求比例",
  atDeadline: "期限日计划比例",
  requiredPoint: "期限要求",
  plannedAt: (share: string) => `计划 ${share}`,
  requiredAt: (share: string) => `要求 ${share}`,
  short: (count: number) => `差 ${count} 个`,
};

const EN: typeof ZH = {
  title: (dataset) => `Progress against the deadlines: ${dataset}`,
  subtitle: (total, unscheduled) =>
    `Share of the ${total} cloud-bound systems (rehost, replatform, consolidate) moved so ` +
    `far${unscheduled ? `; ${unscheduled} unscheduled` : ""}`,
  yAxis: "share moved",
  planned: "planned share moved",
  required: "required share",
  atDeadline: "planned share at a deadline",
  requiredPoint: "required at a deadline",
  plannedAt: (share) => `planned ${share}`,
  requiredAt: (share) => `required ${share}`,
  short: (count) => `short by ${count}`,
};

const WIDTH = 1000;
const TOP = 100;
const BOTTOM = 430;

type Words = typeof ZH;

/** What every layer draws with: the canvas, the words, the two scales and the deadlines in date order. */
interface Layers {
  readonly c: Canvas;
  readonly w: Words;
  readonly scale: DateScale;
  readonly axis: ShareAxis;
  readonly deadlines: readonly DeadlineResult[];
}

export function renderProgress(ctx: RenderContext): string {
  return progressChart(ctx).svg;
}

/** The chart and the layout it drew (for the tests that check no label overlaps anything). */
export function progressChart(ctx: RenderContext): { svg: string; canvas: Canvas } {
  const w = ctx.lang === "zh" ? ZH : EN;
  const { plan } = ctx;
  const total = plan.systems.filter(isCloudBound).length;
  const dates = movedDates(plan);
  const scale = shareTimeScale(plan.settings.planningStart, dates, plan.deadlines, 80, WIDTH - 40);
  const layers: Layers = {
    c: new Canvas(),
    w,
    scale,
    axis: shareAxis(total, TOP, BOTTOM),
    deadlines: deadlinesByDate(plan),
  };
  const { c } = layers;

  c.label(16, 28, w.title(plan.dataset), { size: 16, weight: "bold" });
  c.label(16, 50, w.subtitle(total, total - dates.length), { size: 12, fill: "#555" });
  axes(layers);
  const dateLabels = deadlineLines(layers);
  plannedShare(layers, dates);
  const values = deadlineValues(layers);
  // Labels last, clear of all of the above: the dates above the plot, the values inside it.
  c.place(dateLabels, { x: 0, y: 54, w: WIDTH, h: TOP - 54 });
  c.place(values, { x: scale.x0, y: TOP - 6, w: WIDTH - scale.x0, h: BOTTOM - TOP + 6 });

  const keyBottom = c.legend(legendItems(w), 16, BOTTOM + 46, WIDTH - 16);
  return { svg: c.svg(WIDTH, keyBottom + 24, w.title(plan.dataset)), canvas: c };
}

/**
 * The dates the cloud-bound systems move, in order: a system counts as moved when its
 * window ends, as the deadlines count it; a system without a wave has no date.
 */
function movedDates(plan: Plan): string[] {
  const waveEnd = new Map(plan.waves.map((wave) => [wave.id, wave.end.slice(0, 10)]));
  return plan.systems
    .filter(isCloudBound)
    .map((s) => (s.wave === null ? null : (waveEnd.get(s.wave) ?? null)))
    .filter((d): d is string => d !== null)
    .sort();
}

/** The share axis (grid and labels every 10 %, its title), the months below the plot, the left edge. */
function axes({ c, w, scale, axis }: Layers): void {
  for (const tenth of shareTenths(axis, scale)) {
    c.draw(tenth.grid);
    c.label(scale.x0 - 6, tenth.y, tenth.label, { size: 11, anchor: "end", baseline: "middle", fill: "#555" });
  }
  c.draw(text(22, (TOP + BOTTOM) / 2, w.yAxis, { size: 11, anchor: "middle", fill: "#555", rotate: -90 }));
  monthAxis(c, scale, TOP, BOTTOM);
  c.draw(line(scale.x0, TOP, scale.x0, BOTTOM, "#888"));
}

/**
 * Each deadline: its required share from that date on (a dashed staircase) and a dotted line
 * at its date, green when met and red when missed. Returns its date's label, to be placed
 * above the plot in the first of three rows where it touches nothing.
 */
function deadlineLines({ c, scale, axis, deadlines }: Layers): StyledLabel[] {
  const steps = requiredSteps(deadlines, scale, axis);
  return deadlines.map((d, i) => {
    const { x, xEnd, y, element } = steps[i]!;
    const colour = d.met ? COLOURS.deadlineMet : COLOURS.deadlineMissed;
    c.draw(element);
    c.block(segmentBox(x, y, xEnd, y));
    c.draw(line(x, TOP, x, BOTTOM, colour, `stroke-dasharray="2 3"`));
    c.block(segmentBox(x, TOP, x, BOTTOM));
    return {
      text: d.date,
      size: 11,
      candidates: [TOP - 6, TOP - 20, TOP - 34].flatMap((yy) =>
        (["middle", "end", "start"] as const).map((anchor) => ({ x, y: yy, anchor })),
      ),
      options: { weight: "bold", fill: colour },
    };
  });
}

/** The planned cumulative share: a step at each date systems move, the area under it lightly filled. */
function plannedShare({ c, scale, axis }: Layers, dates: readonly string[]): void {
  const { points } = cumulativeShare(dates, scale, axis, scale.x1);
  c.draw(
    `<polygon points="${[...points, `${n(scale.x1)},${n(axis.y(0))}`].join(" ")}" fill="${COLOURS.planned}" ` +
      `fill-opacity="0.1" stroke="none"/>`,
  );
  c.draw(`<polyline points="${points.join(" ")}" fill="none" stroke="${COLOURS.planned}" stroke-width="2"/>`);
  c.block(...polylineBoxes(points, 3));
}

/**
 * At each deadline: the planned share (dot), the required share (diamond) and, when missed,
 * the gap between them with how many systems short. Returns their labels, to be placed clear
 * of all of it.
 */
function deadlineValues({ c, w, scale, axis, deadlines }: Layers): StyledLabel[] {
  const values: StyledLabel[] = [];
  for (const d of deadlines) {
    const x = scale.x(d.date);
    const [yp, yr] = [axis.y(d.plannedShare), axis.y(d.requiredShare)];
    if (!d.met) {
      c.draw(line(x + 10, yp, x + 10, yr, COLOURS.deadlineMissed, `stroke-width="1.5"`));
      c.block(segmentBox(x + 10, yp, x + 10, yr));
      const mid = (yp + yr) / 2;
      values.push({
        text: w.short(d.shortBy),
        size: 11,
        candidates: around(x + 10, mid, 11, "middle"),
        options: { fill: COLOURS.deadlineMissed, weight: "bold" },
      });
    }
    c.draw(diamond(x, yr));
    c.draw(`<circle cx="${n(x)}" cy="${n(yp)}" r="5" fill="${COLOURS.planned}" stroke="#fff" stroke-width="1"/>`);
    c.block(markBox(x, yr, 7), markBox(x, yp, 6));
    values.push({
      text: w.requiredAt(percent(d.requiredShare)),
      size: 11,
      candidates: around(x, yr, 11),
      options: { fill: COLOURS.required },
    });
    values.push({
      text: w.plannedAt(percent(d.plannedShare)),
      size: 11,
      candidates: around(x, yp, 11),
      options: { fill: COLOURS.planned },
    });
  }
  return values;
}

/** The required share at a deadline: a white diamond outlined in the required colour. */
const diamond = (x: number, y: number): string =>
  `<path d="M ${n(x)} ${n(y - 6)} L ${n(x + 6)} ${n(y)} L ${n(x)} ${n(y + 6)} L ${n(x - 6)} ${n(y)} Z" ` +
  `fill="#fff" stroke="${COLOURS.required}" stroke-width="2"/>`;

/** The legend: the two lines, then the two marks at a deadline. */
function legendItems(w: Words): LegendItem[] {
  return [
    { symbol: plannedSymbol, label: w.planned },
    { symbol: requiredSymbol, label: w.required },
    { symbol: (x, yy) => `<circle cx="${n(x)}" cy="${n(yy)}" r="5" fill="${COLOURS.planned}"/>`, label: w.atDeadline },
    { symbol: diamond, label: w.requiredPoint },
  ];
}
