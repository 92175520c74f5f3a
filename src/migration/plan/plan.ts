/**
 * From inventory to plan: dispositions, targets, runbooks, waves, deadlines, rooms and
 * quotas. Pure and deterministic: the same inventory and overrides give the same plan.
 */
import type { Inventory, System } from "../inventory/model";
import { complexityScore } from "./complexity";
import { decideDispositions, type DispositionResult } from "./dispositions";
import { holdDispositions, type HeldPlan } from "./held";
import { departmentQuotas } from "./quotas";
import { planMilestones } from "./milestones";
import { planRoom } from "./rooms";
import { chooseCopyMode, type CopyDecision } from "./copy-mode";
import { callGraph } from "./calls";
import { dependantsOf, repointsOf } from "./repoint";
import { buildRunbook, type RunbookContext } from "./runbook";
import type { Ordering, ScheduleResult } from "./schedule";
import { resolvePolicy, type PolicyOverrides, type ResolvedPolicy } from "./resolved-policy";
import { buildTargets, domainOf } from "./targets";
import { timeline } from "./timeline";
import {
  CLOUD_BOUND,
  getsResources,
  type DeadlineResult,
  type Domain,
  type Plan,
  type RoomPlan,
  type SystemPlan,
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

  const { start, chosen, deadlines, ordering, waves, waveOf } = timeline({
    inventory,
    policy,
    held,
    decided,
    cloudBound,
    copy,
    complexity,
    contextFor,
    callee,
  });

  const { dateOf, repoints, stepsOf } = datesAndBlockers({
    systems,
    decided,
    cloudIds,
    chosen,
    held,
    retireDate: addDays(start, rules.cutover.retireNoticeDays),
  });
  const planned = systems.map((system) =>
    systemPlanOf(system, {
      decision: disposition(system.id),
      cloud: cloudIds.has(system.id),
      date: dateOf(system.id),
      rules,
      mergedDataGb: mergedData.get(system.id) ?? 0,
      dependents: dependents.get(system.id) ?? [],
      runbookContext: () => contextFor(system, disposition(system.id), stepsOf(system.id)),
      domain: domains.get(system.id) ?? null,
      wave: waveOf.get(system.id) ?? null,
      complexity: complexity.get(system.id)!,
      finalDeadline: policy.deadlines[policy.deadlines.length - 1]!.date,
      unscheduledReason: chosen.unscheduled.get(system.id) ?? null,
      repoint: repoints.get(system.id) ?? [],
    }),
  );

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

/** What a system's plan is made of, worked out for the whole plan. */
interface SystemPlanParts {
  readonly decision: DispositionResult;
  /** Whether it moves to the cloud (rehost, replatform, consolidate). */
  readonly cloud: boolean;
  readonly date: string | null;
  readonly rules: ResolvedPolicy["rules"];
  /** The data of the shadows merged into it. */
  readonly mergedDataGb: number;
  readonly dependents: Parameters<typeof buildTargets>[0]["dependents"];
  readonly runbookContext: () => RunbookContext;
  readonly domain: Domain | null;
  readonly wave: string | null;
  readonly complexity: number;
  readonly finalDeadline: string;
  readonly unscheduledReason: SystemPlan["unscheduledReason"];
  readonly repoint: SystemPlan["repoint"];
}

/** One system's plan: its targets (when it gets resources), its runbook (when it moves or retires), its dates. */
function systemPlanOf(system: System, parts: SystemPlanParts): SystemPlan {
  const { decision, cloud, date, rules } = parts;
  const built = getsResources(decision.disposition)
    ? buildTargets({
        system,
        disposition: decision.disposition,
        rules,
        mergedDataGb: parts.mergedDataGb,
        dependents: parts.dependents,
      })
    : null;
  const rollbackUntil = date && cloud ? addDays(date, rules.cutover.observationDays) : null;
  const runbook =
    decision.disposition === "retire" || cloud ? buildRunbook(parts.runbookContext(), rollbackUntil) : null;
  return {
    id: system.id,
    name: system.name,
    department: system.department,
    serverRoom: system.serverRoom,
    disposition: decision.disposition,
    reasons: decision.reasons,
    domain: cloud ? parts.domain! : null,
    tenant: cloud ? system.department : null,
    wave: parts.wave,
    cutoverDate: date,
    consolidateInto: decision.consolidateInto,
    complexity: parts.complexity,
    targets: built?.targets ?? [],
    placementReasons: built?.reasons ?? [],
    runbook,
    losesFunding: cloud && (date === null || date > parts.finalDeadline),
    unscheduledReason: parts.unscheduledReason,
    review: decision.review ?? [],
    repoint: parts.repoint,
  };
}

/**
 * The date of each system's cutover, merge or retirement (null: none, or not scheduled), and
 * what those dates ask of the systems that call one that stops: re-pointing first (seed 000's
 * dependants), as steps of both runbooks.
 */
function datesAndBlockers({
  systems,
  decided,
  cloudIds,
  chosen,
  held,
  retireDate,
}: {
  readonly systems: readonly System[];
  readonly decided: ReadonlyMap<string, DispositionResult>;
  readonly cloudIds: ReadonlySet<string>;
  readonly chosen: ScheduleResult;
  readonly held: HeldPlan | undefined;
  /** When a retirement not held by the lock happens: the notice period after work starts. */
  readonly retireDate: string;
}) {
  const dateOf = (id: string): string | null => {
    if (cloudIds.has(id)) return chosen.windowOf.get(id)?.date ?? null;
    if (decided.get(id)!.disposition !== "retire") return null;
    const heldRetirement = held?.systems.get(id);
    return heldRetirement?.disposition === "retire" && heldRetirement.date ? heldRetirement.date : retireDate;
  };
  const repoints = repointsOf(systems, decided, dateOf);
  const dependants = dependantsOf(repoints);
  const stepsOf = (id: string): Pick<RunbookContext, "repoint" | "dependants"> => ({
    repoint: (repoints.get(id) ?? []).map((r) => ({ caller: id, from: r.from, to: r.to, by: r.by })),
    dependants: (dependants.get(id) ?? []).map((d) => ({ caller: d.id, from: id, to: d.to, by: dateOf(id) })),
  });
  return { dateOf, repoints, stepsOf };
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
