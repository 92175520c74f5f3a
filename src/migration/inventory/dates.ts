/**
 * Calendar dates as the inventory stores them: ISO `YYYY-MM-DD` strings, no time zone,
 * no wall clock. Forms may also write 2018/3/1 and 2018年3月1日.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FORM_DATE = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/;

/**
 * The years a plan may name: a migration programme, its systems' approvals and updates
 * all fall within them. Beyond, the planner's day-by-day schedule would run for
 * millennia (a policy year 10000) and JavaScript dates end at year 275,760 (NaN).
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** True for an ISO date whose year is within MIN_YEAR–MAX_YEAR. */
export function inPlanningYears(iso: string): boolean {
  const year = Number(iso.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** True when y-m-d names a day that exists in the proleptic Gregorian calendar. */
export function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** True for an ISO date string naming a real day (2018-02-30 is false). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  return isRealDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

export type FormDateResult = { ok: true; iso: string } | { ok: false; reason: "format" | "no-such-day" };

/** Reads a date written on a form in one of the accepted spellings. */
export function parseFormDate(text: string): FormDateResult {
  const match = FORM_DATE.exec(text.trim());
  if (!match) return { ok: false, reason: "format" };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isRealDay(year, month, day)) return { ok: false, reason: "no-such-day" };
  return { ok: true, iso: isoOf(year, month, day) };
}

export function isoOf(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** ISO date of a spreadsheet date cell (spreadsheet libraries hand these over as UTC midnights). */
export function isoOfUtcDate(date: Date): string {
  return isoOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Days from a to b (both ISO), negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
