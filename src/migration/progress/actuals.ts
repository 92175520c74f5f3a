/**
 * What the cutover journals say happened, as of a date: each system's state, when its
 * first try started, when it was finalized, and how many tries a rollback ended. The
 * state is the journal's own fold (applyRecord, the one derivation `govcloud cutover
 * status` shows); this module only notes the moments the fold changes. Pure.
 */
import type { SystemState } from "../cutover/itinerary";
import { applyRecord, newFold, type JournalRecord } from "../cutover/journal";
import { CITY_UTC_OFFSET } from "../cutover/window";

export interface Actual {
  readonly system: string;
  readonly state: SystemState;
  /** City date the first try started (null: never started). */
  readonly started: string | null;
  /** City date it was finalized (null: not finalized). */
  readonly finished: string | null;
  /** Tries a rollback ended (before the switch, back to planned; after it, rolled-back). */
  readonly rollbacks: number;
  /** The last reason the journal gives for its state (a rollback's cause, the operator's wait). */
  readonly reason: string | null;
  /** The instant of its last record. */
  readonly updated: string;
  /** The journal it comes from (as shown to the user). */
  readonly source: string;
}

const OFFSET_MS = (() => {
  const [, sign, h, m] = /^([+-])(\d{2}):(\d{2})$/.exec(CITY_UTC_OFFSET)!;
  return (sign === "-" ? -1 : 1) * (Number(h) * 60 + Number(m)) * 60_000;
})();

/** The city's calendar date of an instant (UTC+8: a record at 2018-03-10T16:30Z is on the 11th). */
export function cityDate(instant: string): string {
  const t = Date.parse(instant);
  if (Number.isNaN(t)) return "";
  return new Date(t + OFFSET_MS).toISOString().slice(0, 10);
}

interface Moments {
  started: string | null;
  finished: string | null;
  rollbacks: number;
}

/**
 * The systems of one journal as of the end of `asOf` (city date): records after it are
 * not read, so a report for last month says what was known then.
 */
export function actualsOf(records: Iterable<JournalRecord>, asOf: string, source: string): Map<string, Actual> {
  const fold = newFold();
  const moments = new Map<string, Moments>();
  for (const r of records) {
    if (cityDate(r.at) > asOf) break; // the journal is in time order: the rest is later
    const before =
      "system" in r && r.system !== undefined ? (fold.systems.get(r.system)?.state ?? "planned") : undefined;
    applyRecord(fold, r);
    if ((r.type !== "system" && r.type !== "retired") || before === undefined) continue;
    const m =
      moments.get(r.system) ?? moments.set(r.system, { started: null, finished: null, rollbacks: 0 }).get(r.system)!;
    const after = fold.systems.get(r.system)!.state;
    if (after === before) continue;
    if (after === "in-progress" && m.started === null) m.started = cityDate(r.at);
    if (after === "finalized") m.finished = cityDate(r.at);
    if (r.type === "retired" && m.started === null) m.started = m.finished; // started and done the day it was recorded
    if (after === "rolled-back" || (after === "planned" && before !== "planned")) m.rollbacks++;
  }
  const out = new Map<string, Actual>();
  for (const [id, s] of fold.systems) {
    const m = moments.get(id) ?? { started: null, finished: null, rollbacks: 0 };
    out.set(id, {
      system: id,
      state: s.state,
      started: m.started,
      finished: s.state === "finalized" ? m.finished : null,
      rollbacks: m.rollbacks,
      reason: s.reason ?? null,
      updated: s.updated,
      source,
    });
  }
  return out;
}

/** Several journals (a state folder per run): a system's latest record wins; a tie, the later journal given. */
export function mergeActuals(journals: readonly ReadonlyMap<string, Actual>[]): Map<string, Actual> {
  const out = new Map<string, Actual>();
  for (const journal of journals) {
    for (const [id, actual] of journal) {
      const seen = out.get(id);
      if (!seen) out.set(id, actual);
      else {
        const latest = actual.updated >= seen.updated ? actual : seen;
        const started = [seen.started, actual.started].filter((d): d is string => d !== null).sort()[0] ?? null;
        out.set(id, { ...latest, started, rollbacks: seen.rollbacks + actual.rollbacks });
      }
    }
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
