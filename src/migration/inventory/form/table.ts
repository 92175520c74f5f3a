/**
 * A spreadsheet as plain tables: rows of cells with the row number a person sees, one
 * table a worksheet (a CSV file is one table). CSV cells are text; XLSX cells keep their
 * type (numbers, dates, booleans), read with exceljs (the well-kept library for .xlsx on
 * npm; the format itself is zipped XML that is not worth owning).
 */
import ExcelJS from "exceljs";
import type { Diagnostic } from "../diagnostics";
import { decodeTextFile, DEFAULT_MAX_FILE_BYTES, formatSize, type ReadTextOptions } from "../source-text";
import { CSV_DELIMITERS, guessDelimiter, parseCsv, type CsvResult } from "./csv";
import { readZipDirectory } from "./zip";

/** A cell that holds no usable value (a formula error, a formula never calculated): reported where it is read. */
export interface CellError {
  readonly error: string;
  readonly fix: string;
}

export type Cell = string | number | boolean | Date | null | CellError;

export function isCellError(cell: Cell | undefined): cell is CellError {
  return typeof cell === "object" && cell !== null && !(cell instanceof Date);
}

export interface TableRow {
  readonly row: number;
  readonly cells: readonly Cell[];
}

export interface Sheet {
  /** The worksheet's name; undefined for a CSV file. */
  readonly name: string | undefined;
  readonly rows: TableRow[];
}

export type TableResult =
  { ok: true; sheets: Sheet[]; warnings: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/** An .xlsx unpacks to at most this many times the file-size limit (real forms: 5–10 times). */
const MAX_UNPACK_RATIO = 16;
const MAX_UNPACKED_BYTES = 1024 * 1024 * 1024;

function failure(file: string, message: string, fix?: string): TableResult {
  return {
    ok: false,
    diagnostics: [{ severity: "error", location: { kind: "file", file }, field: "", message, ...(fix ? { fix } : {}) }],
  };
}

/**
 * A CSV file. The delimiter is guessed from the first line; when that parse has no
 * header row (a title line above a ;- or tab-separated header), the other delimiters
 * are tried and the first that gives one is used.
 */
export function readCsvTable(
  bytes: Uint8Array,
  file: string,
  options: ReadTextOptions,
  hasHeader: (rows: TableRow[]) => boolean,
): TableResult {
  const warnings: Diagnostic[] = [];
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  // A file over the limit is refused by decodeTextFile as it is.
  const utf16 = bytes.length <= maxBytes ? utf16WithoutBom(bytes) : undefined;
  let input = bytes;
  let textOptions: ReadTextOptions = { ...options, allowGb18030: true };
  if (utf16) {
    const bom = utf16 === "utf-16le" ? [0xff, 0xfe] : [0xfe, 0xff];
    input = new Uint8Array(bytes.length + 2);
    input.set(bom);
    input.set(bytes, 2);
    // The mark added here does not count against the size limit.
    textOptions = { ...textOptions, maxBytes: maxBytes + 2 };
  }
  const decoded = decodeTextFile(input, file, textOptions);
  if (!decoded.ok) return { ok: false, diagnostics: decoded.diagnostics };
  if (utf16) {
    warnings.push({
      severity: "warning",
      location: { kind: "file", file },
      field: "",
      message: `UTF-16 text without a byte-order mark; read as ${utf16 === "utf-16le" ? "UTF-16LE" : "UTF-16BE"}`,
      fix: "save the form as UTF-8 CSV (in Excel: Save As, CSV UTF-8) or as .xlsx",
    });
  }
  warnings.push(...decoded.warnings);
  const toRows = (parsed: CsvResult & { ok: true }): TableRow[] =>
    parsed.rows.map((r) => ({ row: r.row, cells: r.cells }));
  const guess = guessDelimiter(decoded.text);
  const first = parseCsv(decoded.text, guess);
  if (!first.ok || !hasHeader(toRows(first))) {
    for (const delimiter of CSV_DELIMITERS) {
      if (delimiter === guess) continue;
      const other = parseCsv(decoded.text, delimiter);
      if (other.ok && hasHeader(toRows(other)))
        return { ok: true, sheets: [{ name: undefined, rows: toRows(other) }], warnings };
    }
  }
  if (!first.ok) {
    // A syntax error names the physical line: that is where an editor shows it.
    return {
      ok: false,
      diagnostics: [
        {
          severity: "error",
          location: { kind: "text", file, line: first.line, column: 1 },
          field: "",
          message: `CSV: ${first.message}`,
          fix: "open the file in a spreadsheet program and save it again as CSV",
        },
      ],
    };
  }
  return { ok: true, sheets: [{ name: undefined, rows: toRows(first) }], warnings };
}

/**
 * UTF-16 saved without a byte-order mark: ASCII characters (commas, digits, line breaks)
 * have a NUL high byte, so NULs fall on odd offsets (little-endian) or even ones
 * (big-endian). A CSV also has a line break or a delimiter among its first characters.
 */
function utf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return undefined;
  const sample = Math.min(bytes.length, 4096) & ~1;
  let odd = 0;
  let even = 0;
  for (let i = 0; i < sample; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 1) odd++;
    else even++;
  }
  const hasSeparator = (low: number, high: number) => {
    for (let i = 0; i < sample; i += 2) {
      if (bytes[i + high] === 0 && [0x0a, 0x0d, 0x2c, 0x3b, 0x09].includes(bytes[i + low]!)) return true;
    }
    return false;
  };
  if (odd >= 2 && even * 8 <= odd && hasSeparator(0, 1)) return "utf-16le";
  if (even >= 2 && odd * 8 <= even && hasSeparator(1, 0)) return "utf-16be";
  return undefined;
}

/** Every visible worksheet of an .xlsx workbook, in order. */
export async function readXlsxTable(bytes: Uint8Array, file: string, options: ReadTextOptions): Promise<TableResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (bytes.length > maxBytes) {
    return failure(
      file,
      `file is ${formatSize(bytes.length)}, above the ${formatSize(maxBytes)} limit`,
      "split the form into several workbooks, or raise the limit with --max-file-mb if this machine has the memory",
    );
  }
  if (bytes.length === 0) return failure(file, "file is empty", "save the workbook again from the spreadsheet program");
  const entries = readZipDirectory(bytes);
  if (entries) {
    const unpacked = entries.reduce((total, entry) => total + entry.uncompressedSize, 0);
    const limit = Math.min(MAX_UNPACK_RATIO * maxBytes, MAX_UNPACKED_BYTES);
    if (unpacked > limit) {
      const which =
        limit === MAX_UNPACKED_BYTES
          ? `the ${formatSize(limit)} limit`
          : `${MAX_UNPACK_RATIO} times the ${formatSize(maxBytes)} file-size limit (${formatSize(limit)})`;
      return failure(
        file,
        `the workbook would unpack to ${formatSize(unpacked)}, more than ${which}; ` +
          `a form unpacks to a few times its size, so this one is damaged or a zip bomb`,
        "open the workbook in Excel or WPS and save the form alone as a new .xlsx, or split it into several workbooks",
      );
    }
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (cause) {
    return failure(
      file,
      `not a readable .xlsx workbook (${(cause as Error).message})`,
      "save it from Excel or WPS as .xlsx (Excel Workbook); .xls and .et files must be converted first",
    );
  }
  const visible = workbook.worksheets.filter((sheet) => sheet.state !== "hidden" && sheet.state !== "veryHidden");
  if (visible.length === 0)
    return failure(file, "the workbook has no visible worksheet", "unhide the worksheet that holds the form");
  const sheets = visible.map((sheet): Sheet => {
    const rows: TableRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        // exceljs copies a merged range's value into every cell of it. Copies down a column
        // are kept (a 部门 cell merged over its systems' rows); copies across a row are not,
        // so a note merged across the table is one cell.
        if (cell.isMerged && cell.master !== cell && cell.master.fullAddress.col !== cell.fullAddress.col) {
          cells[col - 1] = null;
          return;
        }
        const value = cellValue(cell.value);
        // A cell formatted as a percentage holds 0.35 for 35 %: the form wants 35.
        cells[col - 1] = typeof value === "number" && /%/.test(cell.numFmt ?? "") ? roundPercent(value * 100) : value;
      });
      for (let i = 0; i < cells.length; i++) cells[i] ??= null;
      rows.push({ row: row.number, cells });
    });
    return { name: sheet.name, rows };
  });
  return { ok: true, sheets, warnings: [] };
}

function roundPercent(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

const RECALCULATE = "open the workbook in Excel or WPS and save it, so formulas are calculated";

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date)
    return value;
  if (typeof value === "object") {
    if ("richText" in value)
      return Array.isArray(value.richText)
        ? value.richText.map((part) => (typeof part.text === "string" ? part.text : "")).join("")
        : "";
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as { result?: ExcelJS.CellValue }).result;
      if (result === undefined || result === null) return { error: "formula has no saved value", fix: RECALCULATE };
      return cellValue(result);
    }
    if ("error" in value)
      return { error: `formula error ${String(value.error)}`, fix: "correct the formula or type the value" };
    // A hyperlink's text may itself be rich text.
    if ("hyperlink" in value || "text" in value) return cellValue((value as { text?: ExcelJS.CellValue }).text ?? null);
  }
  return String(value);
}
