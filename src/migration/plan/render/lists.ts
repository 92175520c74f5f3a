/**
 * Long lists in their own files. The summary is for leaders and must stay a page at any
 * size (a city's 395 late systems or a room's 70 blockers do not fit one): it shows the
 * first rows of each list and its count, and links to lists/<id>.md (the whole table)
 * and lists/<id>.csv (the same rows as plain text, for a spreadsheet).
 */
import { formRowsToCsv } from "../../inventory/form/write-form";
import type { RenderContext } from "./context";
import { aside, type Language } from "./labels";
import { document, link, table } from "./markdown";

/** How many rows of a list the summary shows. */
export const SUMMARY_ROWS = 10;

export interface LongList {
  /** File name under lists/, without extension. */
  readonly id: string;
  /** The list file's heading (without "#"). */
  readonly title: string;
  /** A sentence under the heading, or null. */
  readonly intro: string | null;
  readonly header: readonly string[];
  readonly align?: readonly ("l" | "r" | "c")[];
  /** The rows as Markdown cells; links are relative to `prefix` (the file's folder up to the plan's root). */
  readonly rows: (prefix: string) => readonly (readonly string[])[];
  /** A closing row (a total) shown in the summary and in the file, not counted. */
  readonly footer?: (prefix: string) => readonly string[];
}

export const listPath = (id: string, ext: "md" | "csv" = "md") => `lists/${id}.${ext}`;

/** A list's page, with its CSV in parentheses: how the summary points at every list. */
export function pageAndCsv(lang: Language, title: string, id: string): string {
  return `${link(title, listPath(id))}${aside(lang, link("CSV", listPath(id, "csv")))}`;
}

/**
 * A Markdown cell as plain text for CSV: links keep their text, escapes and emphasis go.
 * One rule for every list, so the CSV always says what the table says.
 */
export function plainText(cell: string): string {
  return cell
    .replace(/\[((?:\\.|[^\]\\])*)\]\([^)\s]*\)/g, "$1")
    .replace(/\*\*/g, "")
    .replace(/\\(.)/g, "$1")
    .trim();
}

/** lists/<id>.md and lists/<id>.csv. */
export function listFiles(list: LongList): [string, string][] {
  const rows = list.rows("../");
  const footer = list.footer?.("../");
  const markdown = document([
    `# ${list.title}`,
    list.intro,
    rows.length ? table(list.header, footer ? [...rows, footer] : rows, list.align) : null,
  ]);
  // A BOM so that spreadsheet programs read the Chinese as UTF-8, like migration-table.csv.
  const csv = `\uFEFF${formRowsToCsv(
    list.header.map(plainText),
    rows.map((row) => row.map(plainText)),
  )}`;
  return [
    [listPath(list.id), markdown],
    [listPath(list.id, "csv"), csv],
  ];
}

/**
 * The summary's excerpt of a list: its first SUMMARY_ROWS rows (and footer), and, when
 * there are more, how many and where the rest is. Empty string when the list is empty.
 */
export function excerpt(ctx: RenderContext, list: LongList): string {
  const rows = list.rows("");
  if (rows.length === 0) return "";
  const shown = rows.slice(0, SUMMARY_ROWS);
  const footer = list.footer?.("");
  const links = pageAndCsv(ctx.lang, list.title, list.id);
  const more =
    rows.length > shown.length
      ? ctx.lang === "zh"
        ? `共 ${rows.length} 项，此处列出前 ${shown.length} 项；全部见 ${links}。`
        : `${rows.length} in all, the first ${shown.length} shown; all of them in ${links}.`
      : ctx.lang === "zh"
        ? `另见 ${links}。`
        : `Also as ${links}.`;
  return `${table(list.header, footer ? [...shown, footer] : shown, list.align)}\n\n${more}`;
}
