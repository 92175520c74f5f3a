/** The migration plan table as CSV and as a workbook: the same rows, Excel-friendly bytes. */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { isoOfUtcDate } from "../../src/migration/inventory/dates";
import { parseCsv } from "../../src/migration/inventory/form/csv";
import type { Inventory } from "../../src/migration/inventory/model";
import { buildPlan } from "../../src/migration/plan/plan";
import { createContext } from "../../src/migration/plan/render/context";
import { migrationTable, migrationTableCsv, migrationTableXlsx } from "../../src/migration/plan/render/migration-table";
import { zhoucunPlan } from "./support";

async function readBack(bytes: Buffer): Promise<{ name: string; rows: (string | number | null)[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: (string | number | null)[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: (string | number | null)[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const value = row.getCell(c).value;
      cells.push(
        value instanceof Date
          ? isoOfUtcDate(value)
          : value === null || value === undefined
            ? null
            : (value as string | number),
      );
    }
    rows.push(cells);
  });
  return { name: sheet.name, rows };
}

describe("the migration plan table", async () => {
  const { inventory, plan } = await zhoucunPlan();
  const zh = migrationTable(createContext(plan, inventory, "zh"));
  const en = migrationTable(createContext(plan, inventory, "en"));
  const listed = plan.systems.filter((s) => s.disposition !== "exclude");

  it("has Luzhou's columns and one row per non-classified system", () => {
    expect(zh.header).toEqual([
      "序号",
      "部门",
      "系统名称",
      "当前所在机房",
      "承载网络",
      "处置方式",
      "目标域",
      "迁移方式",
      "计划割接日期",
      "批次",
      "数据量(GB)",
      "备注",
    ]);
    expect(en.header).not.toEqual(zh.header);
    expect(zh.rows).toHaveLength(listed.length);
    expect(zh.rows.map((r) => r[0])).toEqual(listed.map((_, i) => i + 1));
    expect(new Set(zh.rows.map((r) => r[2]))).toEqual(new Set(listed.map((s) => s.name)));
  });

  it("fills each row from the plan and the inventory", () => {
    for (const system of listed) {
      const row = zh.rows.find((r) => r[2] === system.name)!;
      const source = inventory.systems.find((s) => s.id === system.id)!;
      expect(row[8]).toBe(system.cutoverDate);
      expect(row[9]).toBe(system.wave);
      expect(row[10]).toBe(source.dataGb);
      const kind = system.runbook?.kind;
      if (kind === "cutover" && system.runbook?.copyMode === "warm") expect(row[7]).toBe("温迁移");
      if (kind === "cutover" && system.runbook?.copyMode === "cold") expect(row[7]).toBe("冷迁移");
      if (kind === "consolidation")
        expect(row[7]).toBe(system.runbook?.copyMode === "warm" ? "数据合并（温迁移）" : "数据合并");
      if (system.consolidateInto) expect(String(row[11])).toContain(system.consolidateInto);
      if (system.disposition === "retain")
        expect(String(row[11])).toContain(source.retain?.approvalRef ?? "批文未登记");
      const label = {
        rehost: "迁移上云-原样迁移",
        replatform: "迁移上云-容器化改造",
        consolidate: "整合",
        retire: "清理",
        retain: "暂缓迁移(有批文)",
        exclude: "涉密不上云",
      }[system.disposition];
      expect(row[5]).toBe(label);
    }
  });

  it("is written as CSV with a BOM, CRLF and RFC 4180 quoting", () => {
    const csv = migrationTableCsv(zh);
    expect(csv.startsWith("\uFEFF序号,部门,系统名称")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.replace(/\r\n/g, "")).not.toMatch(/\n/);
    const parsed = parseCsv(csv.slice(1));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rows).toHaveLength(listed.length + 1);
    expect(parsed.rows.slice(1).map((r) => r.cells)).toEqual(
      zh.rows.map((r) => r.map((v) => (v === null ? "" : String(v)))),
    );
  });

  it("quotes names with commas, quotes and line breaks", async () => {
    const renamed: Inventory = {
      ...inventory,
      systems: inventory.systems.map((s) => (s.id !== listed[0]!.id ? s : { ...s, name: '甲,"乙"\n丙' })),
    };
    const table = migrationTable(createContext(buildPlan({ inventory: renamed, dataset: "zhoucun" }), renamed, "zh"));
    const csv = migrationTableCsv(table);
    expect(csv).toContain('"甲,""乙""\n丙"');
  });

  it("is written as a workbook holding the same rows, with a title row and date cells", async () => {
    for (const table of [zh, en]) {
      const book = await readBack(await migrationTableXlsx(table));
      expect(book.name).toBe(table.sheet);
      expect(book.rows[0]![0]).toBe(table.title);
      expect(book.rows[1]).toEqual(table.header);
      expect(book.rows.slice(2)).toEqual(table.rows.map((r) => r.map((v) => v)));
    }
  });

  it("gives the same workbook bytes every time", async () => {
    const a = await migrationTableXlsx(zh);
    await new Promise((r) => setTimeout(r, 1100));
    const b = await migrationTableXlsx(zh);
    expect(Buffer.compare(a, b)).toBe(0);
  });
});
