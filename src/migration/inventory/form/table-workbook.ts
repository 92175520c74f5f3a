/**
 * Tables as an .xlsx workbook, the way departments receive forms and plans: per sheet, a
 * bold title row merged across the table, a bold header frozen under it, one row a
 * record, dates as real date cells, columns as wide as their content (CJK counted
 * double, long texts wrapped), printed as a4LandscapePrint says. A form's fixed-value
 * columns get drop-down lists and its headers notes. Written with ExcelJS's streaming
 * writer, row by row: a province's 100,000-row table costs tens of megabytes, not the
 * gigabyte and a half the in-memory workbook holds. The workbook's and the archive's
 * timestamps are fixed, so the same rows always give the same bytes.
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { a4LandscapePrint, displayWidth, type PageHeader } from "./print-setup";
import { fixZipTimestamps } from "./zip-timestamps";

export type TableValue = string | number | null;

export interface TableSheet {
  readonly sheet: string;
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly TableValue[])[];
  /** Columns (0-based) whose ISO dates (yyyy-mm-dd) become date cells. */
  readonly dateColumns?: ReadonlySet<number>;
  /** Column widths set by hand (a form whose headers are sentences over short numbers); by default from the content. */
  readonly widths?: readonly number[];
  /** The page header's title and date (the title row's text when absent). */
  readonly page: PageHeader;
  /** Column index → the values a drop-down offers; anything else is refused as typed. */
  readonly lists?: ReadonlyMap<number, readonly string[]>;
  /** Column index → a note on the header cell (what the column means, what it takes). */
  readonly notes?: ReadonlyMap<number, string>;
  /** Columns kept in view when scrolling right (a wide form's 序号 … 系统名称). */
  readonly frozenColumns?: number;
}

/** Rows under the last pre-filled one that still get the drop-downs: room for the systems a department adds. */
export const SPARE_ROWS = 200;
/** The title row, then the header: data starts on row 3. */
const FIRST_DATA_ROW = 3;
const MIN_WIDTH = 6;
/** Headers wrap: beyond this they do not widen their column. */
const HEADER_WIDTH = 16;
/** Content beyond this wraps in its cell instead of widening the column. */
const MAX_WIDTH = 48;
const DATE_WIDTH = 10;

const FIXED = new Date(Date.UTC(2018, 0, 1));

/** Each column as wide as its widest cell (headers up to HEADER_WIDTH), and whether its longest cells wrap. */
export function columnWidths(table: Pick<TableSheet, "header" | "rows" | "dateColumns">): {
  width: number;
  wrap: boolean;
}[] {
  return table.header.map((header, index) => {
    let content = 0;
    if (table.dateColumns?.has(index)) content = DATE_WIDTH;
    else for (const row of table.rows) content = Math.max(content, displayWidth(String(row[index] ?? "")));
    const width = Math.max(MIN_WIDTH, Math.min(HEADER_WIDTH, displayWidth(header)), Math.min(MAX_WIDTH, content)) + 2;
    return { width, wrap: content > MAX_WIDTH };
  });
}

/** Points a line of 11-point text takes, CJK included. */
const LINE_HEIGHT = 15;

/**
 * The height of a row whose cells wrap: spreadsheet programs do not all fit the height of
 * a row to its wrapped text when they open a file (LibreOffice does not), so it is set.
 * `columns` are the 1-based columns that wrap; all of them when absent.
 */
function rowHeight(values: readonly TableValue[], widths: readonly number[], columns?: readonly number[]): number {
  let lines = 1;
  values.forEach((value, index) => {
    if (columns && !columns.includes(index + 1)) return;
    const room = Math.max(1, (widths[index] ?? MIN_WIDTH) - 2);
    lines = Math.max(lines, Math.ceil(displayWidth(String(value ?? "")) / room));
  });
  return lines * LINE_HEIGHT;
}

/** A list validation's formula: the values quoted, comma-separated (Excel allows 255 characters). */
function listFormula(values: readonly string[]): string {
  const formula = `"${values.join(",")}"`;
  if (formula.length > 255) throw new Error(`drop-down list too long for a spreadsheet: ${formula}`);
  return formula;
}

/** The streaming writer's sheet has data validations; ExcelJS's types leave them out. */
function validationsOf(sheet: ExcelJS.Worksheet): { add(range: string, validation: ExcelJS.DataValidation): void } {
  return (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } })
    .dataValidations;
}

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: TableSheet): void {
  const dateColumns = table.dateColumns ?? new Set<number>();
  const sheet = workbook.addWorksheet(table.sheet, {
    views: [
      { state: "frozen", ySplit: FIRST_DATA_ROW - 1, ...(table.frozenColumns ? { xSplit: table.frozenColumns } : {}) },
    ],
    ...a4LandscapePrint(table.page, `${FIRST_DATA_ROW - 1}:${FIRST_DATA_ROW - 1}`),
  });
  // The streaming writer needs columns defined before the first row is committed.
  const widths = columnWidths(table);
  const columnsWide = widths.map(({ width }, index) => table.widths?.[index] ?? width);
  sheet.columns = columnsWide.map((width, index) => ({
    width,
    ...(dateColumns.has(index) ? { style: { numFmt: "yyyy-mm-dd" } } : {}),
  }));
  // Set on the cells, not the column: spreadsheet programs take a written cell's own style.
  const wrapped = widths.flatMap(({ wrap }, index) => (wrap ? [index + 1] : []));
  const title = sheet.addRow([table.title]);
  title.font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, table.header.length);
  title.commit();
  const header = sheet.addRow([...table.header]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "middle" };
  header.height = rowHeight(table.header, columnsWide);
  for (const [index, note] of table.notes ?? []) header.getCell(index + 1).note = note;
  header.commit();
  for (const values of table.rows) {
    const row = sheet.addRow(
      values.map((value, index) =>
        dateColumns.has(index) && typeof value === "string" ? new Date(`${value}T00:00:00Z`) : value,
      ),
    );
    if (wrapped.length > 0) {
      // A tall row reads from the top: every filled cell aligned there, the long ones wrapped
      // (an empty cell given a style would be written, and read back, as a cell).
      values.forEach((value, index) => {
        if (value === null) return;
        const wrap = wrapped.includes(index + 1);
        row.getCell(index + 1).alignment = wrap ? { wrapText: true, vertical: "top" } : { vertical: "top" };
      });
      row.height = rowHeight(values, columnsWide, wrapped);
    }
    row.commit();
  }
  const lastRow = FIRST_DATA_ROW + table.rows.length + SPARE_ROWS - 1;
  for (const [index, values] of table.lists ?? []) {
    const letter = sheet.getColumn(index + 1).letter;
    validationsOf(sheet).add(`${letter}${FIRST_DATA_ROW}:${letter}${lastRow}`, {
      type: "list",
      allowBlank: true,
      formulae: [listFormula(values)],
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: table.header[index] ?? "",
      error: `请从下拉列表中选择：${values.join("、")}`,
    });
  }
  sheet.commit();
}

export async function tableWorkbook(...sheets: TableSheet[]): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  workbook.creator = "govcloud";
  workbook.lastModifiedBy = "govcloud";
  workbook.created = FIXED;
  workbook.modified = FIXED;
  for (const sheet of sheets) addSheet(workbook, sheet);
  await workbook.commit();
  return fixZipTimestamps(Buffer.concat(chunks));
}
