/**
 * charts/waves.svg: the lock's waves as a Gantt, each coloured by what happened to its
 * systems as of the date — done, in progress, late, to do — with the as-of date marked.
 * A row a wave: its id in the left column, its bar at its window's date, its counts in the
 * right column, so no label ever lies over a bar or another label. Deterministic.
 */
import type { Plan } from "../plan/types";
import { monthTicks, pxPerMonth } from "../plan/render/layout";
import {
  DateScale,
  legend,
  line,
  paddedEnd,
  rect,
  svgDocument,
  text,
  textWidth,
  type LegendItem,
} from "../plan/render/svg";
import type { SystemProgress } from "./status";

const COLOUR = { done: "#2e7d32", "in-progress": "#1f77b4", late: "#c62828", "to-do": "#9e9e9e" } as const;
type Shade = keyof typeof COLOUR;
const LABEL = {
  done: "已完成 done",
  "in-progress": "进行中 in progress",
  late: "逾期 late",
  "to-do": "未开始 to do",
} as const;
const ROW = 18;
const X0 = 120;
const X1 = 760;
const TOP = 70;

/** A wave's shade: late when any system is late and not done, else in progress, else done when all are, else to do. */
export function waveShade(rows: readonly SystemProgress[]): Shade {
  if (rows.some((r) => r.status !== "done" && r.late)) return "late";
  if (rows.some((r) => r.status === "in-progress")) return "in-progress";
  if (rows.length > 0 && rows.every((r) => r.status === "done")) return "done";
  return "to-do";
}

export function renderWaveGantt(plan: Plan, rows: readonly SystemProgress[], asOf: string): string {
  const byWave = new Map<string, SystemProgress[]>();
  for (const r of rows) if (r.wave) (byWave.get(r.wave) ?? byWave.set(r.wave, []).get(r.wave)!).push(r);
  const waves = [...plan.waves].sort((a, b) => (a.id < b.id ? -1 : 1));
  const start = [plan.settings.planningStart, asOf].sort()[0]!;
  const scale = new DateScale(start, paddedEnd([...waves.map((w) => w.start.slice(0, 10)), asOf], start), X0, X1);
  const bottom = TOP + waves.length * ROW;
  const title = `批次进度（截至 ${asOf}）Waves as of ${asOf}: ${plan.dataset}`;
  const body: string[] = [text(16, 26, title, { size: 16, weight: "bold" })];
  // Month lines and, under the last row, their labels, thinned so that they never run together.
  for (const tick of monthTicks(scale.months(), pxPerMonth(scale), 11)) {
    const x = scale.x(tick.date);
    body.push(line(x, TOP, x, bottom, "#eeeeee"));
    if (x + textWidth(tick.label, 11) / 2 <= X1 + 4)
      body.push(text(x, bottom + 16, tick.label, { size: 11, anchor: "middle", fill: "#555" }));
  }
  waves.forEach((w, i) => {
    const members = byWave.get(w.id) ?? [];
    const shade = waveShade(members);
    const y = TOP + i * ROW;
    const count = (s: Shade) =>
      members.filter((r) =>
        s === "late"
          ? r.status !== "done" && r.late
          : s === "to-do"
            ? r.status === "to-do" && !r.late
            : s === "in-progress"
              ? r.status === "in-progress" && !r.late
              : r.status === "done",
      ).length;
    body.push(text(X0 - 8, y + 13, w.id, { size: 11, anchor: "end", fill: "#333" }));
    const x = scale.x(w.start.slice(0, 10));
    body.push(rect(x - 3, y + 3, 8, ROW - 6, COLOUR[shade]));
    body.push(
      text(X1 + 10, y + 13, `${count("done")} / ${count("in-progress")} / ${count("late")} / ${count("to-do")}`, {
        size: 11,
        fill: COLOUR[shade],
      }),
    );
  });
  const xAsOf = scale.x(asOf);
  body.push(line(xAsOf, TOP - 6, xAsOf, bottom, "#444", `stroke-width="1.5"`));
  body.push(text(xAsOf, TOP - 12, `截至 ${asOf}`, { size: 11, anchor: "middle", weight: "bold", fill: "#444" }));
  body.push(text(X1 + 10, TOP - 30, "done / in progress / late / to do", { size: 11, fill: "#555" }));
  const items: LegendItem[] = (Object.keys(COLOUR) as Shade[]).map((s) => ({
    symbol: (x, yy) => rect(x - 4, yy - 6, 8, 12, COLOUR[s]),
    label: LABEL[s],
  }));
  const key = legend(items, 16, bottom + 44, 984);
  body.push(...key.elements);
  return svgDocument(1000, key.bottom + 24, title, body);
}
