/**
 * The self-inspection form as a department's IT officer opens it: drop-downs on every
 * fixed-value column, a note on every header, a 填表说明 sheet, the header frozen, columns
 * as wide as what they hold. Checked by reading the written workbook back.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { allowedValues, FORM_COLUMNS } from "../../src/migration/inventory/form/columns";
import { headerNote, INSTRUCTIONS_SHEET } from "../../src/migration/inventory/form/instructions";
import { displayWidth } from "../../src/migration/inventory/form/print-setup";
import { readFormFile } from "../../src/migration/inventory/form/read-form";
import { columnWidths, SPARE_ROWS } from "../../src/migration/inventory/form/table-workbook";
import { formRowsToXlsx, inventoryToFormRows } from "../../src/migration/inventory/form/write-form";
import { zhoucunInventory } from "../render/support";

type Validation = { type: string; formulae: string[]; showErrorMessage?: boolean };

describe("the self-inspection form workbook", async () => {
  const inventory = await zhoucunInventory();
  const { header, rows } = inventoryToFormRows(inventory);
  const bytes = await formRowsToXlsx("周村区政务信息系统自查表", header, rows, "2018-01-31");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const form = workbook.getWorksheet("自查表")!;
  const validations = (form as unknown as { dataValidations: { model: Record<string, Validation | undefined> } })
    .dataValidations.model;
  const firstRow = 3;
  const lastRow = firstRow + rows.length + SPARE_ROWS - 1;

  it("has the form, then its instructions", () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["自查表", INSTRUCTIONS_SHEET]);
  });

  it("offers a drop-down of the allowed values on every fixed-value column, pre-filled and spare rows alike", () => {
    const fixed = FORM_COLUMNS.filter((column) => allowedValues(column));
    expect(fixed.map((column) => column.header)).toEqual([
      "使用范围",
      "使用频度",
      "数据共享频度",
      "承载网络",
      "面向公众",
      "是否涉密",
      "等保级别",
      "运维状态",
    ]);
    FORM_COLUMNS.forEach((column, index) => {
      const letter = form.getColumn(index + 1).letter;
      const values = allowedValues(column);
      for (const row of [firstRow, lastRow]) {
        const validation = validations[`${letter}${row}`];
        if (!values) {
          expect(validation, `${column.header} has no drop-down`).toBeUndefined();
          continue;
        }
        expect(validation, `${column.header} row ${row}`).toMatchObject({ type: "list", showErrorMessage: true });
        expect(validation!.formulae).toEqual([`"${values.join(",")}"`]);
      }
      expect(validations[`${letter}${lastRow + 1}`]).toBeUndefined();
      expect(validations[`${letter}${firstRow - 1}`], "not on the header").toBeUndefined();
    });
    // What the writer writes is always on the list.
    FORM_COLUMNS.forEach((column, index) => {
      const values = allowedValues(column);
      if (!values) return;
      for (const row of rows) if (row[index] !== null) expect(values).toContain(String(row[index]));
    });
  });

  it("notes on every header what the column means, whether it is required and what it takes", () => {
    FORM_COLUMNS.forEach((column, index) => {
      const cell = form.getRow(2).getCell(index + 1);
      expect(cell.value).toBe(column.header);
      const note = cell.note as string | { texts: { text: string }[] };
      const text = typeof note === "string" ? note : note.texts.map((t) => t.text).join("");
      expect(text).toBe(headerNote(column));
      expect(text).toContain(column.meaning);
    });
    expect(headerNote(FORM_COLUMNS.find((c) => c.key === "usage_scope")!)).toMatch(
      /必填。从下拉列表选择：全区、全市、全县、本部门、内设机构、社会公众$/,
    );
    expect(headerNote(FORM_COLUMNS.find((c) => c.key === "remarks")!)).toMatch(/选填。文字$/);
  });

  it("freezes the title and the header, and the columns up to 系统名称", () => {
    expect(form.views[0]).toMatchObject({ state: "frozen", ySplit: 2, xSplit: 5 });
    expect(form.getRow(2).getCell(5).value).toBe("系统名称");
  });

  it("makes each column as wide as its widest cell, CJK counted double, so names and functions are not cut", () => {
    const at = (key: string) => FORM_COLUMNS.findIndex((column) => column.key === key);
    for (const key of ["name", "function", "id", "department"]) {
      const index = at(key);
      const widest = Math.max(...rows.map((row) => displayWidth(String(row[index] ?? ""))));
      expect(form.getColumn(index + 1).width, key).toBeGreaterThanOrEqual(Math.min(widest, 48));
    }
    // 服务器分组 runs long: capped, and wrapped in its cells.
    const groups = at("server_groups");
    expect(form.getColumn(groups + 1).width).toBe(50);
    const long = rows.findIndex((row) => displayWidth(String(row[groups] ?? "")) > 48);
    expect(form.getRow(firstRow + long).getCell(groups + 1).alignment).toMatchObject({ wrapText: true });
  });

  it("lists every column in 填表说明 with its meaning, whether it is required and its allowed values", () => {
    const sheet = workbook.getWorksheet(INSTRUCTIONS_SHEET)!;
    const lines = new Map<string, string[]>();
    sheet.eachRow((row, number) => {
      if (number > 2)
        lines.set(
          String(row.getCell(1).value),
          [2, 3, 4].map((c) => String(row.getCell(c).value ?? "")),
        );
    });
    for (const column of FORM_COLUMNS) {
      const [meaning, need, rule] = lines.get(column.header)!;
      expect(meaning).toBe(column.meaning);
      expect(need).toMatch(/^(必填|选填|预填，勿改)$/);
      for (const value of allowedValues(column) ?? []) expect(rule).toContain(value);
    }
    expect(lines.get("系统名称")![1]).toBe("必填");
    expect(lines.get("系统编号")![1]).toBe("预填，勿改");
    expect([...lines.values()].some(([text]) => text!.includes("2018-01-31"))).toBe(true);
  });

  it("reads back as the form alone: the instructions sheet is skipped without a word", async () => {
    const read = await readFormFile(new Uint8Array(bytes), ".xlsx", "form.xlsx", {});
    expect(read.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(read.diagnostics.filter((d) => d.message.includes("skipped"))).toEqual([]);
    expect(read.sections?.systems).toHaveLength(rows.length);
  });
});

describe("column widths", () => {
  it("count CJK and full-width characters double, others once", () => {
    expect(displayWidth("系统名称")).toBe(8);
    expect(displayWidth("CentOS 7.2")).toBe(10);
    expect(displayWidth("（万元）")).toBe(8);
    expect(displayWidth("Ａ1")).toBe(3);
  });

  it("follow the content, headers up to a point (they wrap), long texts capped", () => {
    const widths = columnWidths({
      header: ["序号", "系统名称", "制定本部门整合共享工作管理制度和工作方案情况", "备注"],
      rows: [[1, "王村镇便民服务中心系统", 3, "很长".repeat(40)]],
    });
    expect(widths).toEqual([
      { width: 6 + 2, wrap: false },
      { width: 22 + 2, wrap: false },
      { width: 16 + 2, wrap: false },
      { width: 48 + 2, wrap: true },
    ]);
  });
});
