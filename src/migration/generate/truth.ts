/**
 * What a generated estate means, written next to it (govcloud generate --truth): which
 * systems were made zombies and by which criterion, which are review candidates (used
 * and maintained but old), which systems of one department do the same thing (true
 * duplicates, declared or not), which only look alike (the department's name in both
 * names, different functions), and which dependencies point at zombies. Tests score a
 * plan against it; it is the generator's intent, not the planner's output.
 */

/** The zombie criteria of seeds 000/003, as the generator makes them. */
export const ZOMBIE_CRITERIA = ["unused", "replaceable", "idle", "omStopped", "narrow"] as const;
export type ZombieCriterion = (typeof ZOMBIE_CRITERIA)[number];

export interface EstateTruth {
  readonly seed: number;
  readonly systems: number;
  /** Systems made zombies, with the criterion (and the replacing system for `replaceable`). */
  readonly zombies: readonly {
    readonly id: string;
    readonly criterion: ZombieCriterion;
    readonly replacedBy?: string;
  }[];
  /** Used and maintained, but not updated for years: to review, not to retire. */
  readonly reviewCandidates: readonly string[];
  /**
   * Systems of one department with the same function, among those meant to stay in use (each group sorted; groups by
   * first id).
   */
  readonly duplicateGroups: readonly (readonly string[])[];
  /** Of those, the pairs the inventory declares (duplicates field). */
  readonly declaredDuplicates: readonly (readonly [string, string])[];
  /** Pairs of one department whose names both carry the department's name but whose functions differ. */
  readonly similarNamesDifferentFunctions: readonly (readonly [string, string])[];
  /** Dependencies whose target is a zombie. */
  readonly dependenciesOnZombies: readonly { readonly from: string; readonly to: string }[];
  readonly classified: readonly string[];
  readonly retained: readonly string[];
}

/** One generated system's intent, as the generator records it while generating. */
export interface SystemIntent {
  readonly id: string;
  readonly department: string;
  /** The function's key (subject + aspect): equal keys in one department are the same function. */
  readonly functionKey: string;
  readonly kind: "normal" | "old" | "shadow" | "classified" | "retain" | ZombieCriterion;
  readonly replacedBy?: string;
  readonly namedAfterDepartment: boolean;
  readonly duplicates: readonly string[];
  readonly dependsOn: readonly string[];
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function estateTruth(seed: number, intents: readonly SystemIntent[]): EstateTruth {
  const zombieKinds = new Set<string>(ZOMBIE_CRITERIA);
  const zombies = intents.filter((s) => zombieKinds.has(s.kind));
  const zombieIds = new Set(zombies.map((s) => s.id));
  const staying = intents.filter((s) => !zombieKinds.has(s.kind) && s.kind !== "classified" && s.kind !== "retain");
  const byFunction = new Map<string, string[]>();
  for (const s of staying) {
    const key = `${s.department}\u0000${s.functionKey}`;
    (byFunction.get(key) ?? byFunction.set(key, []).get(key)!).push(s.id);
  }
  const groupOf = new Map<string, string>();
  for (const [key, ids] of byFunction) for (const id of ids) groupOf.set(id, key);
  const declared: [string, string][] = [];
  for (const s of staying) {
    for (const d of s.duplicates)
      if (groupOf.get(d) !== undefined && groupOf.get(d) === groupOf.get(s.id))
        declared.push(s.id < d ? [s.id, d] : [d, s.id]);
  }
  const similar: [string, string][] = [];
  const named = new Map<string, SystemIntent[]>();
  for (const s of staying)
    if (s.namedAfterDepartment) (named.get(s.department) ?? named.set(s.department, []).get(s.department)!).push(s);
  for (const list of named.values()) {
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++)
        if (list[i]!.functionKey !== list[j]!.functionKey) similar.push([list[i]!.id, list[j]!.id]);
  }
  return {
    seed,
    systems: intents.length,
    zombies: zombies.map((s) => ({
      id: s.id,
      criterion: s.kind as ZombieCriterion,
      ...(s.replacedBy ? { replacedBy: s.replacedBy } : {}),
    })),
    reviewCandidates: intents.filter((s) => s.kind === "old").map((s) => s.id),
    duplicateGroups: [...byFunction.values()]
      .filter((ids) => ids.length > 1)
      .map((ids) => [...ids].sort(byId))
      .sort((a, b) => byId(a[0]!, b[0]!)),
    declaredDuplicates: [...new Map(declared.map((p) => [p.join(" "), p])).values()].sort((a, b) =>
      byId(a.join(" "), b.join(" ")),
    ),
    similarNamesDifferentFunctions: similar.sort((a, b) => byId(a.join(" "), b.join(" "))),
    dependenciesOnZombies: intents.flatMap((s) =>
      s.dependsOn.filter((d) => zombieIds.has(d)).map((to) => ({ from: s.id, to })),
    ),
    classified: intents.filter((s) => s.kind === "classified").map((s) => s.id),
    retained: intents.filter((s) => s.kind === "retain").map((s) => s.id),
  };
}
