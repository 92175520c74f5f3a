/**
 * Small Markdown builders for the reports: escaped text, tables, relative links. The
 * reports are plain CommonMark + GFM tables, readable as text and on any Git host.
 */

/** Escapes what Markdown would read as markup (and the table separator), and folds line breaks. */
export function md(text: string): string {
  return text.replace(/[\\`*_~[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, " ");
}

/** A relative link; the href is a path built from ids, so it needs no escaping. */
export function link(text: string, href: string): string {
  return `[${md(text)}](${href})`;
}

/** A GFM table. Cells are already Markdown (escape them with md()); an empty body gets no table. */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly ("l" | "r" | "c")[],
): string {
  const rule = header.map((_, i) => {
    const a = align?.[i] ?? "l";
    return a === "r" ? "---:" : a === "c" ? ":---:" : "---";
  });
  const line = (cells: readonly string[]) => `| ${cells.map((c) => (c === "" ? " " : c)).join(" | ")} |`;
  return [line(header), line(rule), ...rows.map(line)].join("\n");
}

/** Joins blocks with one blank line between them and ends the document with one newline. */
export function document(blocks: readonly (string | null | false | undefined)[]): string {
  return `${blocks.filter((b): b is string => typeof b === "string" && b !== "").join("\n\n")}\n`;
}

export function bullets(items: readonly string[]): string {
  return items.map((item) => `- ${item}`).join("\n");
}

export function numbered(items: readonly string[]): string {
  return items.map((item, i) => `${i + 1}. ${item}`).join("\n");
}

/** Code-point order, the same on every machine (no locale collation). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Dates ascending, null (not scheduled) last. */
export function compareDates(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return compare(a, b);
}
