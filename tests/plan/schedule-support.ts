/** What the schedule tests share: Saturday-night windows from 2018-01-20, a unit, and who goes when. */
import { schedule, type ScheduleSettings, type ScheduleUnit } from "../../src/migration/plan/schedule";

/** Saturday nights 22:00–06:00 from 2018-01-20, easiest first, `capacitySystems` cutovers and 1 TB a window. */
export const saturdays = (capacitySystems: number): ScheduleSettings => ({
  firstDay: "2018-01-15",
  days: ["sat"],
  startTime: "22:00",
  hours: 8,
  capacitySystems,
  capacityDataGb: 1024,
  ordering: "easy-first",
  roomRank: new Map(),
});

export const unit = (id: string, overrides: Partial<ScheduleUnit> = {}): ScheduleUnit => ({
  id,
  room: "r",
  complexity: 1,
  windowDataGb: 10,
  windowHours: 2,
  after: [],
  strictlyAfter: [],
  ...overrides,
});

/** Each scheduled system's window date. */
export const dates = (result: ReturnType<typeof schedule>) =>
  Object.fromEntries([...result.windowOf].map(([id, w]) => [id, w.date]));
