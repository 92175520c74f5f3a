/**
 * The dependencies of a synthetic estate: chains onto recent systems, the odd cycle the
 * planner must break, and none onto a classified system (which no cloud system may call).
 */
import type { System } from "../inventory/model";
import type { Random } from "./random";

/** How far back a new system looks for what it calls: dependencies stay mostly local, like real chains. */
const DEPENDENCY_REACH = 200;
/** One system in so many gets a dependency cycle. */
const CYCLE_EVERY = 500;

/** What a new system calls: up to three of the systems generated just before it, never a classified one. */
export function dependenciesOnEarlier(random: Random, systems: readonly System[]): string[] {
  const earlier = systems.length;
  const dependsOn: string[] = [];
  const degree = random.weighted([
    [0, 45],
    [1, 30],
    [2, 15],
    [3, 10],
  ] as const);
  for (let k = 0; k < degree && earlier > 0; k++) {
    const target = systems[earlier - 1 - Math.floor(Math.pow(random.next(), 2) * Math.min(earlier, DEPENDENCY_REACH))]!;
    if (!target.classified && !dependsOn.includes(target.id)) dependsOn.push(target.id);
  }
  return dependsOn;
}

/** A dependency cycle now and then: a few early systems call a later one back. */
export function addOccasionalCycles(systems: readonly System[]): void {
  for (let i = 50; i < systems.length; i += CYCLE_EVERY) {
    const later = systems[i]!;
    const earlier = later.dependsOn.length > 0 ? systems[Number(later.dependsOn[0]!.slice(1))] : undefined;
    if (earlier && !earlier.classified && !later.classified && !earlier.dependsOn.includes(later.id))
      earlier.dependsOn.push(later.id);
  }
}

/** No cloud system may depend on a classified one (a validation rule): drop such links. */
export function dropLinksToClassified(systems: readonly System[]): void {
  const classified = new Set(systems.filter((s) => s.classified).map((s) => s.id));
  for (const s of systems) (s as { dependsOn: string[] }).dependsOn = s.dependsOn.filter((d) => !classified.has(d));
}
