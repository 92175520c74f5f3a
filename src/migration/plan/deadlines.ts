/**
 * Whether each deadline of the policy is met, and if not, which constraint stops it and
 * by how much. The share counts the systems that must go to the cloud (rehost,
 * replatform, consolidate); zombies retire and classified or approved systems stay out.
 */
import type { ResolvedPolicy } from "./resolved-policy";
import type { WindowCalendar } from "./windows";
import type { DeadlineResult, Text } from "./types";

export interface DeadlineInput {
  readonly policy: ResolvedPolicy;
  /** Completion date of each cloud-bound system: the day its window ends (null: never scheduled). */
  readonly doneDates: readonly (string | null)[];
  readonly calendar: WindowCalendar;
  readonly unscheduled: number;
  /** Data each cloud-bound system moves inside its window, GB, easiest first. */
  readonly windowDataGb: readonly number[];
  readonly firstWindowDate: string;
}

export function evaluateDeadlines({
  policy,
  doneDates,
  calendar,
  unscheduled,
  windowDataGb,
  firstWindowDate,
}: DeadlineInput): DeadlineResult[] {
  const total = doneDates.length;
  return policy.deadlines.map((deadline) => {
    const required = Math.ceil((deadline.sharePct / 100) * total - 1e-9);
    const done = doneDates.filter((d) => d !== null && d <= deadline.date).length;
    const plannedShare = total === 0 ? 1 : Math.round((done / total) * 10000) / 10000;
    const met = done >= required;
    const shortBy = met ? 0 : required - done;
    return {
      date: deadline.date,
      requiredShare: deadline.sharePct / 100,
      plannedShare,
      met,
      shortBy,
      explanation: met
        ? null
        : explain(
            deadline.date,
            deadline.sharePct,
            required,
            done,
            policy,
            calendar,
            unscheduled,
            windowDataGb,
            firstWindowDate,
          ),
    };
  });
}

function explain(
  date: string,
  sharePct: number,
  required: number,
  done: number,
  policy: ResolvedPolicy,
  calendar: WindowCalendar,
  unscheduled: number,
  windowDataGb: readonly number[],
  firstWindowDate: string,
): Text {
  const short = required - done;
  if (firstWindowDate > date) {
    return {
      zh:
        `准备期：首个割接窗口为 ${firstWindowDate}，晚于期限（规划起始 ${policy.planningStart} 加 ${policy.rules.cutover.prepareDays} 天` +
        `准备）；差 ${short} 个系统`,
      en:
        `preparation: the first cutover window is ${firstWindowDate}, after the deadline ` +
        `(planning start ${policy.planningStart} + ${policy.rules.cutover.prepareDays} days of preparation); ` +
        `short by ${short} systems`,
    };
  }
  // A window counts when it ends by the deadline day.
  const windows = countWindowsEndingBy(calendar, date);
  const capacity = windows * policy.capacity.systems;
  if (capacity < required) {
    const needed = Math.ceil(required / Math.max(1, windows));
    return {
      zh:
        `割接能力不足：${date} 前共 ${windows} 个窗口 × 每窗口 ${policy.capacity.systems} 个系统 = ${capacity} 个，` +
        `而 ${sharePct}% 需要 ${required} 个；差 ${short} 个系统（解决：每个窗口至少割接 ${needed} 个系统，或每周增加窗口）`,
      en:
        `capacity: ${windows} windows × ${policy.capacity.systems} cutovers = ${capacity} before ${date}, but ` +
        `${sharePct} % needs ${required}; short by ${short} systems (fix: ` +
        `at least ${needed} cutovers per window, or more windows a week)`,
    };
  }
  const dataCapacityGb = windows * policy.capacity.dataTb * 1024;
  const easiestData = [...windowDataGb]
    .sort((a, b) => a - b)
    .slice(0, required)
    .reduce((n, gb) => n + gb, 0);
  if (easiestData > dataCapacityGb) {
    return {
      zh:
        `数据迁移能力不足：${date} 前 ${windows} 个窗口 × ${policy.capacity.dataTb} TB = ${Math.round(dataCapacityGb)} GB，` +
        `而数据量最小的 ${required} 个系统需迁移 ${Math.round(easiestData)} GB；差 ${short} 个系统（解决：提高每窗口数据量，或采用温迁移）`,
      en:
        `data: ${windows} windows × ${policy.capacity.dataTb} TB = ${Math.round(dataCapacityGb)} GB before ` +
        `${date}, but the ${required} lightest systems move ${Math.round(easiestData)} GB; ` +
        `short by ${short} systems (fix: raise the data per window, or warm migrations)`,
    };
  }
  if (unscheduled > 0) {
    return {
      zh: `${unscheduled} 个系统没有可用窗口（见其运行手册）；差 ${short} 个系统`,
      en: `${unscheduled} systems have no window (see their runbooks); short by ${short} systems`,
    };
  }
  return {
    zh: `依赖与整合顺序：系统须在其依赖的系统之后、影子系统须在其保留系统之后迁移，使 ${short} 个系统推迟到 ${date} 之后（解决：提高每窗口割接数，让依赖链更早完成）`,
    en:
      `dependencies and shadow merges: systems wait for the systems they depend on, and shadows for their ` +
      `survivors, which pushes ${short} systems past ${date} (fix: ` +
      `more cutovers per window, so that chains move sooner)`,
  };
}

function countWindowsEndingBy(calendar: WindowCalendar, date: string): number {
  let n = 0;
  while (calendar.at(n).end.slice(0, 10) <= date) n++;
  return n;
}
