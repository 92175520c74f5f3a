/**
 * Seeded synthetic estates for tests and benchmarks: departments in a city / district /
 * town hierarchy, server rooms, and systems with the real mix of what the seeds describe
 * (zombies, shadows, classified systems, approved exceptions, business private networks,
 * dependency chains and the odd cycle), with Chinese names. Deterministic per seed.
 *
 * One module per part of the estate, generated in this order from one random stream:
 * departments.ts (departments and rooms), systems.ts (each system and the intent the
 * ground truth records, named by names.ts, on servers.ts's servers, calling what
 * dependencies.ts picks), then the links made final and the policy.
 */
import type { Inventory, Policy } from "../inventory/model";
import { generateOrganisation } from "./departments";
import { addOccasionalCycles, dropLinksToClassified } from "./dependencies";
import { Random } from "./random";
import { generateSystems } from "./systems";
import { estateTruth, type EstateTruth } from "./truth";

export interface EstateOptions {
  readonly systems: number;
  readonly seed: number;
}

/** The estate and what it means (its ground truth: see truth.ts). */
export function generateEstateWithTruth({ systems: count, seed }: EstateOptions): {
  inventory: Inventory;
  truth: EstateTruth;
} {
  const random = new Random(seed);
  const organisation = generateOrganisation(random, count);
  const { systems, intents } = generateSystems(random, count, organisation);
  addOccasionalCycles(systems);
  dropLinksToClassified(systems);
  const byId = <T extends { id: string }>(list: T[]) => list.sort((a, b) => (a.id < b.id ? -1 : 1));
  const inventory = {
    policy: syntheticPolicy(count, seed),
    departments: byId(organisation.departments),
    rooms: byId(organisation.rooms),
    systems: byId(systems),
  };
  const truth = estateTruth(
    seed,
    systems.map((s) => ({ ...intents.get(s.id)!, dependsOn: s.dependsOn, duplicates: s.duplicates })),
  );
  return { inventory, truth };
}

export function generateEstate(options: EstateOptions): Inventory {
  return generateEstateWithTruth(options).inventory;
}

/**
 * The policy of a synthetic estate: the Weifang deadlines (70% by mid-2018, all by its end),
 * weekend night windows, and a capacity that grows with the estate so that it can finish.
 */
function syntheticPolicy(count: number, seed: number): Policy {
  const capacity = Math.max(2, Math.ceil(count / 120));
  return {
    name: `合成数据集（${count} 个系统，种子 ${seed}）`,
    planningStart: "2018-01-01",
    deadlines: [
      { date: "2018-06-30", sharePct: 70 },
      { date: "2018-12-31", sharePct: 100 },
    ],
    cutoverWindows: { days: ["sat", "sun"], startTime: "22:00", hours: 10 },
    capacityPerWindow: { systems: capacity, dataTb: capacity * 0.5 },
  };
}
