/**
 * Who calls whom once the plan is done: a call to a shadow goes to its survivor after the
 * merge, a call to a retired system to its replacement once re-pointed (repoint.ts). The
 * security rules admit these callers, and the complexity of a system counts its links.
 */
import type { System } from "../inventory/model";
import type { DispositionResult } from "./dispositions";
import { successorOf } from "./repoint";
import type { Domain } from "./types";

export interface CallGraph {
  /** Where a call to `id` ends up when that is on the cloud (the system, a survivor, a replacement); else null. */
  readonly callee: (id: string) => string | null;
  /** The callers of each system on the cloud, each once, in the order first met. */
  readonly dependents: ReadonlyMap<string, readonly { id: string; domain: Domain }[]>;
  /** How many dependencies between cloud-bound systems each one takes part in. */
  readonly links: ReadonlyMap<string, number>;
}

export function callGraph(
  cloudBound: readonly System[],
  decided: ReadonlyMap<string, DispositionResult>,
  domains: ReadonlyMap<string, Domain>,
): CallGraph {
  const cloudIds = new Set(cloudBound.map((s) => s.id));
  const survivorOf = (id: string) => decided.get(id)!.consolidateInto ?? id;
  const callee = (id: string): string | null => {
    const to = successorOf(id, decided);
    return to !== null && cloudIds.has(to) ? to : null;
  };
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
  return { callee, dependents, links };
}
