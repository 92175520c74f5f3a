/**
 * When each cloud-bound system moves: its schedule unit (the work inside the window, what it
 * waits for), the dates the plan lock holds, the rooms' order, the better of the two
 * orderings for the deadlines, and the waves that gives.
 */
import type { Inventory, System } from "../inventory/model";
import { evaluateDeadlines } from "./deadlines";
import type { DispositionResult } from "./dispositions";
import { heldDates, nameWaves, newWorkFrom, type HeldPlan } from "./held";
import type { CopyDecision } from "./copy-mode";
import { closableRooms, rankRooms } from "./rooms";
import { runbookWindowHours, type RunbookContext } from "./runbook";
import { schedule, type Ordering, type ScheduleResult, type ScheduleSettings, type ScheduleUnit } from "./schedule";
import { workStart, type ResolvedPolicy } from "./resolved-policy";
import type { DeadlineResult, Wave } from "./types";
import { addDays } from "./windows";

export interface TimelineInput {
  readonly inventory: Inventory;
  readonly policy: ResolvedPolicy;
  readonly held: HeldPlan | undefined;
  readonly decided: ReadonlyMap<string, DispositionResult>;
  readonly cloudBound: readonly System[];
  readonly copy: ReadonlyMap<string, CopyDecision>;
  readonly complexity: ReadonlyMap<string, number>;
  readonly contextFor: (system: System, decision: DispositionResult) => RunbookContext;
  /** Who answers a call to a system once the plan is done (a shadow's survivor, a replacement), or null. */
  readonly callee: (id: string) => string | null;
}

export interface Timeline {
  /** The first day of work: nothing moves or retires before the plan is approved. */
  readonly start: string;
  readonly chosen: ScheduleResult;
  readonly deadlines: DeadlineResult[];
  readonly ordering: Ordering;
  readonly waves: Wave[];
  /** Each scheduled system's wave id. */
  readonly waveOf: ReadonlyMap<string, string>;
}

export function timeline({
  inventory,
  policy,
  held,
  decided,
  cloudBound,
  copy,
  complexity,
  contextFor,
  callee,
}: TimelineInput): Timeline {
  const { rules } = policy;
  // Nothing moves or retires before the classification and the plan are approved (seed 000's milestones, policy dates).
  const start = workStart(policy);
  const firstDay = addDays(start, rules.cutover.prepareDays);
  const freeUnits = scheduleUnits(cloudBound, { decided, copy, complexity, contextFor, callee, rules });
  const heldOn = heldDates(freeUnits, decided, held, firstDay);
  const units = freeUnits.map((unit) => (heldOn.has(unit.id) ? { ...unit, fixedDate: heldOn.get(unit.id)! } : unit));
  const newWork = newWorkFrom(held, heldOn);
  const { roomRank, unitRank } = rankRooms(
    units,
    inventory.rooms.map((r) => r.id),
    closableRooms(inventory.rooms, inventory.systems, (id) => decided.get(id)!.disposition, rules),
  );
  const { chosen, deadlines, ordering } = chooseOrdering(units, cloudBound, policy, {
    firstDay,
    ...(newWork !== undefined ? { notBefore: newWork } : {}),
    roomRank,
    unitRank,
  });
  const waves = wavesOf(chosen, units, held, heldOn);
  const waveOf = new Map<string, string>();
  for (const wave of waves) for (const id of wave.systems) waveOf.set(id, wave.id);
  return { start, chosen, deadlines, ordering, waves, waveOf };
}

/**
 * Rooms close early where that costs no deadline: the room-by-room order, unless the plain
 * easy-first order meets a deadline it misses, or gets further towards one.
 */
function chooseOrdering(
  units: readonly ScheduleUnit[],
  cloudBound: readonly System[],
  policy: ResolvedPolicy,
  base: Pick<ScheduleSettings, "firstDay" | "notBefore" | "roomRank" | "unitRank">,
): { chosen: ScheduleResult; deadlines: DeadlineResult[]; ordering: Ordering } {
  const settings = (ordering: Ordering): ScheduleSettings => ({
    ...base,
    days: policy.windows.days,
    startTime: policy.windows.startTime,
    hours: policy.windows.hours,
    capacitySystems: policy.capacity.systems,
    capacityDataGb: policy.capacity.dataTb * 1024,
    ordering,
  });
  const evaluate = (result: ScheduleResult) =>
    evaluateDeadlines({
      policy,
      // Done when the window ends: a Saturday-night window on the deadline day ends the next morning.
      doneDates: cloudBound.map((s) => result.windowOf.get(s.id)?.end.slice(0, 10) ?? null),
      calendar: result.calendar,
      unscheduled: result.unscheduled.size,
      windowDataGb: units.map((u) => u.windowDataGb),
      firstWindowDate: result.calendar.at(0).date,
    });
  const roomsFirst = schedule(units, settings("rooms-first"));
  const easyFirst = schedule(units, settings("easy-first"));
  const roomsDeadlines = evaluate(roomsFirst);
  const easyDeadlines = evaluate(easyFirst);
  const roomsCost = roomsDeadlines.some((d, i) => d.plannedShare < easyDeadlines[i]!.plannedShare && !d.met);
  return roomsCost
    ? { chosen: easyFirst, deadlines: easyDeadlines, ordering: "easy-first" }
    : { chosen: roomsFirst, deadlines: roomsDeadlines, ordering: "rooms-first" };
}

/** The waves of the chosen schedule, named and held as the lock says (held.ts). */
function wavesOf(
  chosen: ScheduleResult,
  units: readonly ScheduleUnit[],
  held: HeldPlan | undefined,
  heldOn: ReadonlyMap<string, string>,
): Wave[] {
  const windowData = new Map(units.map((u) => [u.id, u.windowDataGb]));
  return nameWaves(chosen.windows, held, heldOn).map(({ window: w, id, units: members, state }) => ({
    id,
    state,
    start: w.window.start,
    end: w.window.end,
    systems: members,
    dataGb:
      members.length === w.units.length
        ? w.dataGb
        : Math.round(members.reduce((n, m) => n + windowData.get(m)!, 0) * 100) / 100,
    notes: w.notes,
  }));
}

/** What the schedule places: each cloud-bound system with its work inside the window and what it waits for. */
function scheduleUnits(
  cloudBound: readonly System[],
  {
    decided,
    copy,
    complexity,
    contextFor,
    callee,
    rules,
  }: {
    readonly decided: ReadonlyMap<string, DispositionResult>;
    readonly copy: ReadonlyMap<string, CopyDecision>;
    readonly complexity: ReadonlyMap<string, number>;
    readonly contextFor: (system: System, decision: DispositionResult) => RunbookContext;
    readonly callee: (id: string) => string | null;
    readonly rules: ResolvedPolicy["rules"];
  },
): ScheduleUnit[] {
  return cloudBound.map((system) => {
    const decision = decided.get(system.id)!;
    const mode = copy.get(system.id)!;
    return {
      id: system.id,
      room: system.serverRoom,
      complexity: complexity.get(system.id)!,
      windowDataGb: mode.mode === "cold" ? system.dataGb : (system.dataGb * rules.cutover.dailyChangePct) / 100,
      // The hours of its runbook before re-pointing steps (none of which runs inside the window).
      windowHours: runbookWindowHours(contextFor(system, decision)),
      ...(mode.blocker ? { overWindowWhy: mode.blocker } : {}),
      // A call to a shadow is answered by its survivor once merged: wait for the survivor, not
      // the merge (so no cycle runs through a shadow and its strictly-later merge).
      // A re-pointed call waits for the replacement too.
      after: [...new Set(system.dependsOn.map(callee).filter((d): d is string => d !== null))].filter(
        (d) => d !== system.id,
      ),
      strictlyAfter: decision.consolidateInto ? [decision.consolidateInto] : [],
    };
  });
}
