/**
 * What the two charts of progress against the deadlines have in common: the plan's
 * charts/progress.svg (the share planned) and progress's charts/burnup.svg (planned and
 * actual). Both plot the cumulative share of the cloud-bound systems over time: a share
 * axis from 0 to 100 %, a time range that holds every date and deadline, the deadlines in
 * date order with their required share as a dashed staircase, cumulative step lines, and
 * the legend's symbols for the planned and required lines. One home, so that the two
 * charts keep drawing the same thing the same way.
 */
import type { DeadlineResult, Plan } from "../types";
import { compare } from "./markdown";
import { COLOURS, DateScale, line, paddedEnd, stepLine } from "./svg";

/** The vertical axis: a share (0 to 1) of `total` systems, from `bottom` (0 %) up to `top` (100 %). */
export interface ShareAxis {
  readonly y: (share: number) => number;
  /** The share `count` systems are of the total (all of nothing is done: 100 %). */
  readonly shareOf: (count: number) => number;
}

export function shareAxis(total: number, top: number, bottom: number): ShareAxis {
  return {
    y: (share) => bottom - (bottom - top) * share,
    shareOf: (count) => (total === 0 ? 1 : count / total),
  };
}

/** The axis every 10 %: each tenth's height, its label and its grid line across the plot (the 0 % one darker). */
export function shareTenths(axis: ShareAxis, scale: DateScale): { y: number; label: string; grid: string }[] {
  return Array.from({ length: 11 }, (_, tenth) => {
    const y = axis.y(tenth / 10);
    return { y, label: `${tenth * 10}%`, grid: line(scale.x0, y, scale.x1, y, tenth === 0 ? "#888" : "#eeeeee") };
  });
}

/** The time range from `start` to a little after the latest of `dates` and the deadlines, between x0 and x1. */
export function shareTimeScale(
  start: string,
  dates: readonly string[],
  deadlines: readonly DeadlineResult[],
  x0: number,
  x1: number,
): DateScale {
  return new DateScale(start, paddedEnd([...dates, ...deadlines.map((d) => d.date)], start), x0, x1);
}

/** The plan's deadlines, earliest first. */
export function deadlinesByDate(plan: Plan): DeadlineResult[] {
  return [...plan.deadlines].sort((a, b) => compare(a.date, b.date));
}

/**
 * The required share as a staircase: from each deadline on, at least its share, up to the
 * next deadline (the last one to the plot's end). Each step's ends and its dashed line.
 */
export function requiredSteps(
  deadlines: readonly DeadlineResult[],
  scale: DateScale,
  axis: ShareAxis,
): { x: number; xEnd: number; y: number; element: string }[] {
  return deadlines.map((d, i) => {
    const next = deadlines[i + 1];
    const [x, xEnd, y] = [scale.x(d.date), next ? scale.x(next.date) : scale.x1, axis.y(d.requiredShare)];
    return { x, xEnd, y, element: line(x, y, xEnd, y, COLOURS.required, `stroke-width="1.5" stroke-dasharray="6 4"`) };
  });
}

/** The cumulative share of systems done by each of `dates`, as a step line from the plot's start to `xEnd`. */
export function cumulativeShare(
  dates: readonly string[],
  scale: DateScale,
  axis: ShareAxis,
  xEnd: number,
): { points: string[]; done: number } {
  return stepLine(
    dates,
    (date) => scale.x(date),
    (count) => axis.y(axis.shareOf(count)),
    scale.x0,
    xEnd,
  );
}

/** The legend's symbol of the planned line. */
export const plannedSymbol = (x: number, y: number): string =>
  line(x - 6, y, x + 6, y, COLOURS.planned, `stroke-width="2"`);

/** The legend's symbol of the required staircase. */
export const requiredSymbol = (x: number, y: number): string =>
  line(x - 6, y, x + 6, y, COLOURS.required, `stroke-width="1.5" stroke-dasharray="4 3"`);
