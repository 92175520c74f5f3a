/**
 * govcloud plan --state: re-planning from what happened. Every system the journals show
 * done or running keeps its decision as it happened — its wave (which the cutover could
 * only run deployed, so the held plan never moves it) or, for a retirement, the day it
 * was done — and everything else is scheduled afresh from --start through the held plan.
 * A journal that contradicts the lock (a system ran in a wave the lock holds as planned)
 * stops the run with the lock's file and field and the fix.
 */
import { InputError, type Diagnostic } from "../migration/inventory/diagnostics";
import type { Lock } from "../migration/lock/model";
import { isBuilt } from "../migration/lock/model";
import type { Plan } from "../migration/plan/types";
import type { Actual } from "../migration/progress/actuals";
import { statusOf } from "../migration/progress/status";

/** The systems to keep as they happened (retirements with the day they were done), or every contradiction at once. */
export function happenedOf(
  lock: Lock,
  actuals: ReadonlyMap<string, Actual>,
  lockShown: string,
): Map<string, string | null> {
  const happened = new Map<string, string | null>();
  const problems: Diagnostic[] = [];
  for (const [id, actual] of actuals) {
    const held = lock.systems[id];
    if (!held) continue;
    const status = statusOf(actual.state, held.disposition);
    if (status !== "done" && status !== "in-progress") continue;
    if (held.wave && !isBuilt(lock.waves[held.wave])) {
      problems.push({
        severity: "error",
        location: { kind: "file", file: lockShown },
        field: `waves.${held.wave}`,
        message:
          `the journal ${actual.source} shows ${id} ${actual.state}, but the lock holds its wave ${held.wave} as ` +
          `${lock.waves[held.wave] ?? "absent"}: a re-plan would move a system that moved`,
        fix: `record the wave as built: govcloud waves --set ${held.wave}=deployed (or name the right --lock)`,
      });
      continue;
    }
    happened.set(id, held.wave ? null : actual.state === "finalized" ? actual.finished : (held.date ?? null));
  }
  if (problems.length > 0) throw new InputError(problems);
  return happened;
}

/**
 * What moved that should not have: a done or running system whose wave or date the re-plan changed (a bug if ever
 * non-empty).
 */
export function movedHappened(lock: Lock, plan: Plan, happened: ReadonlyMap<string, string | null>): string[] {
  const byId = new Map(plan.systems.map((s) => [s.id, s]));
  const moved: string[] = [];
  for (const [id, date] of happened) {
    const s = byId.get(id);
    const held = lock.systems[id]!;
    if (!s || s.disposition !== held.disposition || (held.wave ? s.wave !== held.wave : s.cutoverDate !== date))
      moved.push(id);
  }
  return moved.sort();
}
