/**
 * The Markdown reports: every file is there, zh and en differ, classified systems are
 * only listed apart, a missed deadline is explained, every link leads to a file the
 * plan writes, and names that look like Markdown do not break the tables.
 */
import { describe, expect, it } from "vitest";
import type { Inventory } from "../../src/migration/inventory/model";
import { buildPlan } from "../../src/migration/plan/plan";
import { renderPlanFiles, wholeText } from "../../src/migration/plan/render/files";
import { linkTargets, text, zhoucunPlan } from "./support";

const CJK = /[\u4e00-\u9fff]/;

/** The lines of a Markdown document between a level-2 heading and the next one. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) return "";
  const next = markdown.indexOf("\n## ", start + heading.length + 2);
  return markdown.slice(start, next < 0 ? undefined : next);
}

describe("the reports of the Zhoucun plan", async () => {
  const { inventory, plan } = await zhoucunPlan();
  const zh = await renderPlanFiles(plan, inventory, "zh");
  const en = await renderPlanFiles(plan, inventory, "en");
  const excluded = plan.systems.filter((s) => s.disposition === "exclude");

  it("writes plan.json first, then every report", () => {
    const paths = [...zh.keys()];
    expect(paths[0]).toBe("plan.json");
    for (const file of [
      "summary.md",
      "appendix2-progress.md",
      "migration-table.md",
      "migration-table.csv",
      "migration-table.xlsx",
      "charts/gantt.svg",
      "charts/progress.svg",
    ]) {
      expect(paths).toContain(file);
    }
    const owners = new Set(plan.systems.map((s) => s.department));
    expect(paths.filter((p) => p.startsWith("departments/")).sort()).toEqual(
      [...owners].map((d) => `departments/${d}.md`).sort(),
    );
    expect(paths.filter((p) => p.startsWith("runbooks/")).sort()).toEqual(
      plan.systems
        .filter((s) => s.runbook)
        .map((s) => `runbooks/${s.id}.md`)
        .sort(),
    );
    expect(paths.filter((p) => p.startsWith("rooms/")).sort()).toEqual(
      plan.rooms.map((r) => `rooms/${r.id}.md`).sort(),
    );
    expect([...en.keys()]).toEqual(paths);
  });

  it("is in Chinese by default and in English with lang en", () => {
    const zhSummary = text(zh, "summary.md");
    const enSummary = text(en, "summary.md");
    expect(zhSummary).toContain("## 处置方式");
    expect(zhSummary).toContain("迁移上云-原样迁移");
    expect(zhSummary).toContain("涉密不上云");
    expect(enSummary).toContain("## Dispositions");
    expect(enSummary).toContain("migrate: rehost");
    expect(enSummary).not.toContain("迁移上云-原样迁移");
    for (const file of zh.keys()) {
      if (!file.endsWith(".md")) continue;
      const content = text(zh, file);
      const english = text(en, file);
      expect(english, file).not.toBe(content);
      const zhHeadings = content.split("\n").filter((l) => l.startsWith("## "));
      const enHeadings = english.split("\n").filter((l) => l.startsWith("## "));
      // Level-2 headings are fixed labels, never names: translated, every one.
      for (const heading of zhHeadings) expect(heading, `${file}: ${heading}`).toMatch(CJK);
      for (const heading of enHeadings) expect(heading, `${file}: ${heading}`).not.toMatch(CJK);
    }
    // Names stay as they are.
    const system = plan.systems.find((s) => s.runbook)!;
    expect(text(en, `runbooks/${system.id}.md`)).toContain(system.name);
  });

  it("lists the classified systems only in their own short section", () => {
    expect(excluded.length).toBeGreaterThan(0);
    for (const [files, heading] of [
      [zh, "## 涉密系统（不上云）"],
      [en, "## Classified systems (not to the cloud)"],
    ] as const) {
      const summary = text(files, "summary.md");
      const apart = section(summary, heading);
      for (const system of excluded) {
        expect(apart).toContain(system.id);
        expect(summary.replace(apart, "")).not.toContain(system.id);
        const page = text(files, `departments/${system.department}.md`);
        const pageApart = section(page, heading);
        expect(pageApart).toContain(system.id);
        expect(page.replace(pageApart, "")).not.toContain(system.id);
        expect(files.has(`runbooks/${system.id}.md`)).toBe(false);
        expect(text(files, "migration-table.md")).not.toContain(system.name);
        expect(text(files, "migration-table.csv")).not.toContain(system.name);
      }
    }
  });

  it("keeps the classified systems out of the cloud counts of Appendix 2 but among those kept separately", () => {
    const form = text(zh, "appendix2-progress.md");
    for (const system of excluded) expect(section(form, "## 附清单")).toContain(system.id);
    expect(form).toContain("[^none]:");
    expect(form).not.toMatch(/undefined|NaN/);
  });

  it("resolves every relative link to a file the plan writes", () => {
    for (const files of [zh, en]) {
      let runbookLinks = 0;
      for (const [file, content] of files) {
        if (!file.endsWith(".md")) continue;
        for (const target of linkTargets(file, wholeText(content))) {
          expect(files.has(target), `${file} → ${target}`).toBe(true);
          if (target.startsWith("runbooks/") && (file === "summary.md" || file.startsWith("departments/")))
            runbookLinks++;
        }
      }
      expect(runbookLinks).toBeGreaterThan(plan.systems.filter((s) => s.runbook).length);
    }
  });

  it("links every department page to the runbooks of its systems", () => {
    for (const system of plan.systems.filter((s) => s.runbook)) {
      expect(text(zh, `departments/${system.department}.md`)).toContain(`](../runbooks/${system.id}.md)`);
    }
  });

  it("flags in a runbook when the steps exceed the allowed downtime", () => {
    const tight = plan.systems.find((s) => s.runbook && !s.runbook.fitsDowntime);
    if (!tight) return;
    expect(text(zh, `runbooks/${tight.id}.md`)).toContain("⚠️ 超出允许停机时长");
    expect(text(en, `runbooks/${tight.id}.md`)).toContain("⚠️ Exceeds the allowed downtime");
  });

  it("contains no undefined, NaN or object dumps", () => {
    for (const files of [zh, en]) {
      for (const [file, content] of files) {
        if (content instanceof Uint8Array || file === "plan.json") continue;
        expect(wholeText(content), file).not.toMatch(/undefined|NaN|\[object Object\]/);
      }
    }
  });
});

describe("a missed deadline", async () => {
  const { inventory, plan } = await zhoucunPlan({ deadlines: ["2018-02-28:90%", "2018-12-31:100%"] });

  it("is explained in the summary, with its numbers", async () => {
    const missed = plan.deadlines.find((d) => !d.met);
    expect(missed?.explanation).toBeTruthy();
    const zh = text(await renderPlanFiles(plan, inventory, "zh"), "summary.md");
    const en = text(await renderPlanFiles(plan, inventory, "en"), "summary.md");
    expect(zh).toContain(`未达标：差 ${missed!.shortBy} 个系统`);
    expect(zh).toContain(`**${missed!.date} 未达标的原因**`);
    expect(en).toContain(`missed: short by ${missed!.shortBy}`);
    // The planner's explanation, as Markdown-escaped text.
    const plain = (s: string) => s.replace(/\\(.)/g, "$1");
    expect(plain(zh)).toContain(missed!.explanation!.zh);
    expect(plain(en)).toContain(missed!.explanation!.en);
  });
});

describe("names that look like Markdown", async () => {
  const { inventory } = await zhoucunPlan();
  const renamed: Inventory = {
    ...inventory,
    systems: inventory.systems.map((s, i) => (i === 0 ? { ...s, name: "A|B *C* [D](x) <E>" } : s)),
  };
  const plan = buildPlan({ inventory: renamed, dataset: "zhoucun" });
  const files = await renderPlanFiles(plan, renamed, "zh");
  const first = renamed.systems[0]!;

  it("are escaped, so tables keep their columns", () => {
    const page = text(files, `departments/${first.department}.md`);
    // The systems table (the actions table above it names the system too, in its own columns).
    const systems = page.split("\n## 系统\n")[1]!;
    const row = systems.split("\n").find((l) => l.includes(first.id) && l.startsWith("| "))!;
    expect(row).toContain("A\\|B \\*C\\* \\[D\\](x) \\<E\\>");
    const header = page.split("\n").find((l) => l.startsWith("| 系统 |"))!;
    const columns = (l: string) => l.replace(/\\\|/g, "").split("|").length;
    expect(columns(row)).toBe(columns(header));
  });
});
