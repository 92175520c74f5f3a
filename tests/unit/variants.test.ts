/**
 * The spellings a department's IT officer writes instead of the form's own values: read as
 * the canonical value, with a warning that names it; unclear ones stay errors.
 */
import { describe, expect, it } from "vitest";
import { readCell } from "../../src/migration/inventory/form/cells";
import { allowedValues, FORM_COLUMNS, type FormColumn } from "../../src/migration/inventory/form/columns";
import { readFormFile } from "../../src/migration/inventory/form/read-form";
import { formRowsToCsv, inventoryToFormRows } from "../../src/migration/inventory/form/write-form";
import { formatDiagnostic } from "../../src/migration/inventory/diagnostics";
import { zhoucunInventory } from "../render/support";

const column = (header: string): FormColumn => FORM_COLUMNS.find((c) => c.header === header)!;

/** Column, what is written, what it is read as. */
const READ_AS: readonly (readonly [string, string, string])[] = [
  ["使用范围", "全镇", "全区"],
  ["使用范围", "全街道", "全区"],
  ["使用范围", "全市范围", "全市"],
  ["使用范围", "本单位", "本部门"],
  ["使用范围", "本局", "本部门"],
  ["使用范围", "科室", "内设机构"],
  ["使用范围", "公众", "社会公众"],
  ["使用范围", " 全 镇 ", "全区"],
  ["使用频度", "每天", "每日"],
  ["使用频度", "工作日", "每日"],
  ["使用频度", "每季度", "每年"],
  ["使用频度", "已停用", "停用"],
  ["数据共享频度", "实时", "每日"],
  ["数据共享频度", "按月", "每月"],
  ["承载网络", "视频专网", "业务专网"],
  ["承载网络", "公安专网", "业务专网"],
  ["承载网络", "专线", "业务专网"],
  ["承载网络", "公网", "互联网"],
  ["承载网络", "区政务外网", "政务外网"],
  ["承载网络", "涉密内网", "政务内网"],
  ["等保级别", "二级", "2"],
  ["等保级别", "第三级", "3"],
  ["等保级别", "等保三级", "3"],
  ["等保级别", "三级等保", "3"],
  ["等保级别", "2级", "2"],
  ["等保级别", "２级", "2"],
  ["等保级别", "等级保护第一级", "1"],
  ["运维状态", "停止运维", "停止"],
  ["运维状态", "运行正常", "正常"],
  ["面向公众", "√", "是"],
  ["面向公众", "不面向公众", "否"],
  ["是否涉密", "非涉密", "否"],
  ["是否涉密", "涉密", "是"],
  ["是否涉密", "×", "否"],
];

/** Spellings whose meaning is not clear: an error with the allowed values, never a guess. */
const REFUSED: readonly (readonly [string, string])[] = [
  ["承载网络", "内网"],
  ["承载网络", "外网"],
  ["使用频度", "不定期"],
  ["等保级别", "五级"],
  ["是否涉密", "面向公众"],
  ["面向公众", "涉密"],
];

describe("form variants", () => {
  it.each(READ_AS)("%s: %s is read as %s, and says so", (header, written, canonical) => {
    const kind = column(header).kind;
    const read = readCell(written, kind);
    const expected = readCell(canonical, kind);
    expect(expected).toMatchObject({ ok: true });
    expect(read).toEqual({ ...expected, variant: { written: written.trim(), canonical } });
  });

  it.each(REFUSED)("%s: %s is refused", (header, written) => {
    expect(readCell(written, column(header).kind)).toMatchObject({ ok: false });
  });

  it("every variant of every column is read as a value its drop-down offers, and none is already a value", () => {
    let count = 0;
    for (const col of FORM_COLUMNS) {
      const kind = col.kind;
      if (!("variants" in kind) || !kind.variants) continue;
      const offered = allowedValues(col)!;
      for (const [written, canonical] of Object.entries(kind.variants)) {
        count++;
        expect(offered, `${col.header}: ${written}`).toContain(canonical);
        expect(readCell(written, kind), `${col.header}: ${written}`).toMatchObject({ variant: { canonical } });
      }
    }
    expect(count).toBeGreaterThan(150);
  });

  it("the form's own values are read without a warning", () => {
    for (const col of FORM_COLUMNS)
      for (const value of allowedValues(col) ?? [])
        expect(readCell(value, col.kind), `${col.header}: ${value}`).not.toHaveProperty("variant");
  });

  it("a form written with variants reads as one written with the canonical values, one warning a cell", async () => {
    const { header, rows } = inventoryToFormRows(await zhoucunInventory());
    const at = (h: string) => header.indexOf(h);
    const row = rows.findIndex((r) => r[at("承载网络")] === "业务专网" && r[at("等保级别")] === 2);
    expect(row).toBeGreaterThanOrEqual(0);
    const edited = rows.map((r) => [...r]);
    edited[row]![at("承载网络")] = "视频专网";
    edited[row]![at("等保级别")] = "二级";
    const read = (body: string) => readFormFile(new TextEncoder().encode(body), ".csv", "form.csv", {});
    const canonical = await read(formRowsToCsv(header, rows));
    const variants = await read(formRowsToCsv(header, edited));
    expect(variants.sections?.systems.map((s) => s.value)).toEqual(canonical.sections?.systems.map((s) => s.value));
    expect(canonical.diagnostics).toEqual([]);
    expect(variants.diagnostics.map(formatDiagnostic)).toEqual([
      `form.csv:${row + 2}:承载网络: warning: hosting_network: "视频专网" read as 业务专网 (fix: ` +
        `write 业务专网, the value the form lists)`,
      `form.csv:${row + 2}:等保级别: warning: mlps_level: "二级" read as 2 (fix: write 2, the value the form lists)`,
    ]);
  });
});
