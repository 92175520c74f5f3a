/**
 * The shipped sample data: the Zhoucun dataset (seed 000) and the towns' self-inspection
 * form. Later issues lean on its mix, so the mix is pinned here.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic, type Diagnostic } from "../../src/migration/inventory/diagnostics";
import { isCompanionFile, loadInventory } from "../../src/migration/inventory/load";
import type { System } from "../../src/migration/inventory/model";

const project = path.resolve(__dirname, "..", "..");
const zhoucun = path.join(project, "inventories", "zhoucun");

/** Inventory files (a dataset folder's cutover.yaml is the site's actions, with its own schema). */
function dataFiles(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".yaml") && !isCompanionFile(path.basename(f)))
    .map((f) => path.join(folder, f));
}

describe("the Zhoucun sample dataset", async () => {
  const loaded = await loadInventory([zhoucun], { displayRoot: project });
  const { systems, departments, rooms, policy } = loaded.inventory;
  const byId = new Map(systems.map((s) => [s.id, s]));

  it("validates with only the intended warnings: an idle daily system and the three systems of one sub-unit", () => {
    const subUnit = (file: string, index: number, office: string): unknown =>
      expect.stringMatching(
        new RegExp(
          `^inventories/zhoucun/systems/${file}\\.yaml:\\d+:\\d+: warning: systems\\[${index}\\]\\.usageScope: ` +
            `exists in the name of a sub-unit \\(${office}\\): .*seed 000 §二\\(三\\)`,
        ),
      );
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([
      subUnit("finance", 4, "资产管理科"),
      subUnit("health", 6, "计划生育基层指导科"),
      expect.stringMatching(
        new RegExp(
          /^inventories\/zhoucun\/systems\/law-enforcement\.yaml:\d+:\d+: warning: /.source +
            /systems\[1\]\.cpuAvgPct: 0 % average CPU for a system used daily/.source,
        ),
      ),
      subUnit("transport", 1, "运输管理所客运科"),
    ]);
  });

  it("is district-sized: 20+ departments and towns, 80+ systems, 5 server rooms", () => {
    expect(departments.length).toBeGreaterThanOrEqual(20);
    expect(departments.filter((d) => d.level === "town").length).toBeGreaterThanOrEqual(5);
    expect(systems.length).toBeGreaterThanOrEqual(80);
    expect(rooms).toHaveLength(5);
  });

  it("carries the Weifang deadlines: 70 % by 2018-06-30, all by 2018-12-31", () => {
    expect(policy?.planningStart).toBe("2018-01-01");
    expect(policy?.deadlines.map((d) => [d.date, d.sharePct])).toEqual([
      ["2018-06-30", 70],
      ["2018-12-31", 100],
    ]);
  });

  it("exercises the rules the planner will apply", () => {
    const count = (predicate: (s: System) => boolean) => systems.filter(predicate).length;
    expect(count((s) => s.classified && s.hostingNetwork === "intranet")).toBe(2);
    expect(count((s) => s.publicFacing && s.hostingNetwork === "internet" && s.mlpsLevel === 3)).toBeGreaterThanOrEqual(
      1,
    );
    expect(count((s) => s.hostingNetwork === "private")).toBeGreaterThanOrEqual(10);
    expect(count((s) => s.retain?.approvalRef !== undefined)).toBeGreaterThanOrEqual(1);
    expect(count((s) => s.usageFrequency === "unused" || s.users === 0)).toBeGreaterThanOrEqual(2);
    expect(count((s) => s.omStatus === "stopped" || (s.lastUpdate ?? "9999") < "2015-01-01")).toBeGreaterThanOrEqual(2);
    expect(
      count((s) => (s.cpuPeakPct ?? 100) < 10 && (s.usageFrequency === "monthly" || s.usageFrequency === "yearly")),
    ).toBeGreaterThanOrEqual(2);
    expect(
      count((s) => s.usageScope === "subunit" && (s.usageFrequency === "monthly" || s.usageFrequency === "yearly")),
    ).toBeGreaterThanOrEqual(2);
    // Shadows inside one department, and replaceable systems pointing at another department's.
    const sameDepartmentDuplicates = systems.filter((s) =>
      s.duplicates.some((d) => byId.get(d)?.department === s.department),
    );
    const crossDepartmentDuplicates = systems.filter((s) =>
      s.duplicates.some((d) => byId.get(d)?.department !== s.department),
    );
    expect(new Set(sameDepartmentDuplicates.map((s) => s.department)).size).toBeGreaterThanOrEqual(3);
    expect(crossDepartmentDuplicates.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...systems.map((s) => s.dataGb))).toBeGreaterThan(5000);
  });

  it("has a retained system in a departmental room, which keeps that room open", () => {
    const retained = systems.filter((s) => s.retain);
    expect(retained.some((s) => rooms.find((r) => r.id === s.serverRoom)?.department === s.department)).toBe(true);
  });

  it("has dependency chains of depth 3+ and exactly one dependency cycle", () => {
    const depth = (id: string, seen: Set<string> = new Set()): number => {
      if (seen.has(id)) return 0;
      const next = new Set(seen).add(id);
      return 1 + Math.max(0, ...(byId.get(id)?.dependsOn ?? []).map((d) => depth(d, next)));
    };
    expect(Math.max(...systems.map((s) => depth(s.id)))).toBeGreaterThanOrEqual(4);
    // Strongly connected components with more than one member (Tarjan).
    let index = 0;
    const indices = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const cycles: string[][] = [];
    const visit = (id: string) => {
      indices.set(id, index);
      low.set(id, index++);
      stack.push(id);
      for (const next of byId.get(id)?.dependsOn ?? []) {
        if (!indices.has(next)) {
          visit(next);
          low.set(id, Math.min(low.get(id)!, low.get(next)!));
        } else if (stack.includes(next)) low.set(id, Math.min(low.get(id)!, indices.get(next)!));
      }
      if (low.get(id) === indices.get(id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          component.push(member);
        } while (member !== id);
        if (component.length > 1) cycles.push(component.sort());
      }
    };
    for (const s of systems) if (!indices.has(s.id)) visit(s.id);
    expect(cycles).toEqual([["housing-property-transaction", "land-estate-registration", "tax-property-levy"]]);
  });

  it("every data file points editors at the generated JSON Schema", () => {
    const modeline = /^# yaml-language-server: \$schema=(\S+)\n/;
    const pointsAtSchema = (file: string) => {
      const match = modeline.exec(fs.readFileSync(file, "utf8"));
      expect(match, file).not.toBeNull();
      expect(path.resolve(path.dirname(file), match![1]!), file).toBe(
        path.join(project, "inventories", "schema", "inventory.schema.json"),
      );
    };
    const sample = dataFiles(zhoucun);
    expect(sample.length).toBeGreaterThan(30);
    sample.forEach(pointsAtSchema);
    // Fixtures that carry a modeline (the broken-file ones cannot) must point at the schema too.
    const fixtures = dataFiles(path.join(project, "tests", "fixtures", "validation"));
    fixtures
      .filter((file) => fs.readFileSync(file, "utf8").startsWith("# yaml-language-server"))
      .forEach(pointsAtSchema);
  });
});

describe("the sample self-inspection form", () => {
  it("the XLSX under inventories/forms reads as the same model as its CSV source", async () => {
    const xlsx = await loadInventory([
      path.join(project, "inventories", "forms", "zhoucun-towns-self-inspection.xlsx"),
    ]);
    const csv = await loadInventory([path.join(project, "tests", "fixtures", "forms", "zhoucun-towns.csv")]);
    // The same three warnings, at the row of each (the workbook is sorted by department and name):
    // its systems of a single sub-unit (seed 000 §二(三)).
    const warnings = (diagnostics: readonly Diagnostic[]) =>
      diagnostics.map((d) => `${d.severity} ${d.field} ${d.message.replace(/:.*/, "")}`).sort();
    const expected = ["党建办", "救灾科", "科教科"].map(
      (office) => `warning usage_scope exists in the name of a sub-unit (${office})`,
    );
    expect(warnings(xlsx.diagnostics)).toEqual(expected);
    expect(warnings(csv.diagnostics)).toEqual(expected);
    expect(xlsx.inventory.systems.length).toBeGreaterThanOrEqual(25);
    expect(xlsx.inventory).toEqual(csv.inventory);
  });
});
