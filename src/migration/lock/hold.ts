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
  const problems: HoldProblem[] = [];
  const planning = planningOf(previous, input.overrides);
  const replan = input.replan === true || JSON.stringify(planning ?? {}) !== JSON.stringify(previous.planning ?? {});
  const inInventory = new Map(input.inventory.systems.map((s) => [s.id, s]));
  const release = new Set(input.release ?? []);

  const released: Record<string, LockedSystem> = {};
  const systems = new Map<string, HeldDecision>();
  for (const [id, held] of Object.entries(previous.systems)) {
    const built = isBuilt(held.wave ? previous.waves[held.wave] : undefined);
    const now = inInventory.get(id);
    if (held.status === "released") {
      if (!now) released[id] = held;
      continue; // back in the inventory: planned afresh, like a new system
    }
    if (!now) {
      if (!built) continue; // nothing of it was ever built
      if (release.has(id)) released[id] = { ...held, status: "released" };
      else
        problems.push({
          path: ["systems", id],
          message:
            `${id} moved in wave ${held.wave}, which is ${previous.waves[held.wave!]}, but is no longer in the ` +
            `inventory: the stacks would destroy it`,
          fix: `put it back in the inventory; to decommission it on purpose, run govcloud plan --release ${id}`,
        });
      continue;
    }
    if (built && now.department !== held.department) {
      problems.push({
        path: ["systems", id, "department"],
        message:
          `${id} is built in ${held.department}'s tenant (wave ${held.wave}, ${previous.waves[held.wave!]}) but ` +
          `the inventory now puts it in ${now.department}: its resources would be replaced`,
        fix:
          `keep it in ${held.department} until it is moved by a planned migration, or release it with --release ` +
          `${id} and add it under a new id`,
      });
    }
    if (built && held.into !== undefined && !inInventory.has(held.into)) {
      problems.push({
        path: ["systems", id, "into"],
        message:
          `${id} was merged into ${held.into} in wave ${held.wave} ` +
          `(${previous.waves[held.wave!]}), but ${held.into} is no longer in the inventory: ` +
          `the merged data would have no system`,
        fix: `put ${held.into} back in the inventory, or release ${id} with --release ${id} once its data is safe`,
      });
      continue;
    }
    const happened = input.happened?.has(id) === true;
    const date = (happened ? input.happened?.get(id) : null) ?? held.date ?? null;
    if (built || happened || !replan)
      systems.set(id, {
        disposition: held.disposition,
        consolidateInto: held.into ?? null,
        wave: held.wave ?? null,
        date: held.wave ? null : date,
        built: built || happened,
      });
  }
  for (const id of release) {
    if (!(id in released))
      problems.push({
        path: ["systems", id],
        message: `--release ${id}: only a system of a deployed or done wave that left the inventory is released`,
        fix: "drop --release for it",
      });
  }

  const waves = new Map<string, WaveState>(Object.entries(previous.waves));
  const plan = buildPlan({
    inventory: input.inventory,
    dataset: input.dataset,
    ...(planning ? { overrides: planning } : {}),
    held: { systems, waves },
    ...(input.stacks ? { stacks: input.stacks } : {}),
  });

  const next: Lock = {
    lockVersion: 1,
    dataset: previous.dataset,
    ...(planning ? { planning } : {}),
    waves: nextWaves(plan, previous, released),
    departments: allocateSlots({
      previous: previous.departments,
      needs: slotNeeds(plan),
      present: new Set(input.inventory.departments.map((d) => d.id)),
      reuseReleased: input.reuseReleased === true,
    }),
    systems: { ...released, ...lockedSystems(plan) },
  };
  return { plan, lock: next, problems };
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
