/**
 * charts/progress.svg: the cumulative share of cloud-bound systems moved over time (a
 * step line from the waves' dates) against each deadline's required share.
 */
import { isCloudBound, type RenderContext } from "./context";
import { percent } from "./labels";
import {
  COLOURS,
  DateScale,
  legend,
  line,
  monthAxis,
  n,
  paddedEnd,
  stepLine,
  svgDocument,
  text,
  type LegendItem,
} from "./svg";

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
    `Share of the ${total} cloud-bound systems (rehost, replatform, consolidate) moved so far${unscheduled ? `; ${unscheduled} unscheduled` : ""}`,
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

  const body: string[] = [
    text(16, 28, w.title(plan.dataset), { size: 16, weight: "bold" }),
    text(16, 50, w.subtitle(total, total - dates.length), { size: 12, fill: "#555" }),
  ];
  // Y grid and labels every 10 %.
  for (let tenth = 0; tenth <= 10; tenth++) {
    const yy = y(tenth / 10);
    body.push(line(scale.x0, yy, scale.x1, yy, tenth === 0 ? "#888" : "#eeeeee"));
    body.push(text(scale.x0 - 6, yy, `${tenth * 10}%`, { size: 11, anchor: "end", baseline: "middle", fill: "#555" }));
  }
  body.push(text(22, (TOP + BOTTOM) / 2, w.yAxis, { size: 11, anchor: "middle", fill: "#555", rotate: -90 }));
  body.push(...monthAxis(scale, TOP, BOTTOM));
  body.push(line(scale.x0, TOP, scale.x0, BOTTOM, "#888"));

  // Required share: from each deadline on, at least its share (a dashed staircase).
  const deadlines = [...plan.deadlines].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  deadlines.forEach((d, i) => {
    const x = scale.x(d.date);
    const next = deadlines[i + 1];
    const xEnd = next ? scale.x(next.date) : scale.x1;
    body.push(
      line(
        x,
        y(d.requiredShare),
        xEnd,
        y(d.requiredShare),
        COLOURS.required,
        `stroke-width="1.5" stroke-dasharray="6 4"`,
      ),
    );
    body.push(
      line(x, TOP - 22, x, BOTTOM, d.met ? COLOURS.deadlineMet : COLOURS.deadlineMissed, `stroke-dasharray="2 3"`),
    );
    body.push(
      text(x, TOP - 28, d.date, {
        size: 11,
        anchor: "middle",
        weight: "bold",
        fill: d.met ? COLOURS.deadlineMet : COLOURS.deadlineMissed,
      }),
    );
  });

  // Planned cumulative share: a step at each date systems move.
  const { points } = stepLine(
    dates,
    (date) => scale.x(date),
    (count) => y(shareOf(count)),
    scale.x0,
    scale.x1,
  );
  body.push(
    `<polygon points="${[...points, `${n(scale.x1)},${n(y(0))}`].join(" ")}" fill="${COLOURS.planned}" fill-opacity="0.1" stroke="none"/>`,
  );
  body.push(`<polyline points="${points.join(" ")}" fill="none" stroke="${COLOURS.planned}" stroke-width="2"/>`);

  // At each deadline: the planned share (dot), the required share (diamond), the gap.
  for (const d of deadlines) {
    const x = scale.x(d.date);
    const [yp, yr] = [y(d.plannedShare), y(d.requiredShare)];
    if (!d.met) {
      body.push(line(x + 10, yp, x + 10, yr, COLOURS.deadlineMissed, `stroke-width="1.5"`));
      body.push(
        text(x + 14, (yp + yr) / 2, w.short(d.shortBy), {
          size: 11,
          baseline: "middle",
          fill: COLOURS.deadlineMissed,
          weight: "bold",
        }),
      );
    }
    body.push(
      `<path d="M ${n(x)} ${n(yr - 6)} L ${n(x + 6)} ${n(yr)} L ${n(x)} ${n(yr + 6)} L ${n(x - 6)} ${n(yr)} Z" fill="#fff" stroke="${COLOURS.required}" stroke-width="2"/>`,
    );
    body.push(`<circle cx="${n(x)}" cy="${n(yp)}" r="5" fill="${COLOURS.planned}" stroke="#fff" stroke-width="1"/>`);
    body.push(
      text(x - 10, yr - 10, w.requiredAt(percent(d.requiredShare)), {
        size: 11,
        anchor: "end",
        fill: COLOURS.required,
      }),
    );
    body.push(
      text(x - 10, yp + 16, w.plannedAt(percent(d.plannedShare)), { size: 11, anchor: "end", fill: COLOURS.planned }),
    );
  }

  const items: LegendItem[] = [
    { symbol: (x, yy) => line(x - 6, yy, x + 6, yy, COLOURS.planned, `stroke-width="2"`), label: w.planned },
    {
      symbol: (x, yy) => line(x - 6, yy, x + 6, yy, COLOURS.required, `stroke-width="1.5" stroke-dasharray="4 3"`),
      label: w.required,
    },
    { symbol: (x, yy) => `<circle cx="${n(x)}" cy="${n(yy)}" r="5" fill="${COLOURS.planned}"/>`, label: w.atDeadline },
    {
      symbol: (x, yy) =>
        `<path d="M ${n(x)} ${n(yy - 6)} L ${n(x + 6)} ${n(yy)} L ${n(x)} ${n(yy + 6)} L ${n(x - 6)} ${n(yy)} Z" fill="#fff" stroke="${COLOURS.required}" stroke-width="2"/>`,
      label: w.requiredPoint,
    },
  ];
  const key = legend(items, 16, BOTTOM + 46, WIDTH - 16);
  body.push(...key.elements);
  return svgDocument(WIDTH, key.bottom + 24, w.title(plan.dataset), body);
}
