import { describe, expect, it } from "vitest";
import { readCell } from "../../src/migration/inventory/form/cells";
import { columnForField, columnForHeader, FORM_COLUMNS } from "../../src/migration/inventory/form/columns";
import { HOSTING_NETWORKS, USAGE_FREQUENCIES, USAGE_SCOPES } from "../../src/migration/inventory/vocabulary";

describe("form cells", () => {
  it("reads the form's Chinese labels and the English values", () => {
    const scope = { type: "enum", vocabulary: USAGE_SCOPES } as const;
    expect(readCell("全市", scope)).toEqual({ ok: true, value: "region" });
    expect(readCell("全区", scope)).toEqual({ ok: true, value: "region" });
    expect(readCell("社会公众", scope)).toEqual({ ok: true, value: "public" });
    expect(readCell("Public", scope)).toEqual({ ok: true, value: "public" });
    expect(readCell("停用", { type: "enum", vocabulary: USAGE_FREQUENCIES })).toEqual({ ok: true, value: "unused" });
    expect(readCell("业务专网", { type: "enum", vocabulary: HOSTING_NETWORKS })).toEqual({
      ok: true,
      value: "private",
    });
  });

  it("suggests the label a slip was meant to be", () => {
    const result = readCell("每曰", { type: "enum", vocabulary: USAGE_FREQUENCIES });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('did you mean "每日"?') });
  });

  it("reads 是/否, percentages and numbers with thousands separators", () => {
    expect(readCell("是", { type: "boolean" })).toEqual({ ok: true, value: true });
    expect(readCell("否", { type: "boolean" })).toEqual({ ok: true, value: false });
    expect(readCell("35%", { type: "percent" })).toEqual({ ok: true, value: 35 });
    expect(readCell("１,０２４", { type: "integer" })).toEqual({ ok: true, value: 1024 });
    expect(readCell(2.5, { type: "number" })).toEqual({ ok: true, value: 2.5 });
    expect(readCell("2.5", { type: "integer" })).toMatchObject({ ok: false });
  });

  it("reads date cells, spreadsheet serial numbers and the three spellings", () => {
    expect(readCell(new Date(Date.UTC(2018, 2, 1)), { type: "date" })).toEqual({ ok: true, value: "2018-03-01" });
    expect(readCell(43160, { type: "date" })).toEqual({ ok: true, value: "2018-03-01" });
    expect(readCell("2018年3月1日", { type: "date" })).toEqual({ ok: true, value: "2018-03-01" });
  });

  it("takes a comma only as a thousands separator, never as a decimal comma", () => {
    expect(readCell("1,024", { type: "integer" })).toEqual({ ok: true, value: 1024 });
    expect(readCell("12,345.5", { type: "number" })).toEqual({ ok: true, value: 12345.5 });
    expect(readCell("１，０２４", { type: "number" })).toEqual({ ok: true, value: 1024 });
    expect(readCell("1,234,567", { type: "number" })).toEqual({ ok: true, value: 1234567 });
    for (const text of ["1,5", "2,50", "1,0245", ",5", "1,,000", "12,5%"]) {
      const kind = text.endsWith("%") ? ({ type: "percent" } as const) : ({ type: "number" } as const);
      expect(readCell(text, kind)).toMatchObject({ ok: false, fix: "use a decimal point, e.g. 1.5" });
    }
  });

  it("takes a bare number in a date column only when it is a plausible date serial", () => {
    expect(readCell(32874, { type: "date" })).toEqual({ ok: true, value: "1990-01-01" });
    expect(readCell(73415, { type: "date" })).toEqual({ ok: true, value: "2100-12-31" });
    expect(readCell(2016, { type: "date" })).toEqual({
      ok: false,
      message: "2016 is a number, not a date",
      fix: "write 2018-03-01, 2018/3/1 or 2018年3月1日",
    });
    expect(readCell(201709, { type: "date" })).toMatchObject({ ok: false, message: "201709 is a number, not a date" });
    expect(readCell(32873, { type: "date" })).toMatchObject({ ok: false });
    expect(readCell(73416, { type: "date" })).toMatchObject({ ok: false });
    expect(readCell(43160.5, { type: "date" })).toMatchObject({ ok: false });
  });

  it("reports a cell that holds no value (formula errors, formulas never calculated) whatever its column", () => {
    const cell = { error: "formula error #DIV/0!", fix: "correct the formula or type the value" };
    for (const type of ["text", "integer", "date", "boolean", "names"] as const) {
      expect(readCell(cell, { type })).toEqual({
        ok: false,
        message: "formula error #DIV/0!",
        fix: "correct the formula or type the value",
      });
    }
  });

  it("splits name lists on full-width and ASCII semicolons", () => {
    expect(readCell("人口库；法人库;  电子证照库 ；", { type: "names" })).toEqual({
      ok: true,
      value: ["人口库", "法人库", "电子证照库"],
    });
  });

  it("leaves empty cells out", () => {
    expect(readCell("  ", { type: "text" })).toBeUndefined();
    expect(readCell(null, { type: "integer" })).toBeUndefined();
  });
});

describe("form columns", () => {
  it("accepts the Chinese header, the English alias, and full-width brackets", () => {
    for (const column of FORM_COLUMNS) {
      expect(columnForHeader(column.header)).toBe(column);
      expect(columnForHeader(column.key)).toBe(column);
    }
    expect(columnForHeader("年运维费用（万元）")?.key).toBe("om_cost_10k_cny");
    expect(columnForHeader("CPU 平均利用率（%）")?.key).toBe("cpu_avg_pct");
  });

  it("has the form's 41 columns in the notice's order, and 系统编号 after 序号", () => {
    // Seed 002 adds the data-sharing frequency; the plan needs the server groups with their roles and the whole
    // exception.
    expect(FORM_COLUMNS.map((c) => c.key)).toEqual([
      "no",
      "id",
      "department",
      "sub_unit",
      "name",
      "function",
      "usage_scope",
      "usage_frequency",
      "data_sharing_frequency",
      "users",
      "approved_by",
      "approval_date",
      "approval_ref",
      "construction_funding",
      "om_funding",
      "om_cost_10k_cny",
      "hosting_network",
      "public_facing",
      "classified",
      "mlps_level",
      "last_update",
      "om_status",
      "cpu_avg_pct",
      "cpu_peak_pct",
      "server_room",
      "servers",
      "cores",
      "memory_gb",
      "disk_gb",
      "data_gb",
      "os",
      "server_groups",
      "database",
      "max_downtime_h",
      "depends_on",
      "duplicates",
      "retain_approval",
      "retain_approved_by",
      "retain_reason",
      "retain_until",
      "remarks",
    ]);
  });

  it("maps model fields back to the column that fills them", () => {
    expect(columnForField(["servers", 0, "memoryGb"])?.header).toBe("内存(GB)");
    expect(columnForField(["dependsOn", 3])?.header).toBe("依赖系统");
    expect(columnForField(["retain", "approvalRef"])?.header).toBe("暂不迁移批文");
    expect(columnForField(["servers"])?.header).toBe("服务器数量");
  });
});

describe("date cells outside the plan's years", () => {
  it("a date cell of 0 or a negative serial, or no valid date, is refused with the reason (never NaN-NaN-NaN)", () => {
    const zero = new Date(Date.UTC(1899, 11, 30));
    const negative = new Date(Date.UTC(1899, 11, 29));
    expect(readCell(zero, { type: "date" })).toMatchObject({
      ok: false,
      message: "the date cell holds 1899-12-30, outside the years 1900–2100",
    });
    expect(readCell(negative, { type: "date" })).toMatchObject({ ok: false });
    expect(readCell(new Date(Number.NaN), { type: "date" })).toMatchObject({
      ok: false,
      message: "the date cell holds no valid date, outside the years 1900–2100",
    });
    expect(readCell(0, { type: "date" })).toMatchObject({ ok: false, message: "0 is a number, not a date" });
    expect(readCell(-5, { type: "date" })).toMatchObject({ ok: false });
  });
});
