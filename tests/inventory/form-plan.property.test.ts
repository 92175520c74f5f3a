/**
 * The form keeps what the plan uses (issue 13): a pre-filled form sent to the departments
 * and read back gives the same plan, on generated estates. Departments, rooms and the
 * policy are not on the form (the migration team keeps them in departments.yaml,
 * rooms.yaml and policy.yaml): the read-back systems are put beside the estate's own, their
 * department and room found by name, as the import does.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { generateEstate } from "../../src/migration/generate/estate";
import { formatDiagnostic } from "../../src/migration/inventory/diagnostics";
import { formRowsToCsv, formRowsToXlsx, inventoryToFormRows } from "../../src/migration/inventory/form/write-form";
import { loadInventory } from "../../src/migration/inventory/load";
import type { Inventory } from "../../src/migration/inventory/model";
import { buildPlan } from "../../src/migration/plan/plan";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-form-plan-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

async function roundTrip(estate: Inventory, xlsx: boolean): Promise<Inventory> {
  const { header, rows } = inventoryToFormRows(estate);
  const file = path.join(scratch, `form-${counter++}.${xlsx ? "xlsx" : "csv"}`);
  fs.writeFileSync(
    file,
    xlsx ? await formRowsToXlsx("自查表", header, rows, "2018-01-31") : formRowsToCsv(header, rows),
  );
  const loaded = await loadInventory([file], { displayRoot: scratch });
  expect(loaded.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic)).toEqual([]);
  const read = loaded.inventory;
  const departmentByName = new Map(estate.departments.map((d) => [d.name, d.id]));
  const roomByName = new Map(estate.rooms.map((r) => [r.name, r.id]));
  const readDepartment = new Map(read.departments.map((d) => [d.id, d.name]));
  const readRoom = new Map(read.rooms.map((r) => [r.id, r.name]));
  const byId = new Map(read.systems.map((s) => [s.id, s]));
  return {
    policy: estate.policy,
    departments: estate.departments,
    rooms: estate.rooms,
    // In the estate's order (a YAML dataset's files keep theirs; the form sorts by department and name).
    systems: estate.systems.map((original) => {
      const system = byId.get(original.id)!;
      return {
        ...system,
        department: departmentByName.get(readDepartment.get(system.department)!)!,
        serverRoom: roomByName.get(readRoom.get(system.serverRoom)!)!,
      };
    }),
  };
}

describe("plan(import(form(x))) = plan(x)", () => {
  it("on generated estates of several seeds and sizes (CSV)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 30, max: 160 }),
        async (seed, systems) => {
          const estate = generateEstate({ systems, seed });
          const back = await roundTrip(estate, false);
          expect(back.systems).toEqual(estate.systems);
          expect(JSON.stringify(buildPlan({ inventory: back, dataset: "x" }))).toBe(
            JSON.stringify(buildPlan({ inventory: estate, dataset: "x" })),
          );
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 8) },
    );
  });

  it(
    "on the sample (inventories/zhoucun): the replatformed stay replatformed " +
      "(0 before the form kept roles), and no database server is in the DMZ",
    async () => {
      const loaded = await loadInventory(["inventories/zhoucun"], {});
      const estate = loaded.inventory;
      const back = await roundTrip(estate, false);
      expect(back.systems).toEqual(estate.systems);
      const before = buildPlan({ inventory: estate, dataset: "zhoucun" });
      const after = buildPlan({ inventory: back, dataset: "zhoucun" });
      const replatformed = (p: typeof before) => p.systems.filter((s) => s.disposition === "replatform").length;
      expect(replatformed(before)).toBeGreaterThan(0);
      expect(replatformed(after)).toBe(replatformed(before));
      const dataTiersInDmz = after.systems
        .flatMap((s) => s.targets)
        .filter(
          (t) => t.kind === "instance" && (t.role === "db" || t.role === "file") && (t.zone === "dmz" || t.floatingIp),
        );
      expect(dataTiersInDmz).toEqual([]);
      expect(JSON.stringify(after)).toBe(JSON.stringify(before));
    },
  );

  it("through an .xlsx workbook too", async () => {
    const estate = generateEstate({ systems: 120, seed: 13 });
    const back = await roundTrip(estate, true);
    expect(JSON.stringify(buildPlan({ inventory: back, dataset: "x" }))).toBe(
      JSON.stringify(buildPlan({ inventory: estate, dataset: "x" })),
    );
  });
});
