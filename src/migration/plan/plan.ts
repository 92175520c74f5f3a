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
import { chooseCopyMode } from "./copy-mode";
import { dependantsOf, repointsOf, successorOf } from "./repoint";
import { buildRunbook, runbookWindowHours, type RunbookContext } from "./runbook";
import { schedule, type Ordering, type ScheduleResult, type ScheduleUnit } from "./schedule";
import { resolvePolicy, workStart, type PolicyOverrides, type ResolvedPolicy } from "./settings";
import { buildTargets, domainOf } from "./targets";
import {
  CLOUD_BOUND,
  getsResources,
  type DeadlineResult,
  type Domain,
  type Plan,
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
  const survivorOf = (id: string) => disposition(id).consolidateInto ?? id;

  // Where a call ends up once the plan is done, when that is on the cloud: the system, the
  // survivor of a shadow, the replacement of a retired system (repoint.ts); else null.
  const callee = (id: string): string | null => {
    const to = successorOf(id, decided);
    return to !== null && cloudIds.has(to) ? to : null;
  };

  const domains = new Map<string, Domain>(cloudBound.map((s) => [s.id, domainOf(s).domain]));
  // Who calls whom on the cloud: a call to a shadow goes to its survivor after the merge,
  // a call to a retired system to its replacement once re-pointed.
  const dependents = new Map<string, { id: string; domain: Domain }[]>();
  const links = new Map<string, number>();
  // Who is in each dependents list already: a callee that many call is no scan.
  const callers = new Map<string, Set<string>>();
  for (const system of cloudBound) {
    for (const dep of system.dependsOn) {
      if (cloudIds.has(dep)) {
        links.set(system.id, (links.get(system.id) ?? 0) + 1);
        links.set(dep, (links.get(dep) ?? 0) + 1);
      }
      const target = callee(dep);
      if (target === null) continue;
      const caller = survivorOf(system.id);
      if (target === caller) continue;
      const list = dependents.get(target) ?? [];
      const listed = callers.get(target) ?? callers.set(target, new Set()).get(target)!;
      if (!listed.has(caller)) {
        listed.add(caller);
        list.push({ id: caller, domain: domains.get(caller)! });
      }
      dependents.set(target, list);
    }
  }
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
  const contextFor = (
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
  const runbookFor = (
    system: System,
    decision: DispositionResult,
    rollbackUntil: string | null,
    blockers: Pick<RunbookContext, "repoint" | "dependants">,
  ) => buildRunbook(contextFor(system, decision, blockers), rollbackUntil);

  // Nothing moves or retires before the classification and the plan are approved (seed 000's milestones, policy dates).
  const start = workStart(policy);
  const firstDay = addDays(start, rules.cutover.prepareDays);
  const freeUnits: ScheduleUnit[] = cloudBound.map((system) => {
    const decision = disposition(system.id);
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
  const heldOn = heldDates(freeUnits, decided, held, firstDay);
  const units = freeUnits.map((unit) => (heldOn.has(unit.id) ? { ...unit, fixedDate: heldOn.get(unit.id)! } : unit));
  const newWork = newWorkFrom(held, heldOn);
  const { roomRank, unitRank } = rankRooms(
    units,
    inventory.rooms.map((r) => r.id),
    closableRooms(inventory.rooms, systems, (id) => disposition(id).disposition, rules),
  );
  const settings = (ordering: Ordering) => ({
    firstDay,
    ...(newWork !== undefined ? { notBefore: newWork } : {}),
    days: policy.windows.days,
    startTime: policy.windows.startTime,
    hours: windowHours,
    capacitySystems: policy.capacity.systems,
    capacityDataGb: policy.capacity.dataTb * 1024,
    ordering,
    roomRank,
    unitRank,
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
  // Rooms close early where that costs no deadline: keep the room-by-room order unless
  // the plain easy-first order meets a deadline it misses, or gets further towards one.
  const roomsFirst = schedule(units, settings("rooms-first"));
  const easyFirst = schedule(units, settings("easy-first"));
  const roomsDeadlines = evaluate(roomsFirst);
  const easyDeadlines = evaluate(easyFirst);
  const roomsCost = roomsDeadlines.some((d, i) => d.plannedShare < easyDeadlines[i]!.plannedShare && !d.met);
  const [chosen, deadlines, ordering] = roomsCost
    ? [easyFirst, easyDeadlines, "easy-first" as const]
    : [roomsFirst, roomsDeadlines, "rooms-first" as const];

  const finalDeadline = policy.deadlines[policy.deadlines.length - 1]!.date;
  const retireDate = addDays(start, rules.cutover.retireNoticeDays);
  const windowData = new Map(units.map((u) => [u.id, u.windowDataGb]));
  const waves: Wave[] = nameWaves(chosen.windows, held, heldOn).map(({ window: w, id, units: members, state }) => ({
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

  // Each room's systems, in plan order, from one pass (not a scan of all systems per room).
  const inRoom = new Map<string, SystemPlan[]>();
  for (const p of planned) (inRoom.get(p.serverRoom) ?? inRoom.set(p.serverRoom, []).get(p.serverRoom)!).push(p);
  const rooms = inventory.rooms.map((room) =>
    planRoom({
      room,
      rules,
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

  return {
    dataset,
    settings: {
      planningStart: policy.planningStart,
      milestones: {
        inventoryBy: policy.milestones.inventoryBy,
        planApprovedBy: policy.milestones.planApprovedBy,
        source: policy.milestones.source ?? null,
      },
      workStart: start,
      policySource: policy.source,
      ordering,
      windows: policy.windows,
      capacity: policy.capacity,
      firstWindow: chosen.calendar.at(0).date,
    },
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
