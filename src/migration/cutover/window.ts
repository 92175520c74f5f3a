/**
 * A wave's window as instants. The plan writes local date-times (YYYY-MM-DDTHH:MM) in the
 * city's time, China Standard Time: UTC+8 all year (no daylight saving), so one offset
 * is exact and a run's decision does not depend on the executor machine's time zone.
 */
export const CITY_UTC_OFFSET = "+08:00";

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** A plan's local date-time (or an ISO instant with its own offset) as a Date; undefined when it is neither. */
export function cityTime(text: string): Date | undefined {
  const date = new Date(LOCAL.test(text) ? `${text}:00${CITY_UTC_OFFSET}` : text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
