/**
 * The charts' layout: label boxes from estimated widths (CJK double), a placer that keeps
 * labels off lines, marks and each other, month ticks that thin out with the range, and
 * the charts drawn through them, checked on the sample (about 10 waves) and on a generated
 * estate of about 1,000 waves. Then every SVG govcloud writes goes through a real renderer
 * (rsvg-convert, Debian's librsvg2-bin) so that a broken document fails here.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { generateEstate } from "../../src/migration/generate/estate";
import type { Inventory } from "../../src/migration/inventory/model";
import { buildPlan } from "../../src/migration/plan/plan";
import { createContext } from "../../src/migration/plan/render/context";
import { clusterMarks, ganttChart, type Dated } from "../../src/migration/plan/render/gantt";
import {
  layoutClashes,
  monthTicks,
  overlaps,
  placeLabels,
  textBox,
  type Box,
} from "../../src/migration/plan/render/layout";
import { progressChart } from "../../src/migration/plan/render/progress-chart";
import { DateScale, textWidth } from "../../src/migration/plan/render/svg";
import type { Plan } from "../../src/migration/plan/types";
import { renderBurnup } from "../../src/migration/progress/burnup";
import { renderWaveGantt } from "../../src/migration/progress/gantt";
import type { SystemProgress } from "../../src/migration/progress/status";
import { zhoucunPlan } from "./support";

describe("layout primitives", () => {
  it("size text boxes with CJK glyphs twice as wide as Latin ones, by anchor", () => {
    expect(textBox(100, 50, "机房", 10, "start", "alphabetic")).toMatchObject({ x: 100, w: 20 });
    expect(textBox(100, 50, "ab", 10, "end", "alphabetic")).toMatchObject({ x: 88, w: 12 });
    expect(textBox(100, 50, "机房ab", 10, "middle", "middle").x).toBeCloseTo(84);
  });

  it("place each label at its first free candidate and drop what fits nowhere", () => {
    const wall: Box = { x: 0, y: 0, w: 100, h: 20 };
    const { placed, dropped } = placeLabels(
      [
        {
          text: "甲",
          size: 10,
          candidates: [
            { x: 10, y: 15, anchor: "start" },
            { x: 10, y: 45, anchor: "start" },
          ],
        },
        {
          text: "乙",
          size: 10,
          candidates: [
            { x: 10, y: 45, anchor: "start" },
            { x: 40, y: 45, anchor: "start" },
          ],
        },
        { text: "丙", size: 10, candidates: [{ x: 10, y: 15, anchor: "start" }] },
      ],
      [wall],
      { x: 0, y: 0, w: 200, h: 100 },
    );
    expect(placed.map((p) => [p.request.text, p.at.x, p.at.y])).toEqual([
      ["甲", 10, 45],
      ["乙", 40, 45],
    ]);
    expect(dropped.map((d) => d.text)).toEqual(["丙"]);
  });

  it("thin month ticks to a step whose labels never touch: monthly on a year, yearly on a decade", () => {
    const ticksOver = (start: string, end: string, width: number) => {
      const scale = new DateScale(start, end, 0, width);
      return monthTicks(scale.months(), (width / scale.days) * 30.44, 11).map((t) => ({ ...t, x: scale.x(t.date) }));
    };
    expect(ticksOver("2018-01-01", "2018-12-31", 900)).toHaveLength(12);
    const decade = ticksOver("2018-01-01", "2028-01-01", 700);
    expect(decade.map((t) => t.label)).toEqual([
      "2018",
      "2019",
      "2020",
      "2021",
      "2022",
      "2023",
      "2024",
      "2025",
      "2026",
      "2027",
      "2028",
    ]);
    for (const [start, end, width] of [
      ["2018-01-01", "2019-03-01", 900],
      ["2018-01-01", "2025-11-30", 800],
      ["2018-01-01", "2021-06-30", 300],
    ] as const) {
      const ticks = ticksOver(start, end, width);
      expect(ticks.length).toBeGreaterThan(1);
      for (let i = 1; i < ticks.length; i++)
        expect(ticks[i]!.x - ticks[i - 1]!.x).toBeGreaterThan(textWidth(ticks[i]!.label, 11));
    }
  });

  it("merge marks that would touch into one bar spanning their dates and counting them all", () => {
    const scale = new DateScale("2018-01-01", "2018-12-31", 0, 365);
    const items: Dated[] = ["2018-03-01", "2018-03-02", "2018-03-05", "2018-06-01", "2018-06-20"].flatMap((date, i) => [
      { date, kind: "rehost" as const, name: `a${i}` },
      { date, kind: "retire" as const, name: `b${i}` },
    ]);
    const marks = clusterMarks(items, (d) => scale.x(d));
    expect(marks.map((m) => m.items.length)).toEqual([6, 2, 2]);
    for (let i = 1; i < marks.length; i++) expect(marks[i]!.left).toBeGreaterThan(marks[i - 1]!.right);
  });
});

/** The same things a renderer would show: no label over another, a line or a mark; marks apart in each row. */
function expectCleanCharts(plan: Plan, inventory: Inventory): void {
  for (const lang of ["zh", "en"] as const) {
    const ctx = createContext(plan, inventory, lang);
    const progress = progressChart(ctx);
    expect(layoutClashes(progress.canvas)).toEqual([]);
    // The labels that say the most are there: each deadline's planned and required share.
    for (const d of plan.deadlines) {
      expect(progress.svg).toContain(`>${d.date}</text>`);
      if (!d.met)
        expect(progress.svg).toContain(lang === "zh" ? `>差 ${d.shortBy} 个</text>` : `>short by ${d.shortBy}</text>`);
    }
    const gantt = ganttChart(ctx);
    expect(layoutClashes(gantt.canvas)).toEqual([]);
    for (const d of plan.deadlines) expect(gantt.svg).toContain(`>${d.date} `);
    for (const row of gantt.rows)
      for (let i = 0; i < row.length; i++) {
        const mark = row[i]!;
        if (i > 0) expect(mark.left, "marks of a row apart").toBeGreaterThan(row[i - 1]!.right);
        if (mark.items.length > 1)
          expect(mark.right - mark.left, "a bar holds its count").toBeGreaterThanOrEqual(
            textWidth(String(mark.items.length), 9),
          );
      }
    expect(gantt.rows.flat().reduce((sum, m) => sum + m.items.length, 0)).toBe(
      plan.systems.filter((s) => s.cutoverDate !== null && s.disposition !== "retain" && s.disposition !== "exclude")
        .length +
        plan.rooms.filter((r) => !r.cloudSite && r.closeDate !== null).length +
        plan.milestones.filter((m) => m.date !== null && (m.kind === "internet-exit" || m.kind === "private-lines"))
          .length,
    );
  }
}

/** An estate whose plan has about 1,000 waves: one cutover a window. */
function thousandWaves(): { inventory: Inventory; plan: Plan } {
  const base = generateEstate({ systems: 1300, seed: 7 });
  const policy = base.policy!;
  const inventory: Inventory = {
    ...base,
    policy: { ...policy, capacityPerWindow: { ...policy.capacityPerWindow, systems: 1 } },
  };
  return { inventory, plan: buildPlan({ inventory, dataset: "city" }) };
}

/** Progress rows as they stand before any cutover: every system to do. */
function notStarted(plan: Plan): SystemProgress[] {
  return plan.systems.map((s) => ({
    id: s.id,
    name: s.name,
    department: s.department,
    room: s.serverRoom,
    disposition: s.disposition,
    wave: s.wave,
    planned: s.cutoverDate,
    due: s.cutoverDate,
    status: "to-do",
    state: "none",
    started: null,
    finished: null,
    late: false,
    lateDays: 0,
    rollbacks: 0,
    reason: null,
  }));
}

/** The boxes of an SVG's unrotated texts, as the layout estimates them. */
function svgLabels(svg: string): { text: string; box: Box }[] {
  const out: { text: string; box: Box }[] = [];
  for (const m of svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)) {
    const attrs = m[1]!;
    if (attrs.includes("rotate(")) continue;
    const attr = (name: string) => attrs.match(new RegExp(`${name}="([^"]+)"`))?.[1];
    const content = m[2]!.replace(/&[a-z]+;/g, "x");
    const anchor = (attr("text-anchor") ?? "start") as "start" | "middle" | "end";
    const baseline = attr("dominant-baseline") === "middle" ? "middle" : "alphabetic";
    out.push({
      text: content,
      box: textBox(Number(attr("x")), Number(attr("y")), content, Number(attr("font-size") ?? 12), anchor, baseline),
    });
  }
  return out;
}

function expectNoLabelOverlap(svg: string): void {
  const labels = svgLabels(svg).sort((a, b) => a.box.y - b.box.y);
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length && labels[j]!.box.y < labels[i]!.box.y + labels[i]!.box.h; j++)
      expect(overlaps(labels[i]!.box, labels[j]!.box), `"${labels[i]!.text}" over "${labels[j]!.text}"`).toBe(false);
}

describe("the charts leave every label clear", () => {
  it("on the sample (about 10 waves)", async () => {
    const { inventory, plan } = await zhoucunPlan();
    expectCleanCharts(plan, inventory);
  });

  it("on a generated estate of about 1,000 waves over years, with room closures on the Gantt", () => {
    const { inventory, plan } = thousandWaves();
    expect(plan.waves.length).toBeGreaterThan(900);
    expectCleanCharts(plan, inventory);
    const svg = ganttChart(createContext(plan, inventory, "zh")).svg;
    expect(svg).toContain(">机房关闭</text>");
    expect(svg).toContain(">网络里程碑</text>");
  });

  it("the progress burn-up and the waves chart, at 10 and at 1,000 waves", async () => {
    for (const { plan } of [await zhoucunPlan(), thousandWaves()]) {
      const rows = notStarted(plan);
      const asOf = plan.waves[Math.floor(plan.waves.length / 2)]!.start.slice(0, 10);
      expectNoLabelOverlap(renderBurnup(plan, rows, asOf));
      expectNoLabelOverlap(renderWaveGantt(plan, rows, asOf));
    }
  });
});

const rsvg = spawnSync("rsvg-convert", ["--version"], { encoding: "utf8" }).status === 0;

describe.skipIf(!rsvg)("a real renderer (rsvg-convert) draws every SVG govcloud writes", () => {
  it("the plan's Gantt and progress chart (zh, en), the burn-up and the waves chart", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-svg-"));
    try {
      const { inventory, plan } = await zhoucunPlan();
      const rows = notStarted(plan);
      const asOf = plan.waves[1]!.start.slice(0, 10);
      const svgs: [string, string][] = [
        ["burnup", renderBurnup(plan, rows, asOf)],
        ["waves", renderWaveGantt(plan, rows, asOf)],
      ];
      for (const lang of ["zh", "en"] as const) {
        const ctx = createContext(plan, inventory, lang);
        svgs.push([`gantt-${lang}`, ganttChart(ctx).svg], [`progress-${lang}`, progressChart(ctx).svg]);
      }
      for (const [name, svg] of svgs) {
        const file = path.join(dir, `${name}.svg`);
        fs.writeFileSync(file, svg);
        const r = spawnSync("rsvg-convert", ["-o", path.join(dir, `${name}.png`), file], { encoding: "utf8" });
        expect(r.status, `${name}: ${r.stderr}`).toBe(0);
        const png = fs.readFileSync(path.join(dir, `${name}.png`));
        expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
      }
      // A broken document fails: the renderer is a real check, not a formality.
      fs.writeFileSync(path.join(dir, "broken.svg"), svgs[0]![1].replace("</svg>", ""));
      expect(
        spawnSync("rsvg-convert", ["-o", path.join(dir, "broken.png"), path.join(dir, "broken.svg")]).status,
      ).not.toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
