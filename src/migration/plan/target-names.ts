/**
 * Target names are resource names: the Pulumi programs name each target's resources after
 * it, so two targets of one kind with one name would be one URN twice (the engine refuses
 * the stack) or, across runs, one resource taking the other's place. Pure.
 */
import type { SystemPlan, Target } from "./types";

/**
 * The names that more than one target of the same kind carries, over all the systems
 * given, as `<kind> <name>` (e.g. `instance portal-app-1`), sorted, each once. Targets of
 * different kinds may share a name: they become resources of different types.
 */
export function duplicateTargetNames(systems: readonly SystemPlan[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const system of systems) {
    for (const target of system.targets) {
      const key = targetKey(target);
      if (seen.has(key)) duplicates.add(key);
      else seen.add(key);
    }
  }
  return [...duplicates].sort();
}

const targetKey = (target: Target): string => `${target.kind} ${target.name}`;
