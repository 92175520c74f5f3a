/**
 * From inventory to plan: dispositions, targets, runbooks, waves, deadlines, rooms and
 * quotas. Pure and deterministic: the same inventory and overrides give the same plan.
 */
import type { Inventory, System } from "../inventory/model";
import { complexityScore } from "./complexity";
import { evaluateDeadlines } from "./deadlines";
import { decideDispositions, type DispositionResult } from "./dispositions";
import { heldDates, holdDispositions, nameWaves, newWorkFrom, type HeldPlan } from "./held";
import { departmentQuotas } from "./quotas";
import { planMilestones } from "./milestones";
import { closableRooms, planRoom, rankRooms } from "./rooms";
import { chooseCopyMode, type CopyDecision } from "./copy-mode";
import { callGraph } from "./calls";
import { dependantsOf, repointsOf } from "./repoint";
import { buildRunbook, runbookWindowHours, type RunbookContext } from "./runbook";
import { schedule, type Ordering, type ScheduleResult, type ScheduleSettings, type ScheduleUnit } from "./schedule";
import { resolvePolicy, workStart, type PolicyOverrides, type ResolvedPolicy } from "./resolved-policy";
import { buildTargets, domainOf } from "./targets";
import {
  CLOUD_BOUND,
  getsResources,
  type DeadlineResult,
  type Domain,
  type Plan,
  type RoomPlan,
  type SystemPlan,
  type Wave,
} from "./types";
import { addDays } from "./windows";

export interface PlanInput {
  readonly inventory: Inventory;
  /** Name of the dataset, for the reports. */
  readonly dataset: string;
  readonly overrides?: PolicyOverrides;
  /** Decisions the plan lock holds (src/migration/lock): kept, never re-planned. */
  readonly held?: HeldPlan;
  /** The Pulumi stacks that deploy each department, for the runbooks (none known: they say which to create). */
  readonly stacks?: (department: string) => readonly string[];
}

export function buildPlan({ inventory, dataset, overrides, held, stacks }: PlanInput): Plan {
  const policy = resolvePolicy(inventory.policy, overrides);
  const { rules } = policy;
  const systems = inventory.systems;
  const byId = new Map(systems.map((s) => [s.id, s]));
  const decided = decideDispositions(
    systems,
    rules,
    policy.planningStart,
    new Map(inventory.departments.map((d) => [d.id, d.name])),
  );
  holdDispositions(decided, held);
  const disposition = (id: string) => decided.get(id)!;
  const cloudBound = systems.filter((s) => CLOUD_BOUND.includes(disposition(s.id).disposition));
  const cloudIds = new Set(cloudBound.map((s) => s.id));

  const domains = new Map<string, Domain>(cloudBound.map((s) => [s.id, domainOf(s).domain]));
  const { callee, dependents, links } = callGraph(cloudBound, decided, domains);
  const mergedData = new Map<string, number>();
  for (const system of cloudBound) {
    const into = disposition(system.id).consolidateInto;
    if (into) mergedData.set(into, (mergedData.get(into) ?? 0) + system.dataGb);
  }

  const windowHours = policy.windows.hours;
  const copy = new Map(
    systems.map((s) => [s.id, chooseCopyMode(s, disposition(s.id).disposition, rules, windowHours)]),
  );
  const complexity = new Map(systems.map((s) => [s.id, complexityScore(s, links.get(s.id) ?? 0)]));
  const contextFor = runbookContexts({ byId, domains, copy, rules, windowHours, stacks });
  const runbookFor = (
    system: System,
    decision: DispositionResult,
    rollbackUntil: string | null,
    blockers: Pick<RunbookContext, "repoint" | "dependants">,
  ) => buildRunbook(contextFor(system, decision, blockers), rollbackUntil);

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
    closableRooms(inventory.rooms, systems, (id) => disposition(id).disposition, rules),
  );
  const { chosen, deadlines, ordering } = chooseOrdering(units, cloudBound, policy, {
    firstDay,
    ...(newWork !== undefined ? { notBefore: newWork } : {}),
    roomRank,
    unitRank,
  });

  const finalDeadline = policy.deadlines[policy.deadlines.length - 1]!.date;
  const retireDate = addDays(start, rules.cutover.retireNoticeDays);
  const waves = wavesOf(chosen, units, held, heldOn);
  const waveOf = new Map<string, string>();
  for (const wave of waves) for (const id of wave.systems) waveOf.set(id, wave.id);

  // The date of each system's cutover, merge or retirement (null: none or not scheduled).
  const dateOf = (id: string): string | null => {
    if (cloudIds.has(id)) return chosen.windowOf.get(id)?.date ?? null;
    if (disposition(id).disposition !== "retire") return null;
    const heldRetirement = held?.systems.get(id);
    return heldRetirement?.disposition === "retire" && heldRetirement.date ? heldRetirement.date : retireDate;
  };
  const repoints = repointsOf(systems, decided, dateOf);
  const dependants = dependantsOf(repoints);
  const stepsOf = (id: string): Pick<RunbookContext, "repoint" | "dependants"> => ({
    repoint: (repoints.get(id) ?? []).map((r) => ({ caller: id, from: r.from, to: r.to, by: r.by })),
    dependants: (dependants.get(id) ?? []).map((d) => ({ caller: d.id, from: id, to: d.to, by: dateOf(id) })),
  });

  const planned: SystemPlan[] = systems.map((system) => {
    const decision = disposition(system.id);
    const cloud = cloudIds.has(system.id);
    const date = dateOf(system.id);
    const built = getsResources(decision.disposition)
      ? buildTargets({
          system,
          disposition: decision.disposition,
          rules,
          mergedDataGb: mergedData.get(system.id) ?? 0,
          dependents: dependents.get(system.id) ?? [],
        })
      : null;
    const rollbackUntil = date && cloud ? addDays(date, rules.cutover.observationDays) : null;
    const runbook =
      decision.disposition === "retire" || cloud
        ? runbookFor(system, decision, rollbackUntil, stepsOf(system.id))
        : null;
    return {
      id: system.id,
      name: system.name,
      department: system.department,
      serverRoom: system.serverRoom,
      disposition: decision.disposition,
      reasons: decision.reasons,
      domain: cloud ? domains.get(system.id)! : null,
      tenant: cloud ? system.department : null,
      wave: waveOf.get(system.id) ?? null,
      cutoverDate: date,
      consolidateInto: decision.consolidateInto,
      complexity: complexity.get(system.id)!,
      targets: built?.targets ?? [],
      placementReasons: built?.reasons ?? [],
      runbook,
      losesFunding: cloud && (date === null || date > finalDeadline),
      unscheduledReason: chosen.unscheduled.get(system.id) ?? null,
      review: decision.review ?? [],
      repoint: repoints.get(system.id) ?? [],
    };
  });

  const rooms = planRooms(inventory, planned, byId, policy);

  return {
    dataset,
    settings: planSettings(policy, start, ordering, chosen.calendar.at(0).date),
    systems: planned,
    excluded: planned.filter((p) => p.disposition === "exclude").map((p) => p.id),
    waves,
    rooms,
    milestones: planMilestones({
      planningStart: policy.planningStart,
      systems: planned,
      rooms,
      onPrivateLine: (id) => byId.get(id)?.hostingNetwork === "private",
    }),
    deadlines: annotateDeadlines(deadlines, policy),
    quotas: departmentQuotas(planned, rules),
  };
}

function annotateDeadlines(deadlines: DeadlineResult[], policy: ResolvedPolicy): DeadlineResult[] {
  return deadlines.map((d, i) => ({ ...d, source: policy.deadlines[i]?.source ?? null }));
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

/** Each old room's decommission plan, from its systems' plans (grouped in one pass, not a scan per room). */
function planRooms(
  inventory: Inventory,
  planned: readonly SystemPlan[],
  byId: ReadonlyMap<string, System>,
  policy: ResolvedPolicy,
): RoomPlan[] {
  const inRoom = new Map<string, SystemPlan[]>();
  for (const p of planned) (inRoom.get(p.serverRoom) ?? inRoom.set(p.serverRoom, []).get(p.serverRoom)!).push(p);
  return inventory.rooms.map((room) =>
    planRoom({
      room,
      rules: policy.rules,
      planningStart: policy.planningStart,
      systems: (inRoom.get(room.id) ?? []).map((p) => ({
        system: byId.get(p.id)!,
        disposition: p.disposition,
        date: p.cutoverDate,
        unscheduledWhy: p.unscheduledReason,
        losesFunding: p.losesFunding,
      })),
    }),
  );
}

/** The runbook context of a system: how it is copied, where it goes, what it merges into. */
function runbookContexts({
  byId,
  domains,
  copy,
  rules,
  windowHours,
  stacks,
}: {
  readonly byId: ReadonlyMap<string, System>;
  readonly domains: ReadonlyMap<string, Domain>;
  readonly copy: ReadonlyMap<string, CopyDecision>;
  readonly rules: ResolvedPolicy["rules"];
  readonly windowHours: number;
  readonly stacks: PlanInput["stacks"];
}) {
  return (
    system: System,
    decision: DispositionResult,
    blockers: Pick<RunbookContext, "repoint" | "dependants"> = {},
  ): RunbookContext => {
    const mode = copy.get(system.id)!;
    const survivor = decision.consolidateInto ? byId.get(decision.consolidateInto)! : null;
    return {
      system,
      disposition: decision.disposition,
      domain: domains.get(system.id) ?? null,
      copyMode: mode.mode,
      fullCopyHours: mode.fullCopyHours,
      deltaHours: mode.deltaHours,
      rules,
      windowHours,
      survivor: survivor ? { id: survivor.id, name: survivor.name, domain: domains.get(survivor.id) ?? null } : null,
      stacks: stacks?.(system.department) ?? [],
      ...blockers,
    };
  };
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

/** The policy the plan was made with, as the reports state it. */
function planSettings(policy: ResolvedPolicy, workStart: string, ordering: Ordering, firstWindow: string) {
  return {
    planningStart: policy.planningStart,
    milestones: {
      inventoryBy: policy.milestones.inventoryBy,
      planApprovedBy: policy.milestones.planApprovedBy,
      source: policy.milestones.source ?? null,
    },
    workStart,
    policySource: policy.source,
    ordering,
    windows: policy.windows,
    capacity: policy.capacity,
    firstWindow,
  };
}
