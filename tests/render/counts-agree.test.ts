/**
 * One set of numbers (issue 13): the summary, the department reports, Appendix 2, the
 * migration table and the room plans all show the counts of counts.ts, and agree with
 * each other, on the sample and on a generated city.
 */
import { describe, expect, it } from "vitest";
import { generateEstate } from "../../src/migration/generate/estate";
import type { Inventory } from "../../src/migration/inventory/model";
import { countSystems, planCounts } from "../../src/migration/plan/counts";
import { buildPlan } from "../../src/migration/plan/plan";
import { createContext } from "../../src/migration/plan/render/context";
import { renderPlanFiles, wholeText } from "../../src/migration/plan/render/files";
import { DISPOSITION_ORDER, dispositionLabel, money10k } from "../../src/migration/plan/render/labels";
import { md } from "../../src/migration/plan/render/markdown";
import { migrationTable } from "../../src/migration/plan/render/migration-table";
import { DISPOSITIONS, type Disposition, type Plan } from "../../src/migration/plan/types";
import { zhoucunInventory } from "./support";

/** Cells of each Markdown table row whose first cell matches. */
function rows(markdown: string, first: RegExp): string[][] {
  return markdown
    .split("\n")
    .filter((line) => line.startsWith("| "))
    .map((line) => line.slice(2, -2).split(" | "))
    .filter((cells) => first.test(cells[0]!));
}

async function check(inventory: Inventory, plan: Plan): Promise<void> {
  const files = await renderPlanFiles(plan, inventory, "en");
  const text = (file: string) => wholeText(files.get(file)!);
  const ctx = createContext(plan, inventory, "en");
  const c = ctx.counts;

  // The counts themselves: merges are counted once, as integrated (整合), never as to the cloud.
  expect(c.systems).toBe(plan.systems.length);
  expect(c.toCloud + c.merged + c.byDisposition.retire + c.keptApart).toBe(c.systems);
  expect(c.cleanUp).toBe(c.byDisposition.retire + c.merged);
  expect(c.cloudBound).toBe(c.toCloud + c.merged);

  // Summary: the Systems line, the dispositions table, the per-department table.
  const summary = text("summary.md");
  const departmentList = text("lists/departments.md");
  expect(summary).toContain(`| Systems | ${c.systems} (${c.toCloud} of them to the cloud, ${c.merged} merged) |`);
  for (const d of DISPOSITION_ORDER)
    expect(rows(summary, new RegExp(`^${escape(md(dispositionLabel("en", d)))}$`))[0]).toEqual([
      md(dispositionLabel("en", d)),
      String(c.byDisposition[d]),
    ]);
  expect(summary).toContain(`${c.cloudBound} in all`);

  // Appendix 2: its totals row and each department's row.
  const appendix = text("appendix2-progress.md");
  const totals = rows(appendix, /^\*\*Total\*\*$/)[0]!;
  expect([totals[6], totals[7], totals[8], totals[13]]).toEqual([
    String(c.systems),
    String(c.cleanUp),
    String(c.keptApart),
    String(c.toCloud),
  ]);

  const sum: Record<string, number> = { systems: 0, toCloud: 0, merged: 0, retired: 0, kept: 0 };
  for (const department of ctx.departments) {
    const dc = ctx.countsOf(department.id);
    const page = text(`departments/${department.id}.md`);
    const overview = /has (\d+) systems?: (\d+) to the cloud, (\d+) merged, (\d+) retired, (\d+) kept apart\./.exec(
      page,
    );
    expect(overview, department.id).not.toBeNull();
    const [systems, toCloud, merged, retired, kept] = overview!.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    expect([systems, toCloud, merged, retired, kept]).toEqual([
      dc.systems,
      dc.toCloud,
      dc.merged,
      dc.byDisposition.retire,
      dc.keptApart,
    ]);
    Object.entries({ systems, toCloud, merged, retired, kept }).forEach(([k, v]) => (sum[k] = sum[k]! + v));
    const row = rows(appendix, new RegExp(`^\\[${escape(md(department.name))}\\]`))[0]!;
    expect([row[6], row[7], row[8], row[13]!.replace(/ \(.*$/, "")]).toEqual([
      String(systems),
      String(merged + retired),
      String(kept),
      String(toCloud),
    ]);
    // The summary shows the largest departments; the department list it links to has every one.
    const summaryRow = rows(
      departmentList,
      new RegExp(`^\\[${escape(md(department.name))}\\]\\(\\.\\./departments/`),
    )[0]!;
    expect(summaryRow.slice(1).map(Number)).toEqual([systems, ...DISPOSITION_ORDER.map((d) => dc.byDisposition[d])]);
  }
  expect(sum).toEqual({
    systems: c.systems,
    toCloud: c.toCloud,
    merged: c.merged,
    retired: c.byDisposition.retire,
    kept: c.keptApart,
  });

  // The migration table: one row per non-classified system, its disposition as counted.
  const table = migrationTable(ctx);
  for (const d of DISPOSITIONS.filter((x): x is Exclude<Disposition, "exclude"> => x !== "exclude"))
    expect(table.rows.filter((r) => r[5] === dispositionLabel("en", d)).length, d).toBe(c.byDisposition[d]);
  if (c.byDisposition.exclude > 0) expect(text("migration-table.md")).toContain(String(c.byDisposition.exclude));

  // Room plans: O&M funding stops only for the systems that should have moved and did not (seeds 002–004).
  for (const room of plan.rooms) {
    const detail = room.steps.find((step) => step.step === "contracts-funding")!.detail.en;
    const losing = room.systems.filter((s) => plan.systems.find((p) => p.id === s.id)!.losesFunding).map((s) => s.id);
    expect(detail.includes("no O&M funding from next year"), room.id).toBe(losing.length > 0);
    for (const id of losing) expect(detail).toContain(id);
    for (const s of room.systems.filter((x) => x.disposition === "rehost" || x.disposition === "replatform"))
      if (!losing.includes(s.id)) expect(detail.split("should have moved")[1] ?? "").not.toContain(s.id);
  }

  // O&M saved: the rooms add up to the total, which counts only the systems that stop.
  const roomSaved = plan.rooms.reduce((n, r) => n + r.omCostSaved10kCny, 0);
  expect(Math.round(roomSaved * 100) / 100).toBe(c.omSaved10kCny);
  expect(summary).toContain(`**${money10k("en", c.omSaved10kCny)}**`);
  const stopping = plan.systems.filter((s) => s.disposition === "retire" || s.disposition === "consolidate");
  expect(c.omSaved10kCny).toBe(
    Math.round(
      stopping.reduce((n, s) => n + (inventory.systems.find((x) => x.id === s.id)!.omCost10kCny ?? 0), 0) * 100,
    ) / 100,
  );
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("the reports agree on every count", () => {
  it("on the sample", async () => {
    const inventory = await zhoucunInventory();
    await check(inventory, buildPlan({ inventory, dataset: "zhoucun" }));
  });

  it("on a generated city", async () => {
    const inventory = generateEstate({ systems: 300, seed: 5 });
    await check(inventory, buildPlan({ inventory, dataset: "city" }));
  });

  it("per department and in total from one function", () => {
    const systems = [
      { id: "a", disposition: "rehost", cutoverDate: "2018-05-01", losesFunding: false },
      { id: "b", disposition: "consolidate", cutoverDate: null, losesFunding: true },
      { id: "c", disposition: "retire", cutoverDate: "2018-05-01", losesFunding: false },
    ] as const;
    const cost = (id: string) => ({ a: 10, b: 5, c: 2 })[id];
    expect(countSystems(systems, cost)).toMatchObject({
      systems: 3,
      toCloud: 1,
      merged: 1,
      cleanUp: 2,
      cloudBound: 2,
      unscheduled: 1,
      losingFunding: 1,
      omSaved10kCny: 7,
    });
    const split = planCounts(systems, (id) => (id === "a" ? "x" : "y"), cost);
    expect(split.byDepartment.get("x")).toMatchObject({ systems: 1, toCloud: 1, omSaved10kCny: 0 });
    expect(split.byDepartment.get("y")).toMatchObject({ systems: 2, cleanUp: 2, omSaved10kCny: 7 });
  });
});
