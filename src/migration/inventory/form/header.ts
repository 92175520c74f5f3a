/**
 * The header row of a self-inspection form: where it is (forms often carry a title and a
 * 填报单位 line above it), which form column each header cell names, and the problems of
 * the header itself (unknown, repeated or missing columns).
 */
import type { Diagnostic, Location } from "../diagnostics";
import { closest } from "../suggest";
import { columnForHeader, FORM_COLUMNS, normalizeHeader, type FormColumn } from "./columns";
import { isCellError, type Cell, type TableRow } from "./table";

/** Rows searched for the header: forms often carry a title and a "填报单位" line above it. */
export const HEADER_SEARCH_ROWS = 20;
export const MIN_HEADER_MATCHES = 3;

export interface Header {
  readonly row: number;
  /** Column index → form column, and the header text as written in the file. */
  readonly columns: Map<number, { column: FormColumn; text: string }>;
  /** Column index → header text, for every non-empty header cell (known or not). */
  readonly texts: Map<number, string>;
  /** Cells in the header row, empty ones included (a CSV row longer than this has extra cells). */
  readonly width: number;
}

export function matches(row: TableRow): number {
  return row.cells.filter((cell) => typeof cell === "string" && columnForHeader(cell) !== undefined).length;
}

export function hasHeader(rows: TableRow[]): boolean {
  return rows.slice(0, HEADER_SEARCH_ROWS).some((row) => matches(row) >= MIN_HEADER_MATCHES);
}

export function isFilled(cell: Cell | undefined): boolean {
  return cell !== null && cell !== undefined && (typeof cell !== "string" || cell.trim() !== "");
}

/** A, B, …, Z, AA: how a spreadsheet program names the column of a 0-based index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function findHeader(rows: readonly TableRow[], file: string, diagnostics: Diagnostic[]): Header | undefined {
  const headerRow = rows.slice(0, HEADER_SEARCH_ROWS).find((row) => matches(row) >= MIN_HEADER_MATCHES);
  if (!headerRow) {
    const required = FORM_COLUMNS.filter((c) => c.required).map((c) => c.header);
    diagnostics.push({
      severity: "error",
      location: { kind: "file", file },
      field: "",
      message: `no header row found in the first ${HEADER_SEARCH_ROWS} rows`,
      fix: `the self-inspection form needs a header row with the columns ${required.join("、")}`,
    });
    return undefined;
  }
  const columns = new Map<number, { column: FormColumn; text: string }>();
  const texts = new Map<number, string>();
  const seen = new Map<string, string>();
  const allHeaders = FORM_COLUMNS.flatMap((c) => [c.header, c.key]);
  headerRow.cells.forEach((cell, index) => {
    if (!isFilled(cell)) return;
    if (isCellError(cell)) {
      const letter = `column ${columnLetter(index)}`;
      texts.set(index, letter);
      diagnostics.push({
        severity: "error",
        location: { kind: "cell", file, row: headerRow.row, header: letter },
        field: "",
        message: `header cell: ${cell.error}`,
        fix: cell.fix,
      });
      return;
    }
    const text = String(cell).trim();
    texts.set(index, text);
    const column = columnForHeader(text);
    const at: Location = { kind: "cell", file, row: headerRow.row, header: text };
    if (!column) {
      const suggestion = closest(normalizeHeader(text), allHeaders.map(normalizeHeader));
      const named = suggestion === undefined ? undefined : allHeaders.find((h) => normalizeHeader(h) === suggestion);
      diagnostics.push({
        severity: "error",
        location: at,
        field: "",
        message: `unknown column "${text}"${named ? `; did you mean "${named}"?` : ""}`,
        fix: named ? "rename the column" : "remove the column, or move its contents to 备注",
      });
      return;
    }
    const earlier = seen.get(column.key);
    if (earlier !== undefined) {
      diagnostics.push({
        severity: "error",
        location: at,
        field: column.key,
        message: `column given twice (also "${earlier}")`,
        fix: "keep one of the two columns",
      });
      return;
    }
    seen.set(column.key, text);
    columns.set(index, { column, text });
  });
  for (const column of FORM_COLUMNS) {
    if (column.required && !seen.has(column.key)) {
      diagnostics.push({
        severity: "error",
        location: { kind: "cell", file, row: headerRow.row, header: column.header },
        field: column.key,
        message: "required column is missing",
        fix: `add a column headed ${column.header} (or ${column.key})`,
      });
    }
  }
  return { row: headerRow.row, columns, texts, width: headerRow.cells.length };
}
