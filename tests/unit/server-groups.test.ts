/** The form's 服务器分组 cell: written with roles, read back the same; a bad cell is an error at the cell. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/migration/inventory/diagnostics";
import { readServerGroups, writeServerGroups } from "../../src/migration/inventory/form/server-groups";
import { formRowsToCsv, inventoryToFormRows } from "../../src/migration/inventory/form/write-form";
import { loadInventory } from "../../src/migration/inventory/load";
import type { Inventory } from "../../src/migration/inventory/model";
import { aSystem } from "../support/systems";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-groups-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("服务器分组", () => {
  const groups = aSystem({ id: "x" }).servers;

  it("writes each group with its role, and reads it back", () => {
    const cell = writeServerGroups(groups)!;
    expect(cell).toBe(
      "应用服务器，2台，16核，内存32GB，存储400GB，CentOS 7.2；数据库服务器，1台，16核，内存64GB，存储2000GB，CentOS 7.2",
    );
    expect(readServerGroups(cell)).toEqual({ ok: true, groups });
    expect(readServerGroups("db，1台，8核，内存16GB，存储500GB")).toEqual({
      ok: true,
      groups: [{ role: "db", count: 1, cores: 8, memoryGb: 16, diskGb: 500 }],
    });
    expect(writeServerGroups([{ count: 2, cores: 8, memoryGb: 16, diskGb: 100 }])).toBeNull();
  });

  it("says which group lacks what", () => {
    expect(readServerGroups("应用服务器，2台，16核")).toMatchObject({
      ok: false,
      message: expect.stringContaining("lacks 内存N GB、存储N GB"),
    });
  });

  it(
    "the form keeps what the plan uses: groups with roles, the whole exception, the id, seed 002's data-sharing " +
      "frequency",
    async () => {
      const system = aSystem({
        id: "kept-1",
        department: "a",
        serverRoom: "r",
        dataSharingFrequency: "weekly",
        retain: {
          approvalRef: "周政字〔2018〕12号",
          approvedBy: "区政府",
          reason: "上级垂直管理",
          until: "2019-06-30",
        },
      });
      const inventory: Inventory = {
        policy: undefined,
        departments: [{ id: "a", name: "甲局", level: "district" }],
        rooms: [{ id: "r", name: "机房", privateLines: [] }],
        systems: [system],
      };
      const { header, rows } = inventoryToFormRows(inventory);
      const file = path.join(scratch, "kept.csv");
      fs.writeFileSync(file, formRowsToCsv(header, rows));
      const loaded = await loadInventory([file], { displayRoot: scratch });
      expect(loaded.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic)).toEqual([]);
      const back = loaded.inventory.systems[0]!;
      expect({ ...back, department: "a", serverRoom: "r" }).toEqual(system);
    },
  );

  async function read(edit: (header: string[], row: (string | number | null)[]) => void): Promise<string[]> {
    const inventory: Inventory = {
      policy: undefined,
      departments: [{ id: "a", name: "甲局", level: "district" }],
      rooms: [{ id: "r", name: "机房", privateLines: [] }],
      systems: [aSystem({ id: "x", department: "a", serverRoom: "r" })],
    };
    const { header, rows } = inventoryToFormRows(inventory);
    edit(header, rows[0]!);
    const file = path.join(scratch, `f${Math.random().toString(36).slice(2)}.csv`);
    fs.writeFileSync(file, formRowsToCsv(header, rows));
    const loaded = await loadInventory([file], { displayRoot: scratch });
    return loaded.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic);
  }

  it("an unreadable cell, or totals that are not the groups' sums, stop the import at the cell", async () => {
    expect(await read(() => undefined)).toEqual([]);
    const garbled = await read((header, row) => (row[header.indexOf("服务器分组")] = "应用服务器，两台"));
    expect(garbled).toHaveLength(1);
    expect(garbled[0]).toMatch(/:2:服务器分组: server_groups: group 1 \("应用服务器，两台"\) lacks N台/);
    const totals = await read((header, row) => (row[header.indexOf("服务器数量")] = 5));
    expect(totals).toEqual([
      expect.stringMatching(
        /:2:服务器数量: servers: 5 is not the sum of 服务器分组 \(3\) \(fix: make 服务器数量 the sum/,
      ),
    ]);
  });
});
