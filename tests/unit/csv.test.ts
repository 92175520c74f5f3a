import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { guessDelimiter, parseCsv } from "../../src/migration/inventory/form/csv";
import ExcelJS from "exceljs";
import { formRowsToCsv, formRowsToXlsx } from "../../src/migration/inventory/form/write-form";

describe("CSV", () => {
  it("reads quoted cells with commas, quotes and line breaks, and keeps each row's first line", () => {
    const result = parseCsv('a,b\r\n"x, y","say ""hi"""\n"two\nlines",z\n');
    expect(result).toEqual({
      ok: true,
      rows: [
        { row: 1, line: 1, cells: ["a", "b"] },
        { row: 2, line: 2, cells: ["x, y", 'say "hi"'] },
        { row: 3, line: 3, cells: ["two\nlines", "z"] },
      ],
    });
  });

  it("numbers rows as a spreadsheet program does: a multi-line cell is still one row", () => {
    const result = parseCsv('h1,h2\n"line one\nline two\r\nline three",x\n\nlast,y\n');
    expect(result).toEqual({
      ok: true,
      rows: [
        { row: 1, line: 1, cells: ["h1", "h2"] },
        { row: 2, line: 2, cells: ["line one\nline two\r\nline three", "x"] },
        { row: 3, line: 5, cells: [""] },
        { row: 4, line: 6, cells: ["last", "y"] },
      ],
    });
  });

  it("keeps a last row without a newline and empty cells", () => {
    expect(parseCsv("a,,c")).toEqual({ ok: true, rows: [{ row: 1, line: 1, cells: ["a", "", "c"] }] });
  });

  it("names the line of a quote that is never closed", () => {
    expect(parseCsv('a\n"open,\nmore')).toEqual({ ok: false, line: 2, message: "a quoted cell is never closed" });
  });

  it("refuses text after a closing quote", () => {
    const result = parseCsv('"a"b,c');
    expect(result.ok).toBe(false);
  });

  it("guesses the delimiter Excel used", () => {
    expect(guessDelimiter("部门;系统名称;用户数\n")).toBe(";");
    expect(guessDelimiter("部门,系统名称,用户数\n")).toBe(",");
    expect(guessDelimiter("部门\t系统名称\t用户数\n")).toBe("\t");
  });

  it("reads back whatever the form writer writes", () => {
    const cell = fc.oneof(
      fc.string(),
      fc.constantFrom("a,b", 'q"q', "two\nlines", "\r\n", "周村区", "=1+1", "'=x", "''@y", "-", "+86", "\tx", "'"),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }), (table) => {
        const width = table[0]!.length;
        const rows = table.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ""));
        const [header, ...body] = rows;
        const parsed = parseCsv(formRowsToCsv(header!, body));
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(parsed.rows.map((r) => r.cells)).toEqual(rows);
      }),
    );
  });

  it("neutralises formula cells the OWASP way: a leading apostrophe on text starting with = + - @, tab or CR", () => {
    const csv = formRowsToCsv(
      ["名称", "数量"],
      [
        ['=HYPERLINK("http://x")', -5],
        ["@SUM(A1)", 3],
        ["+86 533", 1],
        ["\tx", 0],
        ["正常", 2],
      ],
    );
    expect(csv.split("\r\n").slice(1, 6)).toEqual([
      `"'=HYPERLINK(""http://x"")",-5`,
      "'@SUM(A1),3",
      "'+86 533,1",
      "'\tx,0",
      "正常,2",
    ]);
  });

  it("writes a would-be formula into an .xlsx as text, never as a formula", async () => {
    const bytes = await formRowsToXlsx("自查表", ["名称", "数量"], [["=1+1", 2]], "2018-01-31");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const cell = book.worksheets[0]!.getRow(3).getCell(1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe("=1+1");
  });
});

describe("line numbers in files with CR or mixed line breaks", () => {
  it("counts a lone CR, an LF and a CRLF as one line each, inside quoted cells too", () => {
    const result = parseCsv('h1,h2\r"a\rb",x\n"c\r\nd",y\rlast,"never closed');
    expect(result).toEqual({ ok: false, line: 6, message: "a quoted cell is never closed" });
    const rows = parseCsv('h1,h2\r"a\rb",x\nlast,z\r');
    expect(rows.ok && rows.rows.map((r) => r.line)).toEqual([1, 2, 4]);
  });
});
