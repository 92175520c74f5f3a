/**
 * What the planner does with decisions the plan lock holds (src/migration/lock): a system
 * of a built wave keeps its disposition, survivor and date whatever the rules now say; a
 * system of a planned wave keeps its wave while its decision and everything it waits for
 * still hold; every wave keeps its id, and new waves take the next free letter of their date.
 * Pure: the lock's file and its rules of change live in src/migration/lock.
 */
import type { DispositionResult } from "./dispositions";
import type { ScheduleUnit, ScheduledWindow } from "./schedule";
import type { Disposition, Text, WaveState } from "./types";
import { addDays } from "./windows";

/** One system's decision as the lock holds it. */
export interface HeldDecision {
  readonly disposition: Disposition;
  readonly consolidateInto: string | null;
  readonly wave: string | null;
  /** A retirement's date (systems without a wave). */
  readonly date: string | null;
  /** Its wave is deployed or done: its resources exist, so nothing about it may move. */
  readonly built: boolean;
}

export interface HeldPlan {
  readonly systems: ReadonlyMap<string, HeldDecision>;
  /** Every wave of the lock, with its state (new waves never reuse these ids). */
  readonly waves: ReadonlyMap<string, WaveState>;
}

const HELD_RULE: Text = {
  zh: "计划锁已锁定：该系统所在批次已部署或完成，其处置不再随规则变化（如需改变，先在计划锁中释放）",
  en:
    "held by the plan lock: its wave is deployed or done, so its disposition no longer follows the rules " +
    "(release it in the lock to change it)",
};

/** Dispositions of built systems are the lock's, with the fresh judgement kept as evidence. */
export function holdDispositions(decided: Map<string, DispositionResult>, held: HeldPlan | undefined): void {
  if (!held) return;
  for (const [id, decision] of held.systems) {
    const fresh = decided.get(id);
    if (!decision.built || !fresh) continue;
    if (fresh.disposition === decision.disposition && fresh.consolidateInto === decision.consolidateInto) continue;
    decided.set(id, {
      disposition: decision.disposition,
      consolidateInto: decision.consolidateInto,
      reasons: [
        {
          code: "HELD_BY_LOCK",
          rule: HELD_RULE,
          evidence: { rulesNowSay: fresh.disposition, heldWave: decision.wave },
        },
        ...fresh.reasons,
      ],
    });
  }
}

/** The date a wave id carries (2018-03-10-a → 2018-03-10). */
export function waveDate(waveId: string): string {
  return waveId.slice(0, 10);
}

/**
 * The date each unit is held on: built systems always; a planned system while its
 * disposition is unchanged, its window is not before `firstDay`, and every unit it waits
 * for is held too and not later than it (otherwise it is scheduled afresh with them).
 */
export function heldDates(
  units: readonly ScheduleUnit[],
  decided: ReadonlyMap<string, DispositionResult>,
  held: HeldPlan | undefined,
  firstDay: string,
): Map<string, string> {
  const dates = new Map<string, string>();
  if (!held) return dates;
  const built = new Set<string>();
  for (const unit of units) {
    const decision = held.systems.get(unit.id);
    const fresh = decided.get(unit.id);
    if (!decision?.wave || !fresh) continue;
    if (decision.built) {
      dates.set(unit.id, waveDate(decision.wave));
      built.add(unit.id);
    } else if (
      decision.disposition === fresh.disposition &&
      decision.consolidateInto === fresh.consolidateInto &&
      waveDate(decision.wave) >= firstDay
    ) {
      dates.set(unit.id, waveDate(decision.wave));
    }
  }
  const ids = new Set(units.map((u) => u.id));
  for (let changed = true; changed;) {
    changed = false;
    for (const unit of units) {
      if (!dates.has(unit.id) || built.has(unit.id)) continue;
      const waitsForNew = [...unit.after, ...unit.strictlyAfter].some((dep) => ids.has(dep) && !dates.has(dep));
      // A dependency added since (or a call re-pointed to a system held later) would have it move first.
      const before = (dep: string) => dates.has(dep) && dates.get(dep)! > dates.get(unit.id)!;
      const strictlyBefore = (dep: string) => dates.has(dep) && dates.get(dep)! >= dates.get(unit.id)!;
      if (waitsForNew || unit.after.some(before) || unit.strictlyAfter.some(strictlyBefore)) {
        dates.delete(unit.id);
        changed = true;
      }
    }
  }
  return dates;
}

/**
 * The first date new work may take: after every built wave (their windows are past or
 * running) and not before the earliest wave still held as planned, so a stack at
 * deployed+next keeps its next wave when systems are added.
 */
export function newWorkFrom(held: HeldPlan | undefined, heldOn: ReadonlyMap<string, string>): string | undefined {
  if (!held) return undefined;
  let latestBuilt: string | undefined;
  let earliestPlanned: string | undefined;
  for (const [id, decision] of held.systems) {
    const date = heldOn.get(id);
    if (date === undefined) continue;
    if (decision.built) latestBuilt = latestBuilt === undefined || date > latestBuilt ? date : latestBuilt;
    else earliestPlanned = earliestPlanned === undefined || date < earliestPlanned ? date : earliestPlanned;
  }
  const afterBuilt = latestBuilt === undefined ? undefined : addDays(latestBuilt, 1);
  if (afterBuilt === undefined) return earliestPlanned;
  return earliestPlanned === undefined || afterBuilt > earliestPlanned ? afterBuilt : earliestPlanned;
}

/**
 * Wave ids per scheduled window: held systems keep theirs; the rest join the date's planned wave or open the next
 * letter.
 */
export function nameWaves(
  windows: readonly ScheduledWindow[],
  held: HeldPlan | undefined,
  heldOn: ReadonlyMap<string, string>,
): { window: ScheduledWindow; id: string; units: string[]; state: WaveState }[] {
  const taken = new Set(held ? held.waves.keys() : []);
  // Each date's first planned wave of the lock: where new systems of that date go.
  const openOn = new Map<string, string>();
  for (const [id, state] of [...(held?.waves ?? [])].sort(([a], [b]) => (a < b ? -1 : 1)))
    if (state === "planned" && !openOn.has(waveDate(id))) openOn.set(waveDate(id), id);
  const named: { window: ScheduledWindow; id: string; units: string[]; state: WaveState }[] = [];
  for (const window of windows) {
    const date = window.window.date;
    const byWave = new Map<string, string[]>();
    const loose: string[] = [];
    for (const id of window.units) {
      const wave = heldOn.has(id) ? held?.systems.get(id)?.wave : undefined;
      if (wave && waveDate(wave) === date) (byWave.get(wave) ?? byWave.set(wave, []).get(wave)!).push(id);
      else loose.push(id);
    }
    if (loose.length > 0) {
      const id = openOn.get(date) ?? nextLetter(date, taken);
      taken.add(id);
      (byWave.get(id) ?? byWave.set(id, []).get(id)!).push(...loose);
    }
    for (const [id, units] of [...byWave].sort(([a], [b]) => (a < b ? -1 : 1)))
      named.push({ window, id, units: units.sort(), state: held?.waves.get(id) ?? "planned" });
  }
  return named;
}

/** The first wave id of `date` not taken: 2018-03-10-a, -b, … -z, -aa, … */
export function nextLetter(date: string, taken: ReadonlySet<string>): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  for (let n = 0; n < 26 + 26 * 26; n++) {
    const suffix = n < 26 ? letters[n]! : letters[Math.floor(n / 26) - 1]! + letters[n % 26]!;
    const id = `${date}-${suffix}`;
    if (!taken.has(id)) return id;
  }
  throw new Error(`more than ${26 + 26 * 26} waves on ${date}`);
}
