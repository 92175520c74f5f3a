/**
 * charts/progress.svg: the cumulative share of cloud-bound systems moved over time (a
 * step line from the waves' dates) against each deadline's required share.
 */
import { isCloudBound, type RenderContext } from "./context";
import { percent } from "./labels";
import { around, Canvas, markBox, monthAxis, polylineBoxes, segmentBox, type StyledLabel } from "./layout";
import { COLOURS, DateScale, line, n, paddedEnd, stepLine, text, type LegendItem } from "./svg";

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

export function renderProgress(ctx: RenderContext): string {
  return progressChart(ctx).svg;
}

/** The chart and the layout it drew (for the tests that check no label overlaps anything). */
export function progressChart(ctx: RenderContext): { svg: string; canvas: Canvas } {
  const w = ctx.lang === "zh" ? ZH : EN;
  const { plan } = ctx;
  const cloud = plan.systems.filter(isCloudBound);
  const total = cloud.length;
  // A system counts as moved when its window ends, as the deadlines count it.
  const waveEnd = new Map(plan.waves.map((wave) => [wave.id, wave.end.slice(0, 10)]));
  const dates = cloud
    .map((s) => (s.wave === null ? null : (waveEnd.get(s.wave) ?? null)))
    .filter((d): d is string => d !== null)
    .sort();
  const start = plan.settings.planningStart;
  const end = paddedEnd([...dates, ...plan.deadlines.map((d) => d.date)], start);
  const scale = new DateScale(start, end, 80, WIDTH - 40);
  const y = (share: number) => BOTTOM - (BOTTOM - TOP) * share;
  const shareOf = (count: number) => (total === 0 ? 1 : count / total);
  const c = new Canvas();

  c.label(16, 28, w.title(plan.dataset), { size: 16, weight: "bold" });
  c.label(16, 50, w.subtitle(total, total - dates.length), { size: 12, fill: "#555" });
  // Y grid and labels every 10 %.
  for (let tenth = 0; tenth <= 10; tenth++) {
    const yy = y(tenth / 10);
    c.draw(line(scale.x0, yy, scale.x1, yy, tenth === 0 ? "#888" : "#eeeeee"));
    c.label(scale.x0 - 6, yy, `${tenth * 10}%`, { size: 11, anchor: "end", baseline: "middle", fill: "#555" });
  }
  c.draw(text(22, (TOP + BOTTOM) / 2, w.yAxis, { size: 11, anchor: "middle", fill: "#555", rotate: -90 }));
  monthAxis(c, scale, TOP, BOTTOM);
  c.draw(line(scale.x0, TOP, scale.x0, BOTTOM, "#888"));

  // Required share: from each deadline on, at least its share (a dashed staircase).
  const deadlines = [...plan.deadlines].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const dateLabels: StyledLabel[] = [];
  deadlines.forEach((d, i) => {
    const x = scale.x(d.date);
    const next = deadlines[i + 1];
    const xEnd = next ? scale.x(next.date) : scale.x1;
    const colour = d.met ? COLOURS.deadlineMet : COLOURS.deadlineMissed;
    c.draw(
      line(
        x,
        y(d.requiredShare),
        xEnd,
        y(d.requiredShare),
        COLOURS.required,
        `stroke-width="1.5" stroke-dasharray="6 4"`,
      ),
    );
    c.block(segmentBox(x, y(d.requiredShare), xEnd, y(d.requiredShare)));
    c.draw(line(x, TOP, x, BOTTOM, colour, `stroke-dasharray="2 3"`));
    c.block(segmentBox(x, TOP, x, BOTTOM));
    // The dates above the plot, in the first of three rows where they do not touch.
    dateLabels.push({
      text: d.date,
      size: 11,
      candidates: [TOP - 6, TOP - 20, TOP - 34].flatMap((yy) =>
        (["middle", "end", "start"] as const).map((anchor) => ({ x, y: yy, anchor })),
      ),
      options: { weight: "bold", fill: colour },
    });
  });

  // Planned cumulative share: a step at each date systems move.
  const { points } = stepLine(
    dates,
    (date) => scale.x(date),
    (count) => y(shareOf(count)),
    scale.x0,
    scale.x1,
  );
  c.draw(
    `<polygon points="${[...points, `${n(scale.x1)},${n(y(0))}`].join(" ")}" fill="${COLOURS.planned}" ` +
      `fill-opacity="0.1" stroke="none"/>`,
  );
  c.draw(`<polyline points="${points.join(" ")}" fill="none" stroke="${COLOURS.planned}" stroke-width="2"/>`);
  c.block(...polylineBoxes(points, 3));

  // At each deadline: the planned share (dot), the required share (diamond), the gap; their labels placed clear of all
  // of it.
  const values: StyledLabel[] = [];
  for (const d of deadlines) {
    const x = scale.x(d.date);
    const [yp, yr] = [y(d.plannedShare), y(d.requiredShare)];
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
    c.draw(
      `<path d="M ${n(x)} ${n(yr - 6)} L ${n(x + 6)} ${n(yr)} L ${n(x)} ${n(yr + 6)} L ${n(x - 6)} ${n(yr)} Z" ` +
        `fill="#fff" stroke="${COLOURS.required}" stroke-width="2"/>`,
    );
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
  const bounds = { x: scale.x0, y: TOP - 6, w: WIDTH - scale.x0, h: BOTTOM - TOP + 6 };
  c.place(dateLabels, { x: 0, y: 54, w: WIDTH, h: TOP - 54 });
  c.place(values, bounds);

  const items: LegendItem[] = [
    { symbol: (x, yy) => line(x - 6, yy, x + 6, yy, COLOURS.planned, `stroke-width="2"`), label: w.planned },
    {
      symbol: (x, yy) => line(x - 6, yy, x + 6, yy, COLOURS.required, `stroke-width="1.5" stroke-dasharray="4 3"`),
      label: w.required,
    },
    { symbol: (x, yy) => `<circle cx="${n(x)}" cy="${n(yy)}" r="5" fill="${COLOURS.planned}"/>`, label: w.atDeadline },
    {
      symbol: (x, yy) =>
        `<path d="M ${n(x)} ${n(yy - 6)} L ${n(x + 6)} ${n(yy)} L ${n(x)} ${n(yy + 6)} L ${n(x - 6)} ${n(yy)} Z" ` +
        `fill="#fff" stroke="${COLOURS.required}" stroke-width="2"/>`,
      label: w.requiredPoint,
    },
  ];
  const keyBottom = c.legend(items, 16, BOTTOM + 46, WIDTH - 16);
  return { svg: c.svg(WIDTH, keyBottom + 24, w.title(plan.dataset)), canvas: c };
}
