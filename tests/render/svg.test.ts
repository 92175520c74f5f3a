/** The charts: escaped text, one-decimal numbers, the marks and lines they promise. */
import { describe, expect, it } from "vitest";
import type { Inventory } from "../../src/migration/inventory/model";
import { buildPlan } from "../../src/migration/plan/plan";
import { createContext } from "../../src/migration/plan/render/context";
import { renderGantt } from "../../src/migration/plan/render/gantt";
import { renderProgress } from "../../src/migration/plan/render/progress-chart";
import { DateScale, FONT, n, textWidth, xml } from "../../src/migration/plan/render/svg";
import { CLOUD_BOUND } from "../../src/migration/plan/types";
import { zhoucunPlan } from "./support";

describe("SVG helpers", () => {
  it("escape text for XML", () => {
    expect(xml(`a<b>&"c"'d'`)).toBe("a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
    expect(xml("区农业局")).toBe("区农业局");
  });

  it("round numbers to one decimal, without -0", () => {
    expect(n(1.26)).toBe("1.3");
    expect(n(2)).toBe("2");
    expect(n(-0.04)).toBe("0");
    expect(n(1 / 3)).toBe("0.3");
  });

  it("count CJK glyphs as wider than Latin ones", () => {
    expect(textWidth("区农业局", 12)).toBe(48);
    expect(textWidth("abcd", 10)).toBe(24);
  });

  it("map dates linearly and tick the months", () => {
    const scale = new DateScale("2018-01-15", "2018-04-15", 0, 90);
    expect(scale.x("2018-01-15")).toBe(0);
    expect(scale.x("2018-04-15")).toBe(90);
    expect(scale.months()).toEqual(["2018-02-01", "2018-03-01", "2018-04-01"]);
  });
});

describe("the charts", async () => {
  const { inventory, plan } = await zhoucunPlan();
  const zh = createContext(plan, inventory, "zh");
  const en = createContext(plan, inventory, "en");

  for (const [name, render] of [
    ["gantt", renderGantt],
    ["progress", renderProgress],
  ] as const) {
    it(`${name}: a well-formed SVG with fixed width, the CJK font stack and 1-decimal numbers`, () => {
      const svg = render(zh);
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+"/);
      expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
      expect(svg).toContain(`font-family="${FONT}"`);
      expect(FONT).toContain("Noto Sans CJK SC");
      expect(svg).not.toMatch(/\d\.\d{2,}/);
      expect(svg).not.toMatch(/NaN|undefined|Infinity/);
      // Every opened element is closed (a cheap well-formedness check without a parser).
      const opened = (svg.match(/<(?!\/)[a-z]+(?:\s[^>]*)?(?<!\/)>/g) ?? []).length;
      const closed = (svg.match(/<\/[a-z]+>/g) ?? []).length;
      expect(opened).toBe(closed);
      expect(render(en)).not.toBe(svg);
      expect(render(zh)).toBe(svg);
    });
  }

  it("gantt: a row per department with dated systems, a mark per system, a line per deadline", () => {
    const svg = renderGantt(zh);
    const dated = plan.systems.filter(
      (s) => s.cutoverDate && (CLOUD_BOUND.includes(s.disposition) || s.disposition === "retire"),
    );
    for (const id of new Set(dated.map((s) => s.department)))
      expect(svg).toContain(`>${xml(zh.departmentName(id))}</text>`);
    // Marks group systems of one department, day and disposition; their tooltips name every system.
    for (const system of dated) expect(svg).toContain(xml(system.name));
    for (const d of plan.deadlines) expect(svg).toContain(`${d.date} `);
    expect(svg).toContain("割接时间线");
    expect(renderGantt(en)).toContain("Wave timeline");
  });

  it("gantt: escapes department and system names", async () => {
    const { inventory: base } = await zhoucunPlan();
    const department = base.systems[0]!.department;
    const inventory: Inventory = {
      ...base,
      departments: base.departments.map((d) => (d.id === department ? { ...d, name: `<script>&"局'` } : d)),
      systems: base.systems.map((s, i) => (i === 0 ? { ...s, name: "a<b>&c" } : s)),
    };
    const plan2 = buildPlan({ inventory, dataset: "x<y" });
    const svg = renderGantt(createContext(plan2, inventory, "zh"));
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;&amp;&quot;局&apos;");
    expect(svg).toContain("x&lt;y");
    if (plan2.systems[0]!.cutoverDate) expect(svg).toContain("a&lt;b&gt;&amp;c");
  });

  it("progress: a step line, a required and a planned point per deadline, axes and a legend", () => {
    const svg = renderProgress(zh);
    expect(svg).toContain("<polyline");
    // One white point per deadline, and the legend's.
    expect((svg.match(/<path d="M [^"]+ Z" fill="#fff"/g) ?? []).length).toBe(plan.deadlines.length + 1);
    for (const d of plan.deadlines) expect(svg).toContain(`>${d.date}</text>`);
    expect(svg).toContain(">0%</text>");
    expect(svg).toContain(">100%</text>");
    expect(svg).toContain("计划累计完成比例");
    expect(renderProgress(en)).toContain("planned share moved");
    for (const d of plan.deadlines.filter((x) => !x.met)) expect(svg).toContain(`差 ${d.shortBy} 个`);
  });

  it("progress: the step line ends at the planned share of all cloud-bound systems", () => {
    const svg = renderProgress(zh);
    const points = svg.match(/<polyline points="([^"]+)"/)![1]!.split(" ");
    const cloud = plan.systems.filter((s) => CLOUD_BOUND.includes(s.disposition));
    const done = cloud.filter((s) => s.cutoverDate).length / cloud.length;
    const lastY = Number(points.at(-1)!.split(",")[1]);
    // y = BOTTOM - (BOTTOM - TOP) * share
    expect(lastY).toBeCloseTo(430 - 330 * done, 0);
  });
});

describe("xml", () => {
  it(
    "escapes markup and drops the characters XML cannot carry " +
      "(a NUL or a BEL from a form's cell), keeping tab, line feed and paired surrogates",
    () => {
      expect(xml("a<b>&\"'")).toBe("a&lt;b&gt;&amp;&quot;&apos;");
      expect(xml("村\u0000务\u0007公开\u001b[31m\uFFFF")).toBe("村务公开[31m");
      expect(xml("tab\there\nline 😀 \uD800 lone")).toBe("tab\there\nline 😀  lone");
    },
  );
});
