import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/migration/inventory/diagnostics";
import { deriveId } from "../../src/migration/inventory/ids";
import { columnLetter } from "../../src/migration/inventory/form/header";
import { levelOf, readFormFile } from "../../src/migration/inventory/form/read-form";
import { readCsvTable, readXlsxTable, type TableRow } from "../../src/migration/inventory/form/table";
import { readZipDirectory } from "../../src/migration/inventory/form/zip";
import { DEFAULT_MAX_FILE_BYTES } from "../../src/migration/inventory/source-text";

const fixtures = path.join(__dirname, "..", "fixtures", "validation");
const fixture = (name: string, file = "form.xlsx") =>
  new Uint8Array(fs.readFileSync(path.join(fixtures, name, "input", file)));
const HEADER = fs
  .readFileSync(path.join(fixtures, "form-valid-chinese-headers", "input", "form.csv"), "utf8")
  .split(/\r?\n/)[0]!;

type Named = {
  id: string;
  name: string;
  department?: string;
  level?: string;
  approvedBy?: string;
  dependsOn?: string[];
  servers?: { cores?: number }[];
};
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
    expect(systems.map((s) => s.name)).toEqual([
      "王村镇村务公开系统",
      "低保管理系统",
      "南郊镇网格化管理平台",
      "社会救助系统",
    ]);
    expect(values(form.sections?.departments).map((d) => d.name)).toEqual(["王村镇", "区民政局", "南郊镇"]);
    expect(values(form.sections?.rooms).map((r) => r.name)).toEqual(["区政务外网总机房"]);
    // A name on another sheet resolves, and locations name the sheet.
    expect(systems[3]!.dependsOn).toEqual([systems[1]!.id]);
    expect(form.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^form\.xlsx\[王村镇\]:4:承载网络: /),
    ]);
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

  it("skips a group heading written in 部门 alone, with a warning, as it skips a note", async () => {
    const [header, system] = fs
      .readFileSync(path.join(fixtures, "form-valid-chinese-headers", "input", "form.csv"), "utf8")
      .split(/\r?\n/);
    const heading = header!
      .split(",")
      .map((text) => (text === "部门" ? "一、镇街部门" : ""))
      .join(",");
    const form = await readFormFile(
      new TextEncoder().encode([header, heading, system, ""].join("\n")),
      ".csv",
      "form.csv",
      {},
    );
    expect(values(form.sections?.systems).map((s) => s.name)).toEqual(["王村镇村务公开系统"]);
    expect(form.diagnostics.map(formatDiagnostic)).toEqual([
      "form.csv:2:系统名称: warning: name: row skipped: no 系统名称 and at most two cells filled (a note or a total " +
        "line?) (fix: fill in the row if it is a system)",
    ]);
  });

  it("names columns as a spreadsheet program does", () => {
    expect([0, 25, 26, 34, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AI", "ZZ", "AAA"]);
  });
});

describe("系统编号 (stable ids)", () => {
  const ROWS = fs
    .readFileSync(path.join(fixtures, "form-valid-chinese-headers", "input", "form.csv"), "utf8")
    .split(/\r?\n/)
    .slice(1, 4);
  const WITHOUT_IDS = `${HEADER}\n${ROWS.join("\n")}\n`;
  /** The valid fixture with a 系统编号 column after 序号 (headed `id` when `english`), its cells given in row order. */
  const withIds = (ids: string[], english = false) => {
    const header = `序号,${english ? "id" : "系统编号"},${HEADER.slice("序号,".length)}`;
    return [header, ...ROWS.map((row, i) => row.replace(/^(\d+),/, `$1,${ids[i] ?? ""},`))].join("\n") + "\n";
  };
  const read = (text: string) => readFormFile(new TextEncoder().encode(text), ".csv", "form.csv", {});
  const reports = (form: { diagnostics: Parameters<typeof formatDiagnostic>[0][] }) =>
    form.diagnostics.map(formatDiagnostic);
  const KEEP = "a system already deployed keeps the 系统编号 govcloud wrote, a new system may leave the cell empty";
  const PATTERN = "use lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen";
  const RENAMED =
    "a renamed system keeps the id of its old name, so a new system under that name needs a 系统编号 of its own";
  const COPIED = (row: string) =>
    `if this row was copied from ${row} to add a new system, empty its 系统编号 and an id is derived from its name`;

  it("uses a written 系统编号 as the id, and derives one for an empty cell as before", async () => {
    const without = values((await read(WITHOUT_IDS)).sections?.systems);
    const form = await read(withIds(["wangcun-village-affairs", "", "dibao"]));
    expect(reports(form)).toEqual([]);
    const systems = values(form.sections?.systems);
    expect(systems.map((s) => s.id)).toEqual(["wangcun-village-affairs", without[1]!.id, "dibao"]);
    // References stay names, resolved to the written id.
    expect(systems[1]!.dependsOn).toEqual(["wangcun-village-affairs"]);
  });

  it("reads the English header id", async () => {
    const form = await read(withIds(["a1", "b2", "c3"], true));
    expect(values(form.sections?.systems).map((s) => s.id)).toEqual(["a1", "b2", "c3"]);
  });

  it("reports a malformed 系统编号 once, at its cell, with the id to write", async () => {
    const long = `w${"x".repeat(63)}`;
    const form = await read(withIds(["WCZ-Portal", "", long]));
    expect(reports(form)).toEqual([
      `form.csv:2:系统编号: id: "WCZ-Portal" is not a valid 系统编号: ${PATTERN} (fix: write e.g. wcz-portal; ${KEEP})`,
      `form.csv:4:系统编号: id: "${long}" is 64 characters long; a 系统编号 has at most 63 (fix: write e.g. ` +
        `${long.slice(0, 63)}; ${KEEP})`,
    ]);
    // The row naming the malformed one in 依赖系统 is not told it does not exist.
    expect(values(form.sections?.systems)[1]!.dependsOn).toEqual([]);
  });

  it("reports two rows with one 系统编号, naming both, and keeps the first", async () => {
    const form = await read(withIds(["same-id", "same-id", ""]));
    expect(reports(form)).toEqual([
      'form.csv:3:系统编号: id: "same-id" is also the 系统编号 of row 2 (王村镇村务公开系统): two systems cannot share an id ' +
        `(fix: ${COPIED("row 2")}; if it is the same system, delete one of the two rows)`,
    ]);
    expect(values(form.sections?.systems).map((s) => s.id)).toEqual(["same-id", undefined, expect.any(String)]);
  });

  it("reports a written 系统编号 that another row's name derives, at the row without one", async () => {
    const derived = values((await read(WITHOUT_IDS)).sections?.systems)[0]!.id;
    const form = await read(withIds(["", "", derived]));
    expect(reports(form)).toEqual([
      `form.csv:2:系统编号: id: no 系统编号, and the id this row's 部门 and 系统名称 give, "${derived}", is already the 系统编号 ` +
        `of row 4 (低保管理系统); ${RENAMED} (fix: give this row a 系统编号 of its own, e.g. ${derived}-2; ` +
        `if it is the same system as row 4, delete this row)`,
    ]);
  });

  it("checks 系统编号 across the sheets of a workbook, and points at 系统名称 on a sheet without the column", async () => {
    const workbook = new ExcelJS.Workbook();
    const cells = (line: string) => line.split(",").map((cell) => (cell === "" ? null : cell));
    const named = (name: string) => ROWS[0]!.replace(/^1,/, "").replace(",王村镇村务公开系统,", `,${name},`);
    const row = (name: string, id?: string) => cells(`${id === undefined ? "" : `${id},`}${named(name)}`);
    const header = (withId: boolean) => cells(`${withId ? "系统编号," : ""}${HEADER.slice("序号,".length)}`);
    // 王村镇村务公开系统 was renamed from 王村镇党建系统 and kept its id; another sheet brings the old name back.
    const old = deriveId("王村镇党建系统", "王村镇/王村镇党建系统");
    workbook
      .addWorksheet("王村镇")
      .addRows([header(true), row("王村镇村务公开系统", old), row("王村镇综治信息平台", "same-id")]);
    workbook.addWorksheet("南郊镇").addRows([header(false), row("王村镇党建系统")]);
    workbook.addWorksheet("萌水镇").addRows([header(true), row("萌水镇综治信息平台", "same-id")]);
    const form = await readFormFile(new Uint8Array(await workbook.xlsx.writeBuffer()), ".xlsx", "form.xlsx", {});
    expect(reports(form)).toEqual([
      `form.xlsx[南郊镇]:2:系统名称: name: no 系统编号, and the id this row's 部门 and 系统名称 give, "${old}", is already the 系统编` +
        `号 of row 2 of 王村镇 (王村镇村务公开系统); ${RENAMED} (fix: give this row a 系统编号 of its own, e.g. ${old}-2; ` +
        `if it is the same system as row 2 of 王村镇, delete this row)`,
      'form.xlsx[萌水镇]:2:系统编号: id: "same-id" is also the 系统编号 of row 3 of 王村镇 (王村镇综治信息平台): two systems cannot share ' +
        "an id " +
        `(fix: ${COPIED("row 3 of 王村镇")}; if it is the same system, delete one of the two rows)`,
    ]);
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
    for (const [bytes, name] of [
      [le, "UTF-16LE"],
      [be, "UTF-16BE"],
    ] as const) {
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
    if (!refused.ok)
      expect(refused.diagnostics[0]!.message).toMatch(
        /^the workbook would unpack to 1\.9 MiB, more than 16 times the 97\.7 KiB file-size limit/,
      );
    expect((await readXlsxTable(bytes, "bomb.xlsx", { maxBytes: 1_000_000 })).ok).toBe(true);
  });

  it("reads no directory from bytes that are not a ZIP archive", () => {
    expect(readZipDirectory(new TextEncoder().encode("序号,部门\n"))).toBeUndefined();
  });
});
