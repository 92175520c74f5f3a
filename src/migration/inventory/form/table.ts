/**
 * A spreadsheet as a plain table: rows of cells with the row number a person sees.
 * CSV cells are text; XLSX cells keep their type (numbers, dates, booleans), read with
 * exceljs (the well-kept library for .xlsx on npm; the format itself is zipped XML that
 * is not worth owning).
 */
import ExcelJS from "exceljs";
import type { Diagnostic } from "../diagnostics";
import { decodeTextFile, formatSize, type ReadTextOptions } from "../source-text";
import { guessDelimiter, parseCsv } from "./csv";

export type Cell = string | number | boolean | Date | null;

export interface TableRow {
  readonly row: number;
  readonly cells: readonly Cell[];
}

export type TableResult = { ok: true; rows: TableRow[]; warnings: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

function failure(file: string, message: string, fix?: string): TableResult {
  return { ok: false, diagnostics: [{ severity: "error", location: { kind: "file", file }, field: "", message, ...(fix ? { fix } : {}) }] };
}

export function readCsvTable(bytes: Uint8Array, file: string, options: ReadTextOptions): TableResult {
  const decoded = decodeTextFile(bytes, file, { ...options, allowGb18030: true });
  if (!decoded.ok) return { ok: false, diagnostics: decoded.diagnostics };
  const parsed = parseCsv(decoded.text, guessDelimiter(decoded.text));
  if (!parsed.ok) {
    return { ok: false, diagnostics: [{ severity: "error", location: { kind: "text", file, line: parsed.line, column: 1 }, field: "", message: `CSV: ${parsed.message}`, fix: "open the file in a spreadsheet program and save it again as CSV" }] };
  }
  return { ok: true, rows: parsed.rows.map((r) => ({ row: r.line, cells: r.cells })), warnings: decoded.warnings };
}

export async function readXlsxTable(bytes: Uint8Array, file: string, options: ReadTextOptions, findHeader: (rows: TableRow[]) => boolean): Promise<TableResult> {
  const maxBytes = options.maxBytes;
  if (maxBytes !== undefined && bytes.length > maxBytes) {
    return failure(file, `file is ${formatSize(bytes.length)}, above the ${formatSize(maxBytes)} limit`, "split the form into several workbooks");
  }
  if (bytes.length === 0) return failure(file, "file is empty", "save the workbook again from the spreadsheet program");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (cause) {
    return failure(file, `not a readable .xlsx workbook (${(cause as Error).message})`, "save it from Excel or WPS as .xlsx (Excel Workbook); .xls and .et files must be converted first");
  }
  const sheets = workbook.worksheets.filter((sheet) => sheet.state !== "hidden" && sheet.state !== "veryHidden");
  if (sheets.length === 0) return failure(file, "the workbook has no visible worksheet");
  const tables = sheets.map((sheet) => {
    const rows: TableRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const value = cellValue(cell.value);
        // A cell formatted as a percentage holds 0.35 for 35 %: the form wants 35.
        cells[col - 1] = typeof value === "number" && /%/.test(cell.numFmt ?? "") ? roundPercent(value * 100) : value;
      });
      for (let i = 0; i < cells.length; i++) cells[i] ??= null;
      rows.push({ row: row.number, cells });
    });
    return rows;
  });
  // The form is the first sheet that has the form's header row; a cover sheet may come first.
  const rows = tables.find(findHeader) ?? tables[0]!;
  return { ok: true, rows, warnings: [] };
}

function roundPercent(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("result" in value) return cellValue((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("error" in value) return null;
  }
  return String(value);
}
