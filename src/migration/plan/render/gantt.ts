/**
 * charts/gantt.svg: the wave timeline. One row per department, a mark per system on the
 * day it moves (or retires), dashed lines for the deadlines, ticks for the waves.
 */
import type { Disposition, SystemPlan } from "../types";
import { isCloudBound, type RenderContext } from "./context";
import { dispositionLabel, percent, type Language } from "./labels";
import { compare } from "./markdown";
import {
  COLOURS,
  DateScale,
  legend,
  line,
  monthAxis,
  n,
  paddedEnd,
  rect,
  svgDocument,
  text,
  textWidth,
  xml,
  type LegendItem,
} from "./svg";

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
};

const EN: typeof ZH = {
  title: (dataset) => `Wave timeline (Gantt): ${dataset}`,
  subtitle: (waves, start, unscheduled) =>
    `Planning start ${start}; ${waves} waves; each dot is one system's cutover (grey squares: retirements)${unscheduled ? `; ${unscheduled} more systems unscheduled` : ""}`,
  start: "planning start",
  met: "met",
  missed: "missed",
  deadlineMet: "deadline (met)",
  deadlineMissed: "deadline (missed)",
  waves: "waves",
};

const WIDTH = 1100;
const ROW = 22;
const MARK: readonly Disposition[] = ["rehost", "replatform", "consolidate", "retire"];

export function renderGantt(ctx: RenderContext): string {
  const w = ctx.lang === "zh" ? ZH : EN;
  const { plan } = ctx;
  const isDated = (s: SystemPlan) => s.cutoverDate !== null && (isCloudBound(s) || s.disposition === "retire");
  const dated = ctx.systems.filter(isDated);
  const rows = ctx.departments
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

  const start = plan.settings.planningStart;
  const end = paddedEnd(
    [
      ...dated.map((s) => s.cutoverDate!),
      ...plan.deadlines.map((d) => d.date),
      ...plan.waves.map((x) => x.start.slice(0, 10)),
    ],
    start,
  );
  const labelWidth = Math.max(120, ...rows.map((r) => textWidth(r.department.name, 12))) + 16;
  const scale = new DateScale(start, end, labelWidth + 10, WIDTH - 30);
  const top = 130;
  const bottom = top + Math.max(1, rows.length) * ROW;
  const key = legend(legendItems(ctx.lang, w), 16, bottom + 44, WIDTH - 16);
  const height = key.bottom + 24;
  const unscheduled = plan.systems.filter((s) => isCloudBound(s) && s.cutoverDate === null).length;

  const body: string[] = [
    text(16, 28, w.title(plan.dataset), { size: 16, weight: "bold" }),
    text(16, 50, w.subtitle(plan.waves.length, start, unscheduled), { size: 12, fill: "#555" }),
  ];
  rows.forEach((row, i) => {
    const y = top + i * ROW;
    if (i % 2 === 0) body.push(rect(0, y, WIDTH, ROW, "#f6f7f9"));
    body.push(text(labelWidth, y + ROW / 2, row.department.name, { anchor: "end", baseline: "middle" }));
  });
  body.push(...monthAxis(scale, top, bottom));
  // Wave ticks under the axis.
  for (const wave of plan.waves) {
    const x = scale.x(wave.start.slice(0, 10));
    body.push(line(x, bottom, x, bottom + 5, "#1f77b4"));
  }
  body.push(line(scale.x0, top - 30, scale.x0, bottom, "#555", `stroke-width="1"`));
  body.push(text(scale.x0 + 3, top - 22, `${w.start} ${start}`, { size: 11, fill: "#555" }));
  plan.deadlines.forEach((d, i) => {
    const x = scale.x(d.date);
    const colour = d.met ? COLOURS.deadlineMet : COLOURS.deadlineMissed;
    body.push(line(x, top - 50 + (i % 2) * 20, x, bottom, colour, `stroke-width="1.5" stroke-dasharray="6 4"`));
    body.push(
      text(x - 4, top - 54 + (i % 2) * 20, `${d.date} ${percent(d.requiredShare)} ${d.met ? w.met : w.missed}`, {
        size: 11,
        anchor: "end",
        fill: colour,
        weight: "bold",
      }),
    );
  });
  rows.forEach((row, i) => body.push(...rowMarks(ctx.lang, scale, top + i * ROW + ROW / 2, row.systems)));
  body.push(...key.elements);
  return svgDocument(WIDTH, height, w.title(plan.dataset), body);
}

function rowMarks(lang: Language, scale: DateScale, y: number, systems: readonly SystemPlan[]): string[] {
  const out: string[] = [];
  const cloud = systems
    .filter(isCloudBound)
    .map((s) => s.cutoverDate!)
    .sort();
  if (cloud.length > 1)
    out.push(rect(scale.x(cloud[0]!), y - 3, scale.x(cloud.at(-1)!) - scale.x(cloud[0]!), 6, "#c9dcef", `rx="3"`));
  const groups = new Map<string, SystemPlan[]>();
  for (const s of systems) {
    const key = `${s.cutoverDate}|${MARK.indexOf(s.disposition)}`;
    const group = groups.get(key);
    if (group) group.push(s);
    else groups.set(key, [s]);
  }
  for (const key of [...groups.keys()].sort(compare)) {
    const group = groups.get(key)!;
    const first = group[0]!;
    const x = scale.x(first.cutoverDate!);
    const colour = COLOURS[first.disposition as keyof typeof COLOURS] ?? "#444";
    const tip = `<title>${xml(`${first.cutoverDate} ${dispositionLabel(lang, first.disposition)}: ${group.map((s) => s.name).join(lang === "zh" ? "、" : ", ")}`)}</title>`;
    const shape =
      first.disposition === "retire"
        ? `<rect x="${n(x - 5)}" y="${n(y - 5)}" width="10" height="10" fill="${colour}" stroke="#fff" stroke-width="1">${tip}</rect>`
        : `<circle cx="${n(x)}" cy="${n(y)}" r="6" fill="${colour}" stroke="#fff" stroke-width="1">${tip}</circle>`;
    out.push(shape);
    if (group.length > 1)
      out.push(
        text(x, y + 0.5, String(group.length), {
          size: 9,
          anchor: "middle",
          fill: "#fff",
          weight: "bold",
          baseline: "middle",
        }),
      );
  }
  return out;
}

function legendItems(lang: Language, w: typeof ZH): LegendItem[] {
  const items: LegendItem[] = MARK.map((d) => {
    const colour = COLOURS[d as keyof typeof COLOURS];
    return {
      symbol: (x, y) =>
        d === "retire"
          ? rect(x - 5, y - 5, 10, 10, colour)
          : `<circle cx="${n(x)}" cy="${n(y)}" r="6" fill="${colour}"/>`,
      label: dispositionLabel(lang, d),
    };
  });
  const dashed = (colour: string) => (x: number, y: number) =>
    line(x, y - 7, x, y + 7, colour, `stroke-width="1.5" stroke-dasharray="4 3"`);
  items.push({ symbol: dashed(COLOURS.deadlineMet), label: w.deadlineMet });
  items.push({ symbol: dashed(COLOURS.deadlineMissed), label: w.deadlineMissed });
  items.push({ symbol: (x, y) => line(x, y - 7, x, y - 2, COLOURS.planned), label: w.waves });
  return items;
}
