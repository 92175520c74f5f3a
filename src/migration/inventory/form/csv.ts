/**
 * RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. Each row
 * keeps its record number (the row a spreadsheet program shows: a cell with a line
 * break inside stays one row) and the physical line on which it starts. Small enough
 * to own; the dependency would not be clearer.
 */

export interface CsvRow {
  /** 1-based record number: the row number a spreadsheet program shows for it. */
  readonly row: number;
  /** 1-based physical line on which the record starts (differs from `row` after a multi-line cell). */
  readonly line: number;
  readonly cells: string[];
}

export type CsvResult = { ok: true; rows: CsvRow[] } | { ok: false; line: number; message: string };

/** Cells a spreadsheet would run as a formula: they start with one of these (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Starts with a formula character, after any apostrophes (so that one written with an apostrophe already round-trips
 * too).
 */
const opensFormula = (text: string) => FORMULA_START.test(text.replace(/^'+/, ""));

/** A text cell as written to CSV: a would-be formula gets a leading apostrophe. */
export function neutraliseFormula(text: string): string {
  return opensFormula(text) ? `'${text}` : text;
}

/** The cell as it was before neutraliseFormula: the apostrophe before a formula character comes off. */
export function restoreFormula(text: string): string {
  return text.startsWith("'") && opensFormula(text) ? text.slice(1) : text;
}

export function parseCsv(text: string, delimiter = ","): CsvResult {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = "";
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteStartLine = 0;
  let afterQuote = false;

  const endRow = () => {
    cells.push(restoreFormula(cell));
    rows.push({ row: rows.length + 1, line: rowLine, cells });
    cells = [];
    cell = "";
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        // A line ends at LF, CRLF or a lone CR (old Mac files, some exports): count each once.
        if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === "" && !afterQuote) {
      quoted = true;
      quoteStartLine = line;
    } else if (ch === delimiter) {
      cells.push(restoreFormula(cell));
      cell = "";
      afterQuote = false;
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRow();
      afterQuote = false;
      line++;
      rowLine = line;
    } else if (afterQuote) {
      return {
        ok: false,
        line,
        message: `text after a closing quote (${JSON.stringify(ch)}); inside a quoted cell write a quote as ""`,
      };
    } else {
      cell += ch;
    }
  }
  if (quoted) return { ok: false, line: quoteStartLine, message: "a quoted cell is never closed" };
  if (cell !== "" || cells.length > 0) endRow();
  return { ok: true, rows };
}

/**
 * Excel writes semicolon-separated CSV in some locales; a first guess from the first
 * line (the form reader tries the others when this one gives no header row).
 */
export function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const commas = firstLine.split(",").length;
  const semicolons = firstLine.split(";").length;
  const tabs = firstLine.split("\t").length;
  if (tabs > commas && tabs > semicolons) return "\t";
  return semicolons > commas ? ";" : ",";
}

export const CSV_DELIMITERS = [",", ";", "\t"] as const;
