/**
 * Dependencies on systems that go away. A system the plan retires or merges may still be
 * called by others; it is not stopped before they are re-pointed. The design: every
 * dependant that stays or moves carries a blocker in its own plan entry and runbook —
 * what to re-point to (the replacement of a retired system, the survivor of a merged
 * one, or nothing: the call is removed) and by when (the retirement or merge date) — and
 * the retirement or merge runbook of the system that goes away gates its stop on those
 * dependants. The work lands with the team that owns the calling code, the date stays
 * the one the plan already has, and nothing waits on a dependant that may never move.
 */
import type { System } from "../inventory/model";
import type { DispositionResult } from "./dispositions";
import type { Repoint, Text } from "./types";

/** Where calls to `id` go once the plan is done: itself, its survivor, its replacement, or nowhere (null). */
export function successorOf(id: string, decided: ReadonlyMap<string, DispositionResult>): string | null {
  let current: string | null = id;
  for (let hops = 0; current !== null && hops < 16; hops++) {
    const decision = decided.get(current);
    if (!decision) return current;
    if (decision.disposition === "consolidate" && decision.consolidateInto) current = decision.consolidateInto;
    else if (decision.disposition === "retire") current = replacementOf(decision);
    else return current;
  }
  return null;
}

/** The named system a retirement's function goes to (ZOMBIE_REPLACEABLE), if any. */
function replacementOf(decision: DispositionResult): string | null {
  const replaced = decision.reasons.find((r) => r.code === "ZOMBIE_REPLACEABLE")?.evidence.replacedBy;
  return typeof replaced === "string" ? replaced : null;
}

const goesAway = (d: DispositionResult | undefined) => d?.disposition === "retire" || d?.disposition === "consolidate";

/**
 * For every system that is not itself retired, the blockers of its dependencies on
 * systems that are retired or merged away, in dependsOn order. A call that ends up inside
 * the caller (a shadow calling its own survivor, two shadows of one big system) needs none.
 */
export function repointsOf(
  systems: readonly System[],
  decided: ReadonlyMap<string, DispositionResult>,
  dateOf: (id: string) => string | null,
): Map<string, Repoint[]> {
  const result = new Map<string, Repoint[]>();
  for (const system of systems) {
    const own = decided.get(system.id);
    if (!own || own.disposition === "retire") continue;
    const home = successorOf(system.id, decided);
    const list: Repoint[] = [];
    for (const dep of system.dependsOn) {
      const decision = decided.get(dep);
      if (!goesAway(decision)) continue;
      const to = successorOf(dep, decided);
      if (to !== null && to === home) continue;
      list.push({
        from: dep,
        to,
        by: dateOf(dep),
        fromDisposition: decision!.disposition as "retire" | "consolidate",
        why: REPOINT_RULE,
      });
    }
    if (list.length > 0) result.set(system.id, list);
  }
  return result;
}

/** Who must be re-pointed before `id` stops: the inverse of repointsOf. */
export function dependantsOf(
  repoints: ReadonlyMap<string, readonly Repoint[]>,
): Map<string, { id: string; to: string | null }[]> {
  const result = new Map<string, { id: string; to: string | null }[]>();
  for (const [id, list] of [...repoints].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const r of list) (result.get(r.from) ?? result.set(r.from, []).get(r.from)!).push({ id, to: r.to });
  }
  return result;
}

const REPOINT_RULE: Text = {
  zh: "被依赖的系统在依赖它的系统改接之前不停用：依赖方须在其停用或整合之日前改接到替代系统（或整合后的大系统），无替代则取消该调用",
  en:
    "a system others depend on is not stopped before they are re-pointed: " +
    "each dependant re-points to the replacement (or the big system it merges into) by the date it stops, or " +
    "drops the call when nothing replaces it",
};
