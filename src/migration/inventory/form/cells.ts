/** Reading one form cell into the model's value, or saying why it cannot be read. */
import { inPlanningYears, isoOf, isoOfUtcDate, MAX_YEAR, MIN_YEAR, parseFormDate } from "../dates";
import { didYouMean } from "../suggest";
import { BOOLEAN_LABELS, lookupLabel, spellingsOf } from "../vocabulary";
import type { CellKind } from "./columns";
import { canonicalOf } from "./variants";
import { isCellError, type Cell } from "./table";

/** A cell read through a variant (全镇 for 全区): what was written and the canonical label it was read as. */
export interface VariantReading {
  readonly written: string;
  readonly canonical: string;
}

export type CellResult =
  { ok: true; value: unknown; variant?: VariantReading } | { ok: false; message: string; fix?: string };

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
/** 1,024 and 12,345.5: the only commas a number may hold. */
const THOUSANDS = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const DATE_FIX = "write 2018-03-01, 2018/3/1 or 2018年3月1日";

function show(cell: Exclude<Cell, null>): string {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? "an invalid date" : isoOfUtcDate(cell);
  return JSON.stringify(cell);
}

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** Serial numbers taken for dates: 1990-01-01 … 2100-12-31; 2016 or 201709 are not dates. */
const FIRST_SERIAL = (Date.UTC(1990, 0, 1) - SERIAL_EPOCH) / DAY_MS;
const LAST_SERIAL = (Date.UTC(2100, 11, 31) - SERIAL_EPOCH) / DAY_MS;

/** Days since 1899-12-30: how spreadsheets count dates in unformatted cells. */
export function excelSerialToIso(serial: number): string | undefined {
  if (!Number.isInteger(serial) || serial < FIRST_SERIAL || serial > LAST_SERIAL) return undefined;
  const date = new Date(SERIAL_EPOCH + serial * DAY_MS);
  return isoOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

type NumberResult = { ok: true; value: number } | { ok: false; decimalComma?: true };

function readNumber(cell: Cell, percent: boolean): NumberResult {
  if (typeof cell === "number") return { ok: true, value: cell };
  if (typeof cell !== "string") return { ok: false };
  let text = cell.normalize("NFKC").replace(/\s/g, "");
  if (percent) text = text.replace(/%$/, "");
  if (text.includes(",")) {
    // A comma separates thousands (1,024), or it is a decimal comma (1,5) or a list: never guessed.
    if (!THOUSANDS.test(text)) return { ok: false, decimalComma: true };
    text = text.replace(/,/g, "");
  }
  return NUMBER.test(text) ? { ok: true, value: Number(text) } : { ok: false };
}

/**
 * Empty cells are `undefined` (the field is left out); everything else is read by kind.
 * A text the kind does not take but its variants list (二级 for an MLPS level, 视频专网
 * for a business private network) is read as the canonical label, and says so.
 */
export function readCell(cell: Cell, kind: CellKind): CellResult | undefined {
  const literal = readLiteral(cell, kind);
  if (literal === undefined || literal.ok || typeof cell !== "string" || !("variants" in kind) || !kind.variants)
    return literal;
  const canonical = canonicalOf(kind.variants, cell);
  if (canonical === undefined) return literal;
  const read = readLiteral(canonical, kind);
  return read?.ok ? { ...read, variant: { written: cell.trim(), canonical } } : literal;
}

function readLiteral(cell: Cell, kind: CellKind): CellResult | undefined {
  if (cell === null || (typeof cell === "string" && cell.trim() === "")) return undefined;
  if (isCellError(cell)) return { ok: false, message: cell.error, fix: cell.fix };
  switch (kind.type) {
    case "text":
      return { ok: true, value: cell instanceof Date ? isoOfUtcDate(cell) : String(cell).trim() };
    case "integer":
    case "number":
    case "percent": {
      const read = readNumber(cell, kind.type === "percent");
      if (!read.ok && read.decimalComma) {
        return {
          ok: false,
          message: `${show(cell)} is not a number: a comma may only separate thousands (1,024)`,
          fix: "use a decimal point, e.g. 1.5",
        };
      }
      if (!read.ok)
        return {
          ok: false,
          message: `${show(cell)} is not a number`,
          fix:
            kind.type === "percent"
              ? "write a number from 0 to 100, e.g. 35 or 35%"
              : "write digits only, without units",
        };
      const value = read.value;
      if (kind.type === "integer" && !Number.isInteger(value))
        return { ok: false, message: `${show(cell)} is not a whole number` };
      return { ok: true, value };
    }
    case "boolean": {
      if (typeof cell === "boolean") return { ok: true, value: cell };
      const text = String(cell).trim().toLowerCase();
      if (BOOLEAN_LABELS.true.includes(text)) return { ok: true, value: true };
      if (BOOLEAN_LABELS.false.includes(text)) return { ok: true, value: false };
      return { ok: false, message: `${show(cell)} is not 是 or 否`, fix: "write 是 or 否" };
    }
    case "date": {
      if (cell instanceof Date) {
        // A date cell of 0 or a negative serial is 1899-12-30 or earlier (or no date at all): an empty or mistyped
        // cell, not a day to plan by.
        if (Number.isNaN(cell.getTime()) || !inPlanningYears(isoOfUtcDate(cell)))
          return {
            ok: false,
            message:
              `the date cell holds ${Number.isNaN(cell.getTime()) ? "no valid date" : isoOfUtcDate(cell)}, ` +
              `outside the years ${MIN_YEAR}–${MAX_YEAR}`,
            fix: `${DATE_FIX}, or leave the cell empty`,
          };
        return { ok: true, value: isoOfUtcDate(cell) };
      }
      if (typeof cell === "number") {
        // An unformatted date cell holds its serial number; other numbers (2016, 201709) are not dates.
        const iso = excelSerialToIso(cell);
        return iso
          ? { ok: true, value: iso }
          : { ok: false, message: `${cell} is a number, not a date`, fix: DATE_FIX };
      }
      const parsed = parseFormDate(String(cell));
      if (parsed.ok) return { ok: true, value: parsed.iso };
      return parsed.reason === "no-such-day"
        ? { ok: false, message: `${show(cell)} is not a real date (no such day)`, fix: "check the day and month" }
        : { ok: false, message: `${show(cell)} is not a date`, fix: DATE_FIX };
    }
    case "names":
      return {
        ok: true,
        value: String(cell)
          .split(/[；;]/)
          .map((name) => name.trim())
          .filter((name) => name !== ""),
      };
    case "enum": {
      const text = String(cell);
      const value = lookupLabel(kind.vocabulary, text);
      if (value !== undefined) return { ok: true, value };
      const spellings = spellingsOf(kind.vocabulary);
      const suggestion = didYouMean(text.trim(), spellings);
      const labels = Object.values(kind.vocabulary).flat().join("、");
      return {
        ok: false,
        message: `${show(cell)} is not one of ${labels}${suggestion ? `; ${suggestion}` : ""}`,
        fix: `write one of ${labels}`,
      };
    }
  }
}
