/**
 * Hand-written SVG, no dependency: escaping, one-decimal numbers (so the output is the
 * same on every machine), a date scale with month ticks, and the document shell with a
 * font stack that has Chinese glyphs on Linux and Windows.
 */
import { daysBetween } from "../../inventory/dates";
import { addDays } from "../windows";

export const FONT = "'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

/**
 * Characters XML 1.0 forbids even escaped: C0 controls but tab, line feed and carriage return;
 * U+FFFE and U+FFFF; surrogates that pair with nothing. A name carrying one (a NUL from a
 * form's cell) would make the whole document unreadable.
 */
const NOT_XML = new RegExp(
  [
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.source, // controls but tab, LF and CR; U+FFFE, U+FFFF
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.source, // a high surrogate without its low one
    /(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.source, // a low surrogate without its high one
  ].join("|"),
  "g",
);

/** Escapes text and attribute values for XML, dropping the characters XML cannot carry. */
export function xml(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c] ?? c);
}

/**
 * A cumulative step line: from (x0, 0), up at each date by the systems finishing that day,
 * flat to xEnd. `at(count)` places a count (a y coordinate). Returns the points and the count reached.
 */
export function stepLine(
  dates: readonly string[],
  x: (date: string) => number,
  at: (count: number) => number,
  x0: number,
  xEnd: number,
): { points: string[]; done: number } {
  const perDate = new Map<string, number>();
  for (const date of dates) perDate.set(date, (perDate.get(date) ?? 0) + 1);
  const points = [`${n(x0)},${n(at(0))}`];
  let done = 0;
  for (const [date, count] of perDate) {
    points.push(`${n(x(date))},${n(at(done))}`);
    done += count;
    points.push(`${n(x(date))},${n(at(done))}`);
  }
  points.push(`${n(xEnd)},${n(at(done))}`);
  return { points, done };
}

/** A coordinate rounded to one decimal, never "-0". */
export function n(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return String(rounded === 0 ? 0 : rounded);
}

/** Width of a label in pixels, roughly: CJK glyphs are square, Latin about 0.6 em. */
export function textWidth(text: string, size: number): number {
  let width = 0;
  for (const char of text)
    width += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/.test(char) ? size : size * 0.6;
  return width;
}

export interface TextOptions {
  readonly size?: number;
  readonly anchor?: "start" | "middle" | "end";
  readonly fill?: string;
  readonly weight?: "bold";
  readonly baseline?: "middle" | "hanging";
  /** Rotation in degrees around (x, y). */
  readonly rotate?: number;
}

export function text(x: number, y: number, content: string, options: TextOptions = {}): string {
  const attrs = [`x="${n(x)}"`, `y="${n(y)}"`];
  if (options.size !== undefined) attrs.push(`font-size="${n(options.size)}"`);
  if (options.anchor && options.anchor !== "start") attrs.push(`text-anchor="${options.anchor}"`);
  if (options.fill) attrs.push(`fill="${options.fill}"`);
  if (options.weight) attrs.push(`font-weight="${options.weight}"`);
  if (options.baseline) attrs.push(`dominant-baseline="${options.baseline}"`);
  if (options.rotate) attrs.push(`transform="rotate(${n(options.rotate)} ${n(x)} ${n(y)})"`);
  return `<text ${attrs.join(" ")}>${xml(content)}</text>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, extra = ""): string {
  return (
    `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" ` + `stroke="${stroke}"${extra ? ` ${extra}` : ""}/>`
  );
}

export function rect(x: number, y: number, width: number, height: number, fill: string, extra = ""): string {
  return (
    `<rect x="${n(x)}" y="${n(y)}" width="${n(Math.max(0, width))}" height="${n(Math.max(0, height))}" ` +
    `fill="${fill}"${extra ? ` ${extra}` : ""}/>`
  );
}

export function svgDocument(width: number, height: number, title: string, body: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ` +
      `${n(height)}" font-family="${FONT}" font-size="12" fill="#222">`,
    `<title>${xml(title)}</title>`,
    rect(0, 0, width, height, "#ffffff"),
    ...body,
    "</svg>",
    "",
  ].join("\n");
}

/** Maps ISO dates to x between x0 and x1, from `start` to `end`. */
export class DateScale {
  readonly days: number;
  constructor(
    readonly start: string,
    readonly end: string,
    readonly x0: number,
    readonly x1: number,
  ) {
    this.days = Math.max(1, daysBetween(start, end));
  }

  x(date: string): number {
    return this.x0 + ((this.x1 - this.x0) * daysBetween(this.start, date)) / this.days;
  }

  /** The first day of every month inside the range (the start itself when it is one). */
  months(): string[] {
    const out: string[] = [];
    let [year, month] = [Number(this.start.slice(0, 4)), Number(this.start.slice(5, 7))];
    if (this.start.slice(8) !== "01") [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
    for (;;) {
      const day = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-01`;
      if (day > this.end) break;
      out.push(day);
      [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
    }
    return out;
  }
}

/** The end of a chart's time range: the latest date, a week further, so the last marks are not cut. */
export function paddedEnd(dates: readonly string[], fallback: string): string {
  const last = [...dates].sort().at(-1) ?? fallback;
  return addDays(last, 7);
}

/** A legend entry: a symbol drawn at (x, y) (its centre line) and its label to the right. */
export interface LegendItem {
  readonly symbol: (x: number, y: number) => string;
  readonly label: string;
}

/**
 * Lays legend entries out left to right from (x0, y), wrapping before `maxX`; returns the elements and the last line's
 * y.
 */
export function legend(
  items: readonly LegendItem[],
  x0: number,
  y0: number,
  maxX: number,
): { elements: string[]; bottom: number } {
  const elements: string[] = [];
  let [x, y] = [x0, y0];
  for (const item of items) {
    const width = 22 + textWidth(item.label, 11);
    if (x > x0 && x + width > maxX) [x, y] = [x0, y + 20];
    elements.push(item.symbol(x + 6, y), text(x + 16, y, item.label, { size: 11, baseline: "middle" }));
    x += width + 18;
  }
  return { elements, bottom: y };
}

/** Colours per disposition, readable in print and for the common colour-vision deficiencies. */
export const COLOURS = {
  rehost: "#1f77b4",
  replatform: "#2ca02c",
  consolidate: "#9467bd",
  retire: "#8c8c8c",
  deadlineMet: "#2e7d32",
  deadlineMissed: "#c62828",
  planned: "#1f77b4",
  required: "#c62828",
} as const;
