/**
 * Planning through the lock: the inventory planned with the decisions the lock holds,
 * and the lock that results. What may change and what may not:
 * - a system of a deployed or done wave keeps its disposition, wave and survivor; if it
 *   left the inventory the run stops, unless the team releases it on purpose;
 * - a system of a planned wave keeps its wave while its decision holds; with a new
 *   planning start or deadlines (or asked to re-plan), planned waves are scheduled afresh;
 * - every department keeps its address slots (released, not freed, when it leaves);
 * - new systems and departments are the only ones given new waves and slots.
 * Pure: reading and writing the file is the caller's.
 */
import type { Inventory } from "../inventory/model";
import type { HeldDecision } from "../plan/held";
import { buildPlan } from "../plan/plan";
import type { PolicyOverrides } from "../plan/resolved-policy";
import type { Domain, Plan } from "../plan/types";
import { allocateSlots, type SlotNeeds } from "./allocate";
import { emptyLock, isBuilt, type Lock, type LockedSystem, type SlotZone, type WaveState } from "./model";

export interface HoldInput {
  readonly inventory: Inventory;
  readonly dataset: string;
  /** The lock as committed; undefined for a dataset planned the first time. */
  readonly lock: Lock | undefined;
  /** --start / --deadline: recorded in the lock, and the planned waves re-scheduled from them. */
  readonly overrides?: PolicyOverrides;
  /** Schedule every planned wave afresh (built waves never move). */
  readonly replan?: boolean;
  /** Systems of built waves the team takes out of the stacks on purpose. */
  readonly release?: readonly string[];
  /** New needs may take released departments' address slots. */
  readonly reuseReleased?: boolean;
  /**
   * Systems the cutover journals show done or running (govcloud plan --state): kept as
   * they happened, whatever the re-plan; a retirement on the date it was done (the value),
   * a system with a wave in its wave (null: the lock's).
   */
  readonly happened?: ReadonlyMap<string, string | null>;
  /** The Pulumi stacks that deploy each department, for the runbooks. */
  readonly stacks?: (department: string) => readonly string[];
}

/** Something the lock does not allow: the run stops, nothing is written. */
export interface HoldProblem {
  /** Where in the lock: `systems.<id>` or `departments.<id>`. */
  readonly path: readonly string[];
  readonly message: string;
  readonly fix: string;
}

export interface HoldResult {
  readonly plan: Plan;
  readonly lock: Lock;
  readonly problems: readonly HoldProblem[];
}

export function holdPlan(input: HoldInput): HoldResult {
  const previous = input.lock ?? emptyLock(input.dataset);
  const planning = planningOf(previous, input.overrides);
  const replan = input.replan === true || JSON.stringify(planning ?? {}) !== JSON.stringify(previous.planning ?? {});
  const held = holdDecisions(input, previous, replan);
  const plan = buildPlan({
    inventory: input.inventory,
    dataset: input.dataset,
    ...(planning ? { overrides: planning } : {}),
    held: { systems: held.systems, waves: new Map<string, WaveState>(Object.entries(previous.waves)) },
    ...(input.stacks ? { stacks: input.stacks } : {}),
  });
  const next: Lock = {
    lockVersion: 1,
    dataset: previous.dataset,
    ...(planning ? { planning } : {}),
    waves: nextWaves(plan, previous, held.released),
    departments: allocateSlots({
      previous: previous.departments,
      needs: slotNeeds(plan),
      present: new Set(input.inventory.departments.map((d) => d.id)),
      reuseReleased: input.reuseReleased === true,
    }),
    systems: { ...held.released, ...lockedSystems(plan) },
  };
  return { plan, lock: next, problems: held.problems };
}

/** What the lock's systems hold for this run: decisions kept, systems released, and what it does not allow. */
interface HeldSystems {
  /** The decisions the planner keeps. */
  readonly systems: Map<string, HeldDecision>;
  /** Systems of built waves out of the stacks, kept in the lock as history. */
  readonly released: Record<string, LockedSystem>;
  readonly problems: HoldProblem[];
}

/** Goes through the lock's systems, in the lock's order, then the --release names none of them matched. */
function holdDecisions(input: HoldInput, previous: Lock, replan: boolean): HeldSystems {
  const inInventory = new Map(input.inventory.systems.map((s) => [s.id, s]));
  const release = new Set(input.release ?? []);
  const held: HeldSystems = { systems: new Map(), released: {}, problems: [] };
  for (const [id, locked] of Object.entries(previous.systems)) {
    const built = isBuilt(locked.wave ? previous.waves[locked.wave] : undefined);
    const now = inInventory.get(id);
    if (locked.status === "released") {
      if (!now) held.released[id] = locked;
      continue; // back in the inventory: planned afresh, like a new system
    }
    if (!now) {
      // Nothing of a system of a planned wave was ever built: it simply leaves.
      if (built) leftTheInventory(id, locked, previous, release, held);
      continue;
    }
    if (built) {
      const moved = builtInAnotherDepartment(id, locked, now.department, previous);
      if (moved) held.problems.push(moved);
      const orphan = survivorGone(id, locked, inInventory, previous);
      if (orphan) {
        held.problems.push(orphan);
        continue;
      }
    }
    const decision = heldDecision(id, locked, built, input.happened, replan);
    if (decision) held.systems.set(id, decision);
  }
  for (const id of release) {
    if (!(id in held.released))
      held.problems.push({
        path: ["systems", id],
        message: `--release ${id}: only a system of a deployed or done wave that left the inventory is released`,
        fix: "drop --release for it",
      });
  }
  return held;
}

/** A built system that left the inventory: released when the team asks, else the stacks would destroy it. */
function leftTheInventory(
  id: string,
  locked: LockedSystem,
  previous: Lock,
  release: ReadonlySet<string>,
  held: HeldSystems,
): void {
  if (release.has(id)) held.released[id] = { ...locked, status: "released" };
  else
    held.problems.push({
      path: ["systems", id],
      message:
        `${id} moved in wave ${locked.wave}, which is ${previous.waves[locked.wave!]}, but is no longer in the ` +
        `inventory: the stacks would destroy it`,
      fix: `put it back in the inventory; to decommission it on purpose, run govcloud plan --release ${id}`,
    });
}

/** A built system stays in the department whose tenant holds its resources. */
function builtInAnotherDepartment(
  id: string,
  locked: LockedSystem,
  department: string,
  previous: Lock,
): HoldProblem | undefined {
  if (department === locked.department) return undefined;
  return {
    path: ["systems", id, "department"],
    message:
      `${id} is built in ${locked.department}'s tenant (wave ${locked.wave}, ${previous.waves[locked.wave!]}) but ` +
      `the inventory now puts it in ${department}: its resources would be replaced`,
    fix:
      `keep it in ${locked.department} until it is moved by a planned migration, or release it with --release ` +
      `${id} and add it under a new id`,
  };
}

/** A built merger keeps the system it was merged into: the merged data lives there. */
function survivorGone(
  id: string,
  locked: LockedSystem,
  inInventory: ReadonlyMap<string, unknown>,
  previous: Lock,
): HoldProblem | undefined {
  if (locked.into === undefined || inInventory.has(locked.into)) return undefined;
  return {
    path: ["systems", id, "into"],
    message:
      `${id} was merged into ${locked.into} in wave ${locked.wave} ` +
      `(${previous.waves[locked.wave!]}), but ${locked.into} is no longer in the inventory: ` +
      `the merged data would have no system`,
    fix: `put ${locked.into} back in the inventory, or release ${id} with --release ${id} once its data is safe`,
  };
}

/**
 * The decision the planner keeps for a system still in the inventory: always for a built
 * system or one the journals show done or running (on the date it happened), otherwise
 * unless the planned waves are scheduled afresh.
 */
function heldDecision(
  id: string,
  locked: LockedSystem,
  built: boolean,
  happenedAt: HoldInput["happened"],
  replan: boolean,
): HeldDecision | undefined {
  const happened = happenedAt?.has(id) === true;
  if (!built && !happened && replan) return undefined;
  const date = (happened ? happenedAt?.get(id) : null) ?? locked.date ?? null;
  return {
    disposition: locked.disposition,
    consolidateInto: locked.into ?? null,
    wave: locked.wave ?? null,
    date: locked.wave ? null : date,
    built: built || happened,
  };
}

/** The planning overrides in force: the ones given now, else the ones the lock recorded. */
function planningOf(previous: Lock, overrides: PolicyOverrides | undefined): Lock["planning"] {
  const start = overrides?.start ?? previous.planning?.start;
  const deadlines =
    overrides?.deadlines && overrides.deadlines.length > 0 ? [...overrides.deadlines] : previous.planning?.deadlines;
  if (start === undefined && deadlines === undefined) return undefined;
  return { ...(start !== undefined ? { start } : {}), ...(deadlines !== undefined ? { deadlines } : {}) };
}

/** The plan's waves, and every built wave of the lock (its state is history, even once empty). */
function nextWaves(
  plan: Plan,
  previous: Lock,
  released: Readonly<Record<string, LockedSystem>>,
): Record<string, WaveState> {
  const waves: Record<string, WaveState> = {};
  for (const [id, state] of Object.entries(previous.waves)) if (isBuilt(state)) waves[id] = state;
  for (const system of Object.values(released))
    if (system.wave) waves[system.wave] = previous.waves[system.wave] ?? "deployed";
  for (const wave of plan.waves) waves[wave.id] = wave.state;
  return waves;
}

function lockedSystems(plan: Plan): Record<string, LockedSystem> {
  const out: Record<string, LockedSystem> = {};
  for (const s of plan.systems) {
    out[s.id] = {
      department: s.department,
      status: "active",
      disposition: s.disposition,
      ...(s.wave ? { wave: s.wave } : s.cutoverDate ? { date: s.cutoverDate } : {}),
      ...(s.consolidateInto ? { into: s.consolidateInto } : {}),
    };
  }
  return out;
}

/** Every department with something on the cloud needs its app and data subnets; the DMZ only where it publishes. */
export function slotNeeds(plan: Plan): SlotNeeds {
  const needs = new Map<string, Map<Domain, Set<SlotZone>>>();
  for (const system of plan.systems) {
    if (system.tenant === null || system.domain === null || system.targets.length === 0) continue;
    const domains = needs.get(system.tenant) ?? needs.set(system.tenant, new Map()).get(system.tenant)!;
    const zones =
      domains.get(system.domain) ?? domains.set(system.domain, new Set(["app", "data"])).get(system.domain)!;
    if (system.targets.some((t) => "zone" in t && t.zone === "dmz")) zones.add("dmz");
  }
  return needs;
}
