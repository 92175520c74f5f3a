/**
 * One counting function for every number of the progress reports (the progress page,
 * Appendix 2, the Luzhou-style table's totals, the burn-up chart and the deadlines):
 * per department and in total. Every system is counted once: done + in progress + to do
 * = all systems with something to do; kept (classified, retained) is the rest.
 */
import { CLOUD_BOUND, type Disposition } from "../plan/types";
import type { SystemProgress } from "./status";

export interface ProgressCounts {
  /** 自查系统总数: every system. */
  readonly systems: number;
  /** Systems with something to do (migrate, merge, retire). */
  readonly all: number;
  readonly done: number;
  readonly inProgress: number;
  readonly toDo: number;
  /** Classified or retained: nothing to do. */
  readonly kept: number;
  /** Of the not-done: past their due date. */
  readonly late: number;
  /** Systems a rollback sent back at least once. */
  readonly rolledBack: number;
  /** Done, by what was done. */
  readonly migrated: number;
  readonly merged: number;
  readonly retired: number;
  /** 拟清理 (Appendix 2): retire and merge, and how many of them are done. */
  readonly cleanUp: number;
  readonly cleanUpDone: number;
  /** What the deadlines count (rehost, replatform, consolidate), and how many are done. */
  readonly cloudBound: number;
  readonly cloudBoundDone: number;
  /** Systems to move that have no window. */
  readonly unscheduled: number;
}

const MIGRATE: readonly Disposition[] = ["rehost", "replatform"];
const CLEAN_UP: readonly Disposition[] = ["retire", "consolidate"];

export function countProgress(rows: readonly SystemProgress[]): ProgressCounts {
  const c = {
    systems: 0,
    all: 0,
    done: 0,
    inProgress: 0,
    toDo: 0,
    kept: 0,
    late: 0,
    rolledBack: 0,
    migrated: 0,
    merged: 0,
    retired: 0,
    cleanUp: 0,
    cleanUpDone: 0,
    cloudBound: 0,
    cloudBoundDone: 0,
    unscheduled: 0,
  };
  for (const r of rows) {
    c.systems++;
    if (r.status === "kept") {
      c.kept++;
      continue;
    }
    c.all++;
    if (r.status === "done") c.done++;
    else if (r.status === "in-progress") c.inProgress++;
    else c.toDo++;
    if (r.status !== "done" && r.late) c.late++;
    if (r.rollbacks > 0) c.rolledBack++;
    if (r.planned === null) c.unscheduled++;
    const done = r.status === "done";
    if (done && MIGRATE.includes(r.disposition)) c.migrated++;
    if (done && r.disposition === "consolidate") c.merged++;
    if (done && r.disposition === "retire") c.retired++;
    if (CLEAN_UP.includes(r.disposition)) {
      c.cleanUp++;
      if (done) c.cleanUpDone++;
    }
    if (CLOUD_BOUND.includes(r.disposition)) {
      c.cloudBound++;
      if (done) c.cloudBoundDone++;
    }
  }
  return c;
}

/** In total and per department (in the order given). */
export function progressCounts(
  rows: readonly SystemProgress[],
  departments: readonly string[],
): { total: ProgressCounts; byDepartment: ReadonlyMap<string, ProgressCounts> } {
  const groups = new Map<string, SystemProgress[]>(departments.map((d) => [d, []]));
  for (const r of rows) (groups.get(r.department) ?? groups.set(r.department, []).get(r.department)!).push(r);
  return {
    total: countProgress(rows),
    byDepartment: new Map([...groups].map(([d, list]) => [d, countProgress(list)])),
  };
}
