/**
 * The rows under a form's header that are systems: each cell read by its column, notes,
 * blank rows and repeated headers left out, every problem reported at its cell.
 */
import type { Diagnostic, Location } from "../diagnostics";
import { FORM_COLUMNS, requiresCell, type FormColumn } from "./columns";
import { readCell } from "./cells";
import { columnLetter, isFilled, matches, MIN_HEADER_MATCHES, type Header } from "./header";
import type { IdRow } from "./system-ids";
import { isCellError, type Cell, type TableRow } from "./table";

/** A row whose filled cells, at least this many, all hold one text is a note merged across the table. */
const MIN_NOTE_COPIES = 3;

/** One sheet being read: the file part of its locations (`form.xlsx[王村镇]` when a workbook has several). */
export interface SheetContext {
  readonly file: string;
  readonly sheet: string | undefined;
  readonly csv: boolean;
}

export interface FormRow extends IdRow {
  /** The file part of locations, and the sheet's name when a workbook has several forms. */
  readonly file: string;
  readonly values: Map<string, unknown>;
}

const BY_KEY = new Map(FORM_COLUMNS.map((c) => [c.key, c]));
export const col = (key: string): FormColumn => BY_KEY.get(key)!;

/**
 * A note merged across the table, its text in every cell: how a CSV exported from such a
 * sheet holds it (the .xlsx reader keeps a horizontal merge's text in its first cell only).
 */
function isCopiedNote(cells: readonly Cell[]): boolean {
  const filled = cells.filter(isFilled);
  if (filled.length < MIN_NOTE_COPIES) return false;
  const first = filled[0];
  return typeof first === "string" && filled.every((cell) => typeof cell === "string" && cell.trim() === first.trim());
}

/** The rows under one sheet's header that are systems; notes, blank rows and repeated headers left out. */
export function readRows(
  rows: readonly TableRow[],
  header: Header,
  context: SheetContext,
  diagnostics: Diagnostic[],
): FormRow[] {
  const sheet = sheetLayout(header, context);
  const formRows: FormRow[] = [];
  for (const tableRow of rows) {
    const formRow = readRow(tableRow, sheet, diagnostics);
    if (formRow) formRows.push(formRow);
  }
  if (formRows.length === 0) {
    diagnostics.push({
      severity: "error",
      location: sheet.cellAt(header.row, col("name")),
      field: "",
      message: "the form has no system rows under its header",
      fix: "fill in one row per system under the header",
    });
  }
  return formRows;
}

/** What every row of a sheet is read against: its header, and how its cells are named in locations and fixes. */
interface SheetLayout {
  readonly header: Header;
  readonly context: SheetContext;
  /** Keys of the columns the header has. */
  readonly present: ReadonlySet<string>;
  /** Required columns missing from the header: reported there, once, not on every row; failed on each. */
  readonly missingColumns: readonly string[];
  /** The 部门 column's index, which tells a system without a name from a group heading. */
  readonly departmentIndex: number | undefined;
  /** A column's header as this sheet writes it (its alias, say), else the canonical one. */
  readonly headerOf: (column: FormColumn) => string;
  readonly cellAt: (row: number, column: FormColumn) => Location;
}

/** Worked out once a sheet from its header, not again on each of its rows. */
function sheetLayout(header: Header, context: SheetContext): SheetLayout {
  const headerText = new Map<string, string>();
  for (const { column, text } of header.columns.values()) headerText.set(column.key, text);
  const headerOf = (column: FormColumn) => headerText.get(column.key) ?? column.header;
  const present = new Set([...header.columns.values()].map(({ column }) => column.key));
  return {
    header,
    context,
    present,
    missingColumns: FORM_COLUMNS.filter((column) => column.required && !present.has(column.key)).map(
      (column) => column.key,
    ),
    departmentIndex: [...header.columns].find(([, { column }]) => column.key === "department")?.[0],
    headerOf,
    cellAt: (row, column) => ({ kind: "cell", file: context.file, row, header: headerOf(column) }),
  };
}

/**
 * One row under the header: a system, or nothing for a blank row, the header again (forms
 * pasted one under another), a note or a total line (skipped with a warning), or a row too
 * empty to read (one error). A system's cell problems are reported only once it is one.
 */
function readRow(tableRow: TableRow, sheet: SheetLayout, diagnostics: Diagnostic[]): FormRow | undefined {
  const filled = tableRow.cells.filter(isFilled).length;
  if (filled === 0) return undefined; // blank row
  if (matches(tableRow) >= MIN_HEADER_MATCHES) return undefined; // the header again: forms pasted one under another
  if (isCopiedNote(tableRow.cells)) {
    diagnostics.push(
      skippedRow(tableRow, sheet, "every filled cell holds the same text (a note merged across the table?)"),
    );
    return undefined;
  }
  const { values, failed, cellDiagnostics } = readCells(tableRow, sheet);
  if (!values.has("name") && !failed.has("name") && filled <= 2) {
    diagnostics.push(unnamedNearlyEmptyRow(tableRow, filled, sheet));
    return undefined;
  }
  diagnostics.push(...cellDiagnostics);
  diagnostics.push(...strayCells(tableRow, sheet.header, sheet.context));
  diagnostics.push(...emptyRequiredCells(tableRow.row, values, failed, sheet));
  const row = tableRow.row;
  return {
    row,
    file: sheet.context.file,
    sheet: sheet.context.sheet,
    values,
    failed,
    columns: sheet.present,
    at: (column) => sheet.cellAt(row, column),
  };
}

/**
 * Each cell under a known column, read by the column's kind: its value, or the column marked
 * failed with an error at the cell; a variant spelling read as the listed value, with a warning.
 */
function readCells(
  tableRow: TableRow,
  sheet: SheetLayout,
): { values: Map<string, unknown>; failed: Set<string>; cellDiagnostics: Diagnostic[] } {
  const values = new Map<string, unknown>();
  const failed = new Set<string>(sheet.missingColumns);
  const cellDiagnostics: Diagnostic[] = [];
  for (const [index, { column }] of sheet.header.columns) {
    const result = readCell(tableRow.cells[index] ?? null, column.kind);
    if (!result) continue;
    if (result.ok) {
      values.set(column.key, result.value);
      if (result.variant)
        cellDiagnostics.push({
          severity: "warning",
          location: sheet.cellAt(tableRow.row, column),
          field: column.key,
          message: `"${result.variant.written}" read as ${result.variant.canonical}`,
          fix: `write ${result.variant.canonical}, the value the form lists`,
        });
    } else {
      failed.add(column.key);
      cellDiagnostics.push({
        severity: "error",
        location: sheet.cellAt(tableRow.row, column),
        field: column.key,
        message: result.message,
        ...(result.fix ? { fix: result.fix } : {}),
      });
    }
  }
  return { values, failed, cellDiagnostics };
}

/**
 * A row with no 系统名称 and at most two cells filled. A note or a total line fills a cell or
 * two and no 系统名称. A row that names its 部门 and fills another cell is a system whose name
 * was left out; a 部门 alone is a group heading (一、区直部门) and skipped like a note.
 */
function unnamedNearlyEmptyRow(tableRow: TableRow, filled: number, sheet: SheetLayout): Diagnostic {
  const departmentFilled = sheet.departmentIndex !== undefined && isFilled(tableRow.cells[sheet.departmentIndex]);
  if (filled === 2 && departmentFilled) {
    // Nearly empty: the one error that matters, not one for every required cell.
    return {
      severity: "error",
      location: sheet.cellAt(tableRow.row, col("name")),
      field: "name",
      message: "required cell is empty",
      fix: `fill in ${sheet.headerOf(col("name"))} and the rest of the row, or delete the row if it is not a system`,
    };
  }
  return skippedRow(tableRow, sheet, "no 系统名称 and at most two cells filled (a note or a total line?)");
}

function skippedRow(tableRow: TableRow, sheet: SheetLayout, why: string): Diagnostic {
  return {
    severity: "warning",
    location: sheet.cellAt(tableRow.row, col("name")),
    field: "name",
    message: `row skipped: ${why}`,
    fix: "fill in the row if it is a system",
  };
}

/** A system's required cells left empty (a column whose cell failed to read was reported already); marked failed. */
function emptyRequiredCells(
  row: number,
  values: ReadonlyMap<string, unknown>,
  failed: Set<string>,
  sheet: SheetLayout,
): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const [, { column }] of sheet.header.columns) {
    if (!values.has(column.key) && !failed.has(column.key) && requiresCell(column)) {
      failed.add(column.key);
      found.push({
        severity: "error",
        location: sheet.cellAt(row, column),
        field: column.key,
        message: "required cell is empty",
        fix: `fill in ${sheet.headerOf(column)}`,
      });
    }
  }
  return found;
}

/** Cells outside the table: beyond a CSV header's width (an unquoted comma), or under a column with no header. */
function strayCells(tableRow: TableRow, header: Header, context: SheetContext): Diagnostic[] {
  const { file } = context;
  const found: Diagnostic[] = [];
  tableRow.cells.forEach((cell, index) => {
    if (!isFilled(cell) || header.texts.has(index)) return;
    const location: Location = { kind: "cell", file, row: tableRow.row, header: `column ${columnLetter(index)}` };
    if (context.csv && index >= header.width) {
      found.push({
        severity: "error",
        location,
        field: "",
        message:
          `row has more cells than the header (an unquoted comma?): ${JSON.stringify(cell)} is outside the ` + `table`,
        fix:
          'put a cell that holds the delimiter in double quotes, e.g. "低保审批, 救助", or save the file again from a ' +
          "spreadsheet program",
      });
    } else {
      found.push({
        severity: "error",
        location,
        field: "",
        message: `cell under a column with no header: ${isCellError(cell) ? cell.error : JSON.stringify(cell)}`,
        fix: "add a header to the column, or move the value to 备注",
      });
    }
  });
  return found;
}
