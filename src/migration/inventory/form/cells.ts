/** Reading one form cell into the model's value, or saying why it cannot be read. */
import { isoOf, isoOfUtcDate, parseFormDate } from "../dates";
import { didYouMean } from "../suggest";
import { BOOLEAN_LABELS, lookupLabel, spellingsOf } from "../vocabulary";
import type { CellKind } from "./columns";
import type { Cell } from "./table";

export type CellResult = { ok: true; value: unknown } | { ok: false; message: string; fix?: string };

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

function show(cell: Cell): string {
  return cell instanceof Date ? isoOfUtcDate(cell) : JSON.stringify(cell);
}

/** Days since 1899-12-30: how spreadsheets count dates in unformatted cells. */
function excelSerialToIso(serial: number): string | undefined {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2_958_465) return undefined;
  const date = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  return isoOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

function readNumber(cell: Cell, percent: boolean): number | undefined {
  if (typeof cell === "number") return cell;
  if (typeof cell !== "string") return undefined;
  let text = cell.normalize("NFKC").replace(/[,\s]/g, "");
  if (percent) text = text.replace(/%$/, "");
  return NUMBER.test(text) ? Number(text) : undefined;
}

/** Empty cells are `undefined` (the field is left out); everything else is read by kind. */
export function readCell(cell: Cell, kind: CellKind): CellResult | undefined {
  if (cell === null || (typeof cell === "string" && cell.trim() === "")) return undefined;
  switch (kind.type) {
    case "text":
      return { ok: true, value: cell instanceof Date ? isoOfUtcDate(cell) : String(cell).trim() };
    case "integer":
    case "number":
    case "percent": {
      const value = readNumber(cell, kind.type === "percent");
      if (value === undefined) return { ok: false, message: `${show(cell)} is not a number`, fix: kind.type === "percent" ? "write a number from 0 to 100, e.g. 35 or 35%" : "write digits only, without units" };
      if (kind.type === "integer" && !Number.isInteger(value)) return { ok: false, message: `${show(cell)} is not a whole number` };
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
      if (cell instanceof Date) return { ok: true, value: isoOfUtcDate(cell) };
      if (typeof cell === "number") {
        const iso = excelSerialToIso(cell);
        return iso ? { ok: true, value: iso } : { ok: false, message: `${cell} is not a date`, fix: "write 2018-03-01, 2018/3/1 or 2018年3月1日" };
      }
      const parsed = parseFormDate(String(cell));
      if (parsed.ok) return { ok: true, value: parsed.iso };
      return parsed.reason === "no-such-day"
        ? { ok: false, message: `${show(cell)} is not a real date (no such day)`, fix: "check the day and month" }
        : { ok: false, message: `${show(cell)} is not a date`, fix: "write 2018-03-01, 2018/3/1 or 2018年3月1日" };
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
      return { ok: false, message: `${show(cell)} is not one of ${labels}${suggestion ? `; ${suggestion}` : ""}`, fix: `write one of ${labels}` };
    }
  }
}
