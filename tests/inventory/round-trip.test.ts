import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/migration/inventory/diagnostics";
import { formRowsToCsv, formRowsToXlsx, inventoryToFormRows } from "../../src/migration/inventory/form/write-form";
import { loadInventory } from "../../src/migration/inventory/load";
import type { Inventory } from "../../src/migration/inventory/model";
import { renderInventoryFiles } from "../../src/migration/inventory/write-yaml";
import { inventoryArbitrary } from "../support/arbitraries";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-roundtrip-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

function writeFiles(files: Map<string, string>): string {
  const folder = path.join(scratch, `case-${counter++}`);
  for (const [relative, content] of files) {
    fs.mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
    fs.writeFileSync(path.join(folder, relative), content);
  }
  return folder;
}

const render = (inventory: Inventory) =>
  renderInventoryFiles(inventory, { modeline: () => "# yaml-language-server: $schema=x", provenance: "test" });

async function load(target: string): Promise<Inventory> {
  const loaded = await loadInventory([target], { displayRoot: scratch });
  expect(loaded.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic)).toEqual([]);
  return loaded.inventory;
}

describe("round trips", () => {
  it("YAML: render → load gives the same model", async () => {
    await fc.assert(
      fc.asyncProperty(inventoryArbitrary, async (inventory) => {
        expect(await load(writeFiles(render(inventory)))).toEqual(inventory);
      }),
      { numRuns: 40 },
    );
  });

  it("rendering is deterministic and independent of record order", () => {
    fc.assert(
      fc.property(inventoryArbitrary, (inventory) => {
        const shuffled: Inventory = { ...inventory, systems: [...inventory.systems].reverse() };
        expect([...render(shuffled)]).toEqual([...render(inventory)]);
      }),
      { numRuns: 30 },
    );
  });

  it("form: a form read directly equals the YAML imported from it (CSV and XLSX)", async () => {
    await fc.assert(
      fc.asyncProperty(inventoryArbitrary, async (inventory) => {
        const { header, rows } = inventoryToFormRows(inventory);
        const folder = path.join(scratch, `form-${counter++}`);
        fs.mkdirSync(folder);
        fs.writeFileSync(path.join(folder, "form.csv"), formRowsToCsv(header, rows));
        fs.writeFileSync(path.join(folder, "form.xlsx"), await formRowsToXlsx("自查表", header, rows, "2018-01-31"));
        const fromCsv = await load(path.join(folder, "form.csv"));
        const fromXlsx = await load(path.join(folder, "form.xlsx"));
        expect(fromXlsx).toEqual(fromCsv);
        expect(await load(writeFiles(render(fromCsv)))).toEqual(fromCsv);
        // What the form carries survives: ids (系统编号), names, functions, numbers, links by name.
        expect(fromCsv.systems.map((s) => s.id)).toEqual(inventory.systems.map((s) => s.id));
        expect(fromCsv.systems.map((s) => s.name).sort()).toEqual(inventory.systems.map((s) => s.name).sort());
        const links = (systems: Inventory["systems"]) => systems.map((s) => [s.dependsOn, s.duplicates]);
        expect(links(fromCsv.systems)).toEqual(links(inventory.systems));
      }),
      { numRuns: 15 },
    );
  });

  it("form: a system renamed on the written form keeps its id, and so does every other system", async () => {
    await fc.assert(
      fc.asyncProperty(inventoryArbitrary, fc.nat(), async (inventory, pick) => {
        const { header, rows } = inventoryToFormRows(inventory);
        const [nameAt, dependsAt, duplicatesAt] = ["系统名称", "依赖系统", "功能重复系统"].map((label) =>
          header.indexOf(label),
        ) as [number, number, number];
        const renamed = rows[pick % rows.length]!;
        const oldName = renamed[nameAt] as string;
        const newName = `${oldName}（更名）`;
        renamed[nameAt] = newName;
        // References stay names: the department renames the system where other rows name it too.
        for (const row of rows)
          for (const at of [dependsAt, duplicatesAt]) row[at] = renameIn(row[at]!, oldName, newName);
        const folder = path.join(scratch, `renamed-${counter++}`);
        fs.mkdirSync(folder);
        fs.writeFileSync(path.join(folder, "form.csv"), formRowsToCsv(header, rows));
        fs.writeFileSync(path.join(folder, "form.xlsx"), await formRowsToXlsx("自查表", header, rows, "2018-01-31"));
        for (const file of ["form.csv", "form.xlsx"]) {
          const read = await load(path.join(folder, file));
          expect(read.systems.map((s) => s.id)).toEqual(inventory.systems.map((s) => s.id));
          const renamedId = inventory.systems.find((s) => s.name === oldName)!.id;
          expect(read.systems.find((s) => s.id === renamedId)!.name).toBe(newName);
          expect(read.systems.map((s) => [s.dependsOn, s.duplicates])).toEqual(
            inventory.systems.map((s) => [s.dependsOn, s.duplicates]),
          );
        }
      }),
      { numRuns: 15 },
    );
  });
});

/** A 依赖系统 or 功能重复系统 cell with one system's name (or 部门/name) changed. */
function renameIn(cell: string | number | null, oldName: string, newName: string): string | number | null {
  if (typeof cell !== "string") return cell;
  const renamed = (entry: string) => {
    if (entry === oldName) return newName;
    return entry.endsWith(`/${oldName}`) ? `${entry.slice(0, -oldName.length)}${newName}` : entry;
  };
  return cell.split("；").map(renamed).join("；");
}

describe("names shared by several departments", () => {
  it("are written 部门/系统名称 in 依赖系统, and read back to the same systems", async () => {
    const base = {
      usageScope: "region",
      usageFrequency: "daily",
      users: 5,
      hostingNetwork: "extranet",
      publicFacing: false,
      classified: false,
      omStatus: "active",
      servers: [{ count: 1, cores: 4, memoryGb: 8, diskGb: 100 }],
      dataGb: 10,
      duplicates: [],
    } as const;
    const inventory: Inventory = {
      policy: undefined,
      departments: [
        { id: "a", name: "甲局", level: "district" },
        { id: "b", name: "乙局", level: "district" },
      ],
      rooms: [{ id: "r", name: "机房", privateLines: [] }],
      systems: [
        {
          ...base,
          servers: [...base.servers],
          duplicates: [],
          id: "a-oa",
          name: "协同办公系统",
          department: "a",
          function: "办公",
          serverRoom: "r",
          dependsOn: [],
        },
        {
          ...base,
          servers: [...base.servers],
          duplicates: [],
          id: "b-oa",
          name: "协同办公系统",
          department: "b",
          function: "办公",
          serverRoom: "r",
          dependsOn: [],
        },
        {
          ...base,
          servers: [...base.servers],
          duplicates: [],
          id: "a-app",
          name: "审批系统",
          department: "a",
          function: "审批",
          serverRoom: "r",
          dependsOn: ["b-oa"],
        },
      ],
    };
    const { header, rows } = inventoryToFormRows(inventory);
    const [name, dependsOn] = [header.indexOf("系统名称"), header.indexOf("依赖系统")];
    expect(rows.find((r) => r[name] === "审批系统")![dependsOn]).toBe("乙局/协同办公系统");
    const folder = path.join(scratch, `shared-names-${counter++}`);
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, "form.csv"), formRowsToCsv(header, rows));
    const read = await load(path.join(folder, "form.csv"));
    const approval = read.systems.find((s) => s.name === "审批系统")!;
    const target = read.systems.find((s) => s.id === approval.dependsOn[0])!;
    expect(read.departments.find((d) => d.id === target.department)!.name).toBe("乙局");
  });
});
