/**
 * Everything the landing zone decides before it creates a resource, checked first so a
 * mistake stops the run with one clear message instead of half a deployment: the plan as
 * the lock holds it (the inventory may not have moved past the lock), the waves the stack
 * deploys (never leaving out a built one), the address plan (large enough for every slot
 * the lock holds), the images and the names. The program (landing-zone.ts) and the offline
 * preview both call it.
 */
import * as path from "node:path";
import type { LandingZoneConfig, WaveSelection } from "../components/landing-zone/config";
import { buildTopology, TopologyError, type Topology } from "../components/landing-zone/topology";
import { missingImages } from "../components/migrated-system/spec";
import { InputError, type Diagnostic } from "../migration/inventory/diagnostics";
import type { Inventory } from "../migration/inventory/model";
import { lockChanges } from "../migration/lock/changes";
import type { LockOnDisk } from "../migration/lock/disk";
import { holdPlan, slotNeeds } from "../migration/lock/hold";
import { isBuilt } from "../migration/lock/model";
import { duplicateTargetNames } from "../migration/plan/target-names";
import { getsResources, type Plan, type SystemPlan } from "../migration/plan/types";
import { StackConfigError } from "./config";

export interface PreparedLandingZone {
  readonly plan: Plan;
  readonly topology: Topology;
  /** The waves this stack deploys. */
  readonly waves: ReadonlySet<string>;
  /** The systems this stack builds: rehost and replatform, in its waves and departments. */
  readonly systems: readonly SystemPlan[];
}

const SHOWN_CHANGES = 20;

export function prepareLandingZone(
  config: LandingZoneConfig,
  inventory: Inventory,
  lock: LockOnDisk,
  inventoryPaths: readonly string[],
): PreparedLandingZone {
  const plan = heldPlan(inventory, lock, inventoryPaths);
  const waves = selectWaves(plan, config.waves, config.rehearsal);
  let topology: Topology;
  try {
    topology = buildTopology(
      plan,
      new Map(inventory.departments.map((d) => [d.id, d.name])),
      config.addressPlan,
      config.externalNetworkId,
      {
        departments: lock.lock!.departments,
        needs: slotNeeds(plan),
      },
    );
  } catch (cause) {
    if (cause instanceof TopologyError)
      throw new StackConfigError(cause.problems.map((message) => ({ key: "addressPlan", message })));
    throw cause;
  }
  const unknown = (config.departments ?? []).filter((d) => !topology.tenants.some((t) => t.department === d));
  if (unknown.length > 0) {
    const known = topology.tenants.map((t) => t.department).join(", ");
    throw new StackConfigError([
      {
        key: "departments",
        message:
          `names ${unknown.join(", ")}, which the plan gives no tenant (fix: ` +
          `use department ids that have systems moving to the cloud: ${known})`,
      },
    ]);
  }
  const systems = plan.systems.filter(
    (s) => getsResources(s.disposition) && s.wave !== null && waves.has(s.wave) && stackHolds(config, s.department),
  );
  const duplicates = duplicateTargetNames(systems);
  if (duplicates.length > 0)
    throw new Error(
      `the plan names two targets alike, which would be one resource twice: ${duplicates.join(", ")} ` +
        `(this is a bug in govcloud's planner)`,
    );
  const missing = missingImages(systems, config.images ?? {});
  if (missing.length > 0) {
    throw new StackConfigError([
      {
        key: "images",
        message:
          `no Glance image id for ${missing.join(", ")} (fix: ` +
          `add them under govcloud:images in stacks/Pulumi.<stack>.yaml: <name>: <glance image id>)`,
      },
    ]);
  }
  return { plan, topology, waves, systems };
}

/** Does the stack hold this department's tenant and systems (govcloud:departments, default all)? */
export function stackHolds(config: Pick<LandingZoneConfig, "departments">, department: string): boolean {
  return config.departments === undefined || config.departments.includes(department);
}

/** The plan exactly as the lock holds it; stops when the inventory moved past the lock. */
function heldPlan(inventory: Inventory, onDisk: LockOnDisk, inventoryPaths: readonly string[]): Plan {
  const command = `govcloud plan ${inventoryPaths.map((p) => path.relative(process.cwd(), p) || ".").join(" ")}`;
  const at = (message: string, fix: string): Diagnostic => ({
    severity: "error",
    location: { kind: "file", file: onDisk.shown },
    field: "",
    message,
    fix,
  });
  if (!onDisk.lock)
    throw new InputError([
      at(
        "no plan lock: the stacks deploy only a plan the migration team approved",
        `run ${command}, review the lock and commit it`,
      ),
    ]);
  const held = holdPlan({ inventory, dataset: onDisk.lock.dataset, lock: onDisk.lock });
  const changes =
    held.problems.length > 0
      ? held.problems.map((p) => `${p.path.join(".")}: ${p.message}`)
      : lockChanges(onDisk.lock, held.lock);
  if (changes.length > 0) {
    const shown = changes.slice(0, SHOWN_CHANGES).join("; ");
    const more = changes.length > SHOWN_CHANGES ? `; … and ${changes.length - SHOWN_CHANGES} more` : "";
    throw new InputError([
      at(
        `the inventory changed in ways the plan lock does not hold (${changes.length}): ${shown}${more}`,
        `run ${command}, review the lock's diff and commit it; nothing is deployed from an unapproved plan`,
      ),
    ]);
  }
  return held.plan;
}

/** The lock's waves a stack deploys; a built wave left out would be destroyed, so only a rehearsal may. */
export function selectWaves(plan: Pick<Plan, "waves">, selection: WaveSelection, rehearsal: boolean): Set<string> {
  const built = plan.waves.filter((w) => isBuilt(w.state)).map((w) => w.id);
  let chosen: string[];
  if (selection === "all") chosen = plan.waves.map((w) => w.id);
  else if (selection === "none") chosen = [];
  else if (selection === "deployed" || selection === "deployed+next") {
    const next =
      selection === "deployed+next"
        ? plan.waves
            .filter((w) => w.state === "planned")
            .map((w) => w.id)
            .sort()[0]
        : undefined;
    chosen = next ? [...built, next] : built;
  } else {
    const known = new Set(plan.waves.map((w) => w.id));
    const unknown = selection.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      const examples = plan.waves
        .slice(0, 3)
        .map((w) => w.id)
        .join(", ");
      throw new StackConfigError([
        {
          key: "waves",
          message:
            `names ${unknown.join(", ")}, which the plan lock does not hold (fix: ` +
            `use wave ids from the lock, e.g. ${examples}; govcloud waves lists them)`,
        },
      ]);
    }
    chosen = [...selection];
  }
  const left = built.filter((id) => !chosen.includes(id));
  if (left.length > 0 && !rehearsal) {
    throw new StackConfigError([
      {
        key: "waves",
        message:
          `leaves out ${left.join(", ")}, which the plan lock marks deployed or done: ` +
          `their systems would be destroyed (fix: deployed or deployed+next, or add them to the list)`,
      },
    ]);
  }
  return new Set(chosen);
}
