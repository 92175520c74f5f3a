import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/migration/inventory/diagnostics";
import { columnLetter, levelOf, readFormFile } from "../../src/migration/inventory/form/read-form";
import { readCsvTable, readXlsxTable, type TableRow } from "../../src/migration/inventory/form/table";
import { readZipDirectory } from "../../src/migration/inventory/form/zip";
import { DEFAULT_MAX_FILE_BYTES } from "../../src/migration/inventory/source-text";

const fixtures = path.join(__dirname, "..", "fixtures", "validation");
const fixture = (name: string, file = "form.xlsx") => new Uint8Array(fs.readFileSync(path.join(fixtures, name, "input", file)));
const HEADER = fs.readFileSync(path.join(fixtures, "form-valid-chinese-headers", "input", "form.csv"), "utf8").split(/\r?\n/)[0]!;

type Named = { id: string; name: string; department?: string; level?: string; approvedBy?: string; dependsOn?: string[]; servers?: { cores?: number }[] };
const values = (records: readonly { value: unknown }[] | undefined) => (records ?? []).map((r) => r.value as Named);

describe("levelOf", () => {
  it("tells towns, district bodies and city bodies apart", () => {
    expect(levelOf("王村镇")).toBe("town");
    expect(levelOf("南郊乡")).toBe("town");
    expect(levelOf("永安街道")).toBe("town");
    expect(levelOf("永安街道办事处")).toBe("town");
    expect(levelOf("区民政局")).toBe("district");
    expect(levelOf("周村区市场监督管理局")).toBe("district");
    expect(levelOf("沂源县教育局")).toBe("district");
    expect(levelOf("市场监督管理局")).toBe("district");
    expect(levelOf("市公安局")).toBe("city");
    expect(levelOf("淄博市大数据局")).toBe("city");
    expect(levelOf("市市场监督管理局")).toBe("city");
    expect(levelOf("信息中心")).toBe("district");
  });
});

describe("reading a form", () => {
  it("marks the departments and rooms it creates from names as derived, not the systems", async () => {
    const form = await readFormFile(fixture("form-valid-chinese-headers", "form.csv"), ".csv", "form.csv", {});
    expect(form.sections?.departments.length).toBe(2);
    expect(form.sections?.rooms.length).toBe(2);
    for (const record of [...form.sections!.departments, ...form.sections!.rooms]) expect(record.derived).toBe(true);
    for (const record of form.sections!.systems) expect(record.derived).toBeUndefined();
  });

  it("reads every sheet with a header, skips the cover sheet, and creates a shared name once", async () => {
    const form = await readFormFile(fixture("form-several-sheets"), ".xlsx", "form.xlsx", {});
    const systems = values(form.sections?.systems);
    expect(systems.map((s) => s.name)).toEqual(["王村镇村务公开系统", "低保管理系统", "南郊镇网格化管理平台", "社会救助系统"]);
    expect(values(form.sections?.departments).map((d) => d.name)).toEqual(["王村镇", "区民政局", "南郊镇"]);
    expect(values(form.sections?.rooms).map((r) => r.name)).toEqual(["区政务外网总机房"]);
    // A name on another sheet resolves, and locations name the sheet.
    expect(systems[3]!.dependsOn).toEqual([systems[1]!.id]);
    expect(form.diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/^form\.xlsx\[王村镇\]:4:承载网络: /)]);
  });

  it("reads a link whose text is rich text as its plain text, and a formula by its saved result", async () => {
    const form = await readFormFile(fixture("form-formula-cells"), ".xlsx", "form.xlsx", {});
    const system = values(form.sections?.systems)[0]!;
    expect(system.approvedBy).toBe("区信息中心");
    expect(system.servers?.[0]?.cores).toBe(4);
  });

  it("keeps a department merged down over several rows, and a note merged across the table is one cell", async () => {
    const form = await readFormFile(fixture("form-merged-cells"), ".xlsx", "form.xlsx", {});
    const systems = values(form.sections?.systems);
    expect(systems.length).toBe(2);
    expect(new Set(systems.map((s) => s.department)).size).toBe(1);
    expect(systems[0]!.department).toBeDefined();
    const table = await readXlsxTable(fixture("form-merged-cells"), "form.xlsx", {});
    if (!table.ok) throw new Error("not read");
    const note = table.sheets[0]!.rows.find((row) => row.row === 4)!;
    expect(note.cells.filter((cell) => cell !== null)).toEqual(["注：本表由各镇填写，一式两份"]);
  });

  it("names columns as a spreadsheet program does", () => {
    expect([0, 25, 26, 34, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AI", "ZZ", "AAA"]);
  });
});

describe("reading the table", () => {
  const header = (rows: TableRow[]) => rows.slice(0, 20).some((row) => row.cells.includes("系统名称"));

  it("finds the delimiter of a tab-separated CSV with a title line above the header", () => {
    const text = `自查表\n${HEADER.replace(/,/g, "\t")}\n1\t王村镇\n`;
    const table = readCsvTable(new TextEncoder().encode(text), "form.csv", {}, header);
    expect(table.ok && table.sheets[0]!.rows[1]!.cells.slice(0, 3)).toEqual(["序号", "部门", "内设机构"]);
  });

  it("reads UTF-16 without a byte-order mark, big- or little-endian, with a warning", () => {
    const text = `${HEADER}\n1,王村镇\n`;
    const le = Buffer.from(text, "utf16le");
    const be = Buffer.from(le).swap16();
    for (const [bytes, name] of [[le, "UTF-16LE"], [be, "UTF-16BE"]] as const) {
      const table = readCsvTable(new Uint8Array(bytes), "form.csv", {}, header);
      expect(table.ok).toBe(true);
      if (!table.ok) continue;
      expect(table.sheets[0]!.rows[1]!.cells).toEqual(["1", "王村镇"]);
      expect(table.warnings.map((w) => w.message)).toEqual([`UTF-16 text without a byte-order mark; read as ${name}`]);
    }
  });

  it("still calls binary data binary", () => {
    const bytes = new Uint8Array(64).fill(0);
    const table = readCsvTable(bytes, "form.csv", {}, header);
    expect(table.ok).toBe(false);
    if (!table.ok) expect(table.diagnostics[0]!.message).toMatch(/binary data/);
  });

  it("applies the default size limit to .xlsx files", async () => {
    const table = await readXlsxTable(new Uint8Array(DEFAULT_MAX_FILE_BYTES + 1), "big.xlsx", {});
    expect(table.ok).toBe(false);
    if (!table.ok) expect(table.diagnostics[0]!.message).toBe("file is 32.0 MiB, above the 32.0 MiB limit");
  });

  it("refuses a workbook that would unpack to more than 16 times the size limit, before unpacking it", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("s").addRow(["x".repeat(2_000_000)]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const entries = readZipDirectory(bytes)!;
    const unpacked = entries.reduce((total, entry) => total + entry.uncompressedSize, 0);
    expect(unpacked).toBeGreaterThan(2_000_000);
    expect(bytes.length).toBeLessThan(100_000);
    const refused = await readXlsxTable(bytes, "bomb.xlsx", { maxBytes: 100_000 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.diagnostics[0]!.message).toMatch(/^the workbook would unpack to 1\.9 MiB, more than 16 times the 97\.7 KiB file-size limit/);
    expect((await readXlsxTable(bytes, "bomb.xlsx", { maxBytes: 1_000_000 })).ok).toBe(true);
  });

  it("reads no directory from bytes that are not a ZIP archive", () => {
    expect(readZipDirectory(new TextEncoder().encode("序号,部门\n"))).toBeUndefined();
  });
});
