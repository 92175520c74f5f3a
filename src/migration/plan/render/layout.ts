/**
 * Label layout for the charts, pure and tested: text boxes from estimated widths (CJK
 * glyphs square, Latin 0.6 em), obstacles for the lines and marks already drawn, and a
 * placer that gives each label the first of its candidate positions that touches nothing.
 * A label that fits nowhere is dropped rather than drawn over something (the chart says
 * so in its tooltip-free way: the value stays in the reports). Axis ticks thin themselves
 * out so that their labels never run together, at 10 waves or at 1,000.
 */
import { line, svgDocument, text, textWidth, type DateScale, type LegendItem, type TextOptions } from "./svg";

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Whether two boxes overlap (touching edges do not). */
export const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

export type Anchor = "start" | "middle" | "end";
export type Baseline = "alphabetic" | "middle";

/** The box a text of `size` px occupies when drawn at (x, y) with that anchor and baseline. */
export function textBox(x: number, y: number, content: string, size: number, anchor: Anchor, baseline: Baseline): Box {
  const w = textWidth(content, size);
  const left = anchor === "start" ? x : anchor === "middle" ? x - w / 2 : x - w;
  // Glyphs rise about 0.9 em over the baseline and descend about 0.25 em under it.
  const top = baseline === "middle" ? y - size * 0.6 : y - size * 0.95;
  return { x: left, y: top, w, h: baseline === "middle" ? size * 1.2 : size * 1.25 };
}

/** A thin obstacle along a horizontal or vertical segment (the charts draw no others), widened by the stroke. */
export function segmentBox(x1: number, y1: number, x2: number, y2: number, stroke = 2): Box {
  const [left, right, top, bottom] = [Math.min(x1, x2), Math.max(x1, x2), Math.min(y1, y2), Math.max(y1, y2)];
  return { x: left - stroke / 2, y: top - stroke / 2, w: right - left + stroke, h: bottom - top + stroke };
}

/** The obstacles of a polyline of axis-aligned segments, given as "x,y" points. */
export function polylineBoxes(points: readonly string[], stroke = 2): Box[] {
  const xy = points.map((p) => p.split(",").map(Number) as [number, number]);
  const out: Box[] = [];
  for (let i = 1; i < xy.length; i++) out.push(segmentBox(xy[i - 1]![0], xy[i - 1]![1], xy[i]![0], xy[i]![1], stroke));
  return out;
}

/** A square obstacle of half-size r around a mark's centre. */
export const markBox = (x: number, y: number, r: number): Box => ({ x: x - r, y: y - r, w: 2 * r, h: 2 * r });

export interface Candidate {
  readonly x: number;
  readonly y: number;
  readonly anchor: Anchor;
  readonly baseline?: Baseline;
}

export interface LabelRequest {
  readonly text: string;
  readonly size: number;
  /** Positions to try, best first. */
  readonly candidates: readonly Candidate[];
}

/** A label request with how to draw it (colour, weight). */
export interface StyledLabel extends LabelRequest {
  readonly options?: Omit<TextOptions, "anchor" | "baseline" | "size">;
}

export interface PlacedLabel {
  readonly request: LabelRequest;
  readonly at: Candidate;
  readonly box: Box;
}

/**
 * Places labels in order: each takes its first candidate whose box stays inside `bounds`
 * and overlaps no obstacle and no label placed before it (with `gap` px to spare).
 * Returns the placed labels and the requests that fit nowhere.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  obstacles: readonly Box[],
  bounds: Box,
  gap = 2,
): { placed: PlacedLabel[]; dropped: LabelRequest[] } {
  const placed: PlacedLabel[] = [];
  const dropped: LabelRequest[] = [];
  const inside = (b: Box) =>
    b.x >= bounds.x && b.y >= bounds.y && b.x + b.w <= bounds.x + bounds.w && b.y + b.h <= bounds.y + bounds.h;
  for (const request of requests) {
    const spot = request.candidates
      .map((at) => ({
        at,
        box: textBox(at.x, at.y, request.text, request.size, at.anchor, at.baseline ?? "alphabetic"),
      }))
      .find(({ box }) => {
        const padded = { x: box.x - gap, y: box.y - gap, w: box.w + 2 * gap, h: box.h + 2 * gap };
        return (
          inside(box) && !obstacles.some((o) => overlaps(padded, o)) && !placed.some((p) => overlaps(padded, p.box))
        );
      });
    if (spot) placed.push({ request, ...spot });
    else dropped.push(request);
  }
  return { placed, dropped };
}

/**
 * Candidates around a point, nearest first: left or right of it (anchored away from it),
 * above or below, then further out up to about 160 px, so that a crowded point still
 * finds a free place close by.
 */
export function around(x: number, y: number, size: number, baseline: Baseline = "alphabetic"): Candidate[] {
  const out: { at: Candidate; distance: number }[] = [];
  const lift = baseline === "middle" ? 0 : size * 0.35;
  for (const dx of [8, 24, 48, 80, 120])
    for (const dy of [0, 10, 20, 32, 46, 62, 80, 100, 130, 160])
      for (const [sx, sy] of [
        [-1, -1],
        [1, -1],
        [-1, 1],
        [1, 1],
      ] as const) {
        if (dy === 0 && sy === 1) continue;
        out.push({
          at: { x: x + sx * dx, y: y + sy * dy + lift, anchor: sx < 0 ? "end" : "start", baseline },
          distance: dx + dy,
        });
      }
  // A stable order: nearest first, then the order written above.
  return out
    .map((c, i) => ({ ...c, i }))
    .sort((a, b) => a.distance - b.distance || a.i - b.i)
    .map((c) => c.at);
}

/** Month steps an axis may use: monthly, then every 2, 3, 6 months, then yearly and beyond. */
const STEPS = [1, 2, 3, 6, 12, 24, 60, 120] as const;

export interface Tick {
  readonly date: string;
  readonly label: string;
}

/**
 * The month ticks of a date range that fit `pxPerMonth`: the smallest step whose labels
 * (2018-03, or just the year from yearly steps on) leave `gap` px between them. Ticks
 * fall on months that are multiples of the step (January, April… for quarters).
 */
export function monthTicks(months: readonly string[], pxPerMonth: number, size: number, gap = 8): Tick[] {
  for (const step of STEPS) {
    const label = (date: string) => (step >= 12 ? date.slice(0, 4) : date.slice(0, 7));
    const width = textWidth(step >= 12 ? "2018" : "2018-01", size);
    if (width + gap > step * pxPerMonth && step !== STEPS.at(-1)) continue;
    return months
      .filter((m) => {
        const index = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
        return index % step === 0;
      })
      .map((date) => ({ date, label: label(date) }));
  }
  return [];
}

/**
 * A chart being drawn: its elements, the boxes of its labels and the obstacles (lines,
 * marks) labels must keep off. The charts draw through it so that a test can check the
 * layout they actually drew: no label over another or over an obstacle.
 */
export class Canvas {
  readonly body: string[] = [];
  readonly labels: { readonly text: string; readonly box: Box }[] = [];
  readonly obstacles: Box[] = [];

  draw(...elements: string[]): void {
    this.body.push(...elements);
  }

  block(...boxes: Box[]): void {
    this.obstacles.push(...boxes);
  }

  /** A label at a fixed place (titles, axis labels): drawn and recorded. */
  label(x: number, y: number, content: string, options: TextOptions = {}): void {
    const size = options.size ?? 12;
    const box = textBox(
      x,
      y,
      content,
      size,
      options.anchor ?? "start",
      options.baseline === "middle" ? "middle" : "alphabetic",
    );
    this.labels.push({ text: content, box });
    this.body.push(text(x, y, content, options));
  }

  /** Places labels clear of everything recorded so far; returns what fit nowhere. */
  place(requests: readonly StyledLabel[], bounds: Box): LabelRequest[] {
    const { placed, dropped } = placeLabels(requests, [...this.obstacles, ...this.labels.map((l) => l.box)], bounds);
    for (const p of placed) {
      const options = (p.request as StyledLabel).options ?? {};
      this.labels.push({ text: p.request.text, box: p.box });
      this.body.push(
        text(p.at.x, p.at.y, p.request.text, {
          ...options,
          size: p.request.size,
          anchor: p.at.anchor,
          ...(p.at.baseline === "middle" ? { baseline: "middle" as const } : {}),
        }),
      );
    }
    return dropped;
  }

  /** Legend entries left to right from (x0, y0), wrapping before maxX; returns the last line's y. */
  legend(items: readonly LegendItem[], x0: number, y0: number, maxX: number): number {
    let [x, y] = [x0, y0];
    for (const item of items) {
      const width = 22 + textWidth(item.label, 11);
      if (x > x0 && x + width > maxX) [x, y] = [x0, y + 20];
      this.draw(item.symbol(x + 6, y));
      this.label(x + 16, y, item.label, { size: 11, baseline: "middle" });
      x += width + 18;
    }
    return y;
  }

  svg(width: number, height: number, title: string): string {
    return svgDocument(width, height, title, this.body);
  }
}

/** Pixels per month on a date scale. */
export const pxPerMonth = (scale: DateScale): number => ((scale.x1 - scale.x0) / scale.days) * 30.44;

/**
 * The time axis under a plot: a light grid line and a label per tick (thinned by
 * monthTicks so labels never touch), the axis line itself.
 */
export function monthAxis(canvas: Canvas, scale: DateScale, top: number, bottom: number): void {
  for (const tick of monthTicks(scale.months(), pxPerMonth(scale), 11)) {
    const x = scale.x(tick.date);
    canvas.draw(line(x, top, x, bottom, "#e3e3e3"));
    // A label that would stick out of the plot's right end is left off.
    if (x + textWidth(tick.label, 11) / 2 > scale.x1 + 20) continue;
    canvas.label(x, bottom + 19, tick.label, { size: 11, anchor: "middle", fill: "#555" });
  }
  canvas.draw(line(scale.x0, bottom, scale.x1, bottom, "#888"));
}

/** Whether a drawn layout is clean: the pairs of labels that overlap, and labels over obstacles. */
export function layoutClashes(canvas: Canvas): string[] {
  const out: string[] = [];
  const { labels, obstacles } = canvas;
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++)
      if (overlaps(labels[i]!.box, labels[j]!.box)) out.push(`"${labels[i]!.text}" over "${labels[j]!.text}"`);
    for (const o of obstacles)
      if (overlaps(labels[i]!.box, o)) out.push(`"${labels[i]!.text}" over a mark or line at ${JSON.stringify(o)}`);
  }
  return out;
}
