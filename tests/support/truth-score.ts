/** Scores a plan against what the generator meant (src/migration/generate/truth.ts). */
import type { EstateTruth } from "../../src/migration/generate/truth";
import type { Plan } from "../../src/migration/plan/types";

export interface TruthScore {
  readonly retirements: {
    readonly precision: number;
    readonly recall: number;
    readonly wrong: readonly string[];
    readonly missed: readonly string[];
  };
  readonly merges: {
    readonly precision: number;
    readonly recall: number;
    readonly wrong: readonly string[];
    readonly missed: readonly string[];
  };
  /** Systems that stay or move and depend on a retired or merged system, with no re-pointing in the plan. */
  readonly silentDependencies: readonly string[];
  /** Review candidates the plan retired or did not list. */
  readonly reviewsMissed: readonly string[];
}

const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);

export function scorePlan(plan: Plan, truth: EstateTruth): TruthScore {
  const byId = new Map(plan.systems.map((s) => [s.id, s]));
  const zombies = new Set(truth.zombies.map((z) => z.id));
  const retired = plan.systems.filter((s) => s.disposition === "retire").map((s) => s.id);
  const rightRetired = retired.filter((id) => zombies.has(id));
  const groupOf = new Map<string, number>();
  truth.duplicateGroups.forEach((ids, i) => ids.forEach((id) => groupOf.set(id, i)));
  const merges = plan.systems.filter((s) => s.disposition === "consolidate");
  const sameFunction = (a: string, b: string | null) =>
    b !== null && groupOf.has(a) && groupOf.get(a) === groupOf.get(b);
  const rightMerges = merges.filter((s) => sameFunction(s.id, s.consolidateInto));
  const expectedMerges = truth.duplicateGroups.reduce((n, ids) => n + ids.length - 1, 0);
  const missedMerges = truth.duplicateGroups.flatMap((ids) => {
    const merged = ids.filter((id) => sameFunction(id, byId.get(id)!.consolidateInto));
    return merged.length === ids.length - 1 ? [] : ids.filter((id) => !merged.includes(id)).slice(1);
  });
  const silent: string[] = [];
  for (const system of plan.systems) {
    if (system.disposition === "retire") continue;
    const noted = new Set(system.repoint.map((r) => r.from));
    for (const dep of dependsOf(truth, system.id)) {
      const target = byId.get(dep)!;
      if (target.disposition !== "retire") continue;
      if (!noted.has(dep)) silent.push(`${system.id} → ${dep}`);
    }
  }
  return {
    retirements: {
      precision: ratio(rightRetired.length, retired.length),
      recall: ratio(rightRetired.length, zombies.size),
      wrong: retired.filter((id) => !zombies.has(id)),
      missed: [...zombies].filter((id) => !retired.includes(id)),
    },
    merges: {
      precision: ratio(rightMerges.length, merges.length),
      recall: ratio(expectedMerges - missedMerges.length, expectedMerges),
      wrong: merges.filter((s) => !sameFunction(s.id, s.consolidateInto)).map((s) => `${s.id} → ${s.consolidateInto}`),
      missed: missedMerges,
    },
    silentDependencies: silent,
    reviewsMissed: truth.reviewCandidates.filter(
      (id) =>
        byId.get(id)!.disposition === "retire" ||
        (byId.get(id)!.review.length === 0 && byId.get(id)!.disposition !== "consolidate"),
    ),
  };
}

let dependencies: { truth: EstateTruth; map: Map<string, string[]> } | null = null;
/** Which systems `id` depends on, from the plan's inventory as the truth records it (dependencies on zombies only). */
function dependsOf(truth: EstateTruth, id: string): string[] {
  if (dependencies?.truth !== truth) {
    const map = new Map<string, string[]>();
    for (const d of truth.dependenciesOnZombies) (map.get(d.from) ?? map.set(d.from, []).get(d.from)!).push(d.to);
    dependencies = { truth, map };
  }
  return dependencies.map.get(id) ?? [];
}
