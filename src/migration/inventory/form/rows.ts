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
  const { file } = context;
  const headerText = new Map<string, string>();
  for (const { column, text } of header.columns.values()) headerText.set(column.key, text);
  const cellAt = (row: number, column: FormColumn): Location => ({
    kind: "cell",
    file,
    row,
    header: headerText.get(column.key) ?? column.header,
  });
  const departmentIndex = [...header.columns].find(([, { column }]) => column.key === "department")?.[0];

  // A required column missing from the header was reported there, once, not on every row.
  const present = new Set([...header.columns.values()].map(({ column }) => column.key));
  const missingColumns = FORM_COLUMNS.filter((column) => column.required && !present.has(column.key)).map(
    (column) => column.key,
  );

  const formRows: FormRow[] = [];
  for (const tableRow of rows) {
    const filled = tableRow.cells.filter(isFilled).length;
    if (filled === 0) continue; // blank row
    if (matches(tableRow) >= MIN_HEADER_MATCHES) continue; // the header again: forms pasted one under another
    const skip = (why: string) =>
      diagnostics.push({
        severity: "warning",
        location: cellAt(tableRow.row, col("name")),
        field: "name",
        message: `row skipped: ${why}`,
        fix: "fill in the row if it is a system",
      });
    if (isCopiedNote(tableRow.cells)) {
      skip("every filled cell holds the same text (a note merged across the table?)");
      continue;
    }
    const values = new Map<string, unknown>();
    const failed = new Set<string>(missingColumns);
    const cellDiagnostics: Diagnostic[] = [];
    for (const [index, { column }] of header.columns) {
      const result = readCell(tableRow.cells[index] ?? null, column.kind);
      if (!result) continue;
      if (result.ok) {
        values.set(column.key, result.value);
        if (result.variant)
          cellDiagnostics.push({
            severity: "warning",
            location: cellAt(tableRow.row, column),
            field: column.key,
            message: `"${result.variant.written}" read as ${result.variant.canonical}`,
            fix: `write ${result.variant.canonical}, the value the form lists`,
          });
      } else {
        failed.add(column.key);
        cellDiagnostics.push({
          severity: "error",
          location: cellAt(tableRow.row, column),
          field: column.key,
          message: result.message,
          ...(result.fix ? { fix: result.fix } : {}),
        });
      }
    }
    // A note or a total line fills a cell or two and no 系统名称. A row that names its 部门
    // and fills another cell is a system whose name was left out; a 部门 alone is a group
    // heading (一、区直部门) and skipped like a note.
    const departmentFilled = departmentIndex !== undefined && isFilled(tableRow.cells[departmentIndex]);
    if (!values.has("name") && !failed.has("name") && filled <= 2) {
      if (filled === 2 && departmentFilled) {
        // Nearly empty: the one error that matters, not one for every required cell.
        diagnostics.push({
          severity: "error",
          location: cellAt(tableRow.row, col("name")),
          field: "name",
          message: "required cell is empty",
          fix:
            `fill in ${headerText.get("name") ?? col("name").header} and the rest of the row, or delete the row ` +
            `if it is not a system`,
        });
        continue;
      }
      skip("no 系统名称 and at most two cells filled (a note or a total line?)");
      continue;
    }
    diagnostics.push(...cellDiagnostics);
    diagnostics.push(...strayCells(tableRow, header, context));
    for (const [, { column }] of header.columns) {
      if (!values.has(column.key) && !failed.has(column.key) && requiresCell(column)) {
        failed.add(column.key);
        diagnostics.push({
          severity: "error",
          location: cellAt(tableRow.row, column),
          field: column.key,
          message: "required cell is empty",
          fix: `fill in ${headerText.get(column.key) ?? column.header}`,
        });
      }
    }
    const row = tableRow.row;
    formRows.push({
      row,
      file,
      sheet: context.sheet,
      values,
      failed,
      columns: present,
      at: (column) => cellAt(row, column),
    });
  }
  if (formRows.length === 0) {
    diagnostics.push({
      severity: "error",
      location: cellAt(header.row, col("name")),
      field: "",
      message: "the form has no system rows under its header",
      fix: "fill in one row per system under the header",
    });
  }
  return formRows;
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
