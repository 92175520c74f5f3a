/**
 * One set of numbers: every count the reports show (summary, department reports,
 * Appendix 2, the migration table) comes from here, per department and in total.
 *
 * Merges are counted as seed 000 classifies systems (清理 / 整合 / 迁移: clean-up,
 * integrate, migrate): a merged shadow is integrated, never "to the cloud" itself (its
 * function reaches the cloud inside its survivor, which is counted once). Appendix 2
 * (seed 001) asks for 拟清理系统个数 under 自查、清理、整合情况, so there it is counted with
 * the clean-up; the deadlines (seed 001 item 5) count every system whose function must
 * be on the cloud when done: the migrations and the merges (cloudBound).
 */
import {
  CLOUD_BOUND,
  DISPOSITIONS,
  GETS_RESOURCES,
  STAYS_IN_ROOM,
  STOPS_RUNNING,
  type Disposition,
  type SystemPlan,
} from "./types";

export interface Counts {
  /** 自查系统总数: every system of the inventory. */
  readonly systems: number;
  readonly byDisposition: Readonly<Record<Disposition, number>>;
  /** 迁移上云: rehost and replatform, the systems that run on the cloud. */
  readonly toCloud: number;
  /** 整合: shadows merged into their department's big system. */
  readonly merged: number;
  /** 拟清理 (Appendix 2): retired and merged; they stop running. */
  readonly cleanUp: number;
  /** 拟单独保留 (Appendix 2): retained with an approval, and classified systems. */
  readonly keptApart: number;
  /** What the deadlines count: to the cloud plus merged. */
  readonly cloudBound: number;
  /** Cloud-bound systems with no window. */
  readonly unscheduled: number;
  /**
   * Systems that lose their O&M funding next year: should have moved by the last deadline and will not (seeds 002–004).
   */
  readonly losingFunding: number;
  /**
   * Annual O&M saved, 10,000 CNY: the recorded O&M of the systems that stop (retired, merged); systems that move keep
   * theirs on the cloud.
   */
  readonly omSaved10kCny: number;
}

type Counted = Pick<SystemPlan, "id" | "disposition" | "cutoverDate" | "losesFunding">;

export function countSystems(systems: readonly Counted[], omCost10kCny: (id: string) => number | undefined): Counts {
  const byDisposition = Object.fromEntries(DISPOSITIONS.map((d) => [d, 0])) as Record<Disposition, number>;
  let unscheduled = 0;
  let losingFunding = 0;
  let saved = 0;
  for (const system of systems) {
    byDisposition[system.disposition]++;
    if (CLOUD_BOUND.includes(system.disposition) && system.cutoverDate === null) unscheduled++;
    if (system.losesFunding) losingFunding++;
    if (STOPS_RUNNING.includes(system.disposition)) saved += omCost10kCny(system.id) ?? 0;
  }
  const sum = (ds: readonly Disposition[]) => ds.reduce((n, d) => n + byDisposition[d], 0);
  return {
    systems: systems.length,
    byDisposition,
    toCloud: sum(GETS_RESOURCES),
    merged: byDisposition.consolidate,
    cleanUp: sum(STOPS_RUNNING),
    keptApart: sum(STAYS_IN_ROOM),
    cloudBound: sum(CLOUD_BOUND),
    unscheduled,
    losingFunding,
    omSaved10kCny: Math.round(saved * 100) / 100,
  };
}

/** The plan's counts in total and per department (departments with no system are absent). */
export function planCounts(
  systems: readonly Counted[],
  departmentOf: (id: string) => string,
  omCost10kCny: (id: string) => number | undefined,
): { total: Counts; byDepartment: ReadonlyMap<string, Counts> } {
  const groups = new Map<string, Counted[]>();
  for (const system of systems) {
    const department = departmentOf(system.id);
    (groups.get(department) ?? groups.set(department, []).get(department)!).push(system);
  }
  const byDepartment = new Map([...groups].map(([department, list]) => [department, countSystems(list, omCost10kCny)]));
  return { total: countSystems(systems, omCost10kCny), byDepartment };
}
