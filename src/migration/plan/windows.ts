/** Cutover windows: the calendar the policy allows, generated lazily from the planning start. */
import { isoOf } from "../inventory/dates";
import type { Weekday } from "../inventory/vocabulary";

const WEEKDAY_INDEX: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

export interface CutoverWindow {
  readonly index: number;
  readonly date: string;
  readonly start: string;
  readonly end: string;
}

function addDays(iso: string, days: number): string {
  const date = new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000);
  return isoOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export { addDays };

/** Lazily extended list of windows on the allowed weekdays, from `firstDay` on. */
export class WindowCalendar {
  private readonly windows: CutoverWindow[] = [];
  private nextDay: string;
  private readonly days: Set<number>;

  constructor(
    firstDay: string,
    days: readonly Weekday[],
    private readonly startTime: string,
    private readonly hours: number,
  ) {
    this.nextDay = firstDay;
    this.days = new Set(days.map((d) => WEEKDAY_INDEX[d]));
  }

  at(index: number): CutoverWindow {
    while (this.windows.length <= index) this.extend();
    return this.windows[index]!;
  }

  /** Index of the first window on or after `date` (its date may be later). */
  indexOnOrAfter(date: string): number {
    let n = 0;
    while (this.at(n).date < date) n++;
    return n;
  }

  /** The window this calendar's hours would give on `date`, whether or not it is a window day (a held wave's date). */
  on(date: string): CutoverWindow {
    const { start, end } = this.times(date);
    return { index: -1, date, start, end };
  }

  /** Number of windows that start on or before `date`. */
  countUntil(date: string): number {
    let n = 0;
    while (this.at(n).date <= date) n++;
    return n;
  }

  private extend(): void {
    for (;;) {
      const day = this.nextDay;
      this.nextDay = addDays(day, 1);
      if (!this.days.has(new Date(`${day}T00:00:00Z`).getUTCDay())) continue;
      this.windows.push({ index: this.windows.length, date: day, ...this.times(day) });
      return;
    }
  }

  private times(day: string): { start: string; end: string } {
    const [h, m] = this.startTime.split(":").map(Number) as [number, number];
    const startMinutes = h * 60 + m;
    const endMinutes = startMinutes + Math.round(this.hours * 60);
    const endDay = addDays(day, Math.floor(endMinutes / 1440));
    const clock = (minutes: number) =>
      `${String(Math.floor((minutes % 1440) / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
    return { start: `${day}T${this.startTime}`, end: `${endDay}T${clock(endMinutes)}` };
  }
}
