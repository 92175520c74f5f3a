/**
 * What a re-plan changes in the lock, in words a reviewer checks before committing: one
 * line per wave, department or system that moved. Empty when the lock stays byte-identical.
 */
import { CLOUD_BOUND } from "../plan/types";
import { LOCK_DOMAINS, SLOT_ZONES, type Lock, type LockedDepartment, type LockedSystem } from "./model";

/** When a system moves: its wave, or its date outside the waves; a cloud-bound system with neither found no window. */
function describeWhen(s: LockedSystem): string {
  if (s.wave) return ` in wave ${s.wave}`;
  if (s.date) return ` on ${s.date}`;
  return CLOUD_BOUND.includes(s.disposition) ? " (no window found)" : "";
}

const describeSystem = (s: LockedSystem) => `${s.disposition}${s.into ? ` into ${s.into}` : ""}${describeWhen(s)}`;

const describeSlots = (d: LockedDepartment) =>
  LOCK_DOMAINS.filter((domain) => d[domain])
    .map(
      (domain) =>
        `${domain} ${SLOT_ZONES.filter((z) => d[domain]![z] !== undefined)
          .map((z) => `${z} ${d[domain]![z]}`)
          .join(", ")}`,
    )
    .join("; ");

export function lockChanges(before: Lock | undefined, after: Lock): string[] {
  const lines: string[] = [];
  const old: Pick<Lock, "planning" | "waves" | "departments" | "systems"> = before ?? {
    waves: {},
    departments: {},
    systems: {},
  };
  const planningBefore = JSON.stringify(old.planning ?? {});
  const planningAfter = JSON.stringify(after.planning ?? {});
  if (planningBefore !== planningAfter) lines.push(`~ planning: ${planningBefore} → ${planningAfter}`);

  for (const id of union(old.waves, after.waves)) {
    const [a, b] = [old.waves[id], after.waves[id]];
    if (a === undefined) lines.push(`+ wave ${id} (${b})`);
    else if (b === undefined) lines.push(`- wave ${id} (was ${a})`);
    else if (a !== b) lines.push(`~ wave ${id}: ${a} → ${b}`);
  }
  for (const id of union(old.departments, after.departments)) {
    const [a, b] = [old.departments[id], after.departments[id]];
    if (a === undefined) lines.push(`+ department ${id}: ${describeSlots(b!) || "no subnets"}`);
    else if (b === undefined)
      lines.push(`- department ${id}: slots ${describeSlots(a)} back in the pool (--reuse-released)`);
    else if (a.status !== b.status)
      lines.push(
        `~ department ${id}: ${b.status}${b.status === "released" ? `, slots ${describeSlots(b)} stay reserved` : ""}`,
      );
    else if (describeSlots(a) !== describeSlots(b))
      lines.push(`~ department ${id}: ${describeSlots(a)} → ${describeSlots(b)}`);
  }
  for (const id of union(old.systems, after.systems)) {
    const [a, b] = [old.systems[id], after.systems[id]];
    if (a === undefined) lines.push(`+ system ${id} (${b!.department}): ${describeSystem(b!)}`);
    else if (b === undefined) lines.push(`- system ${id} (${a.department}): was ${describeSystem(a)}`);
    else if (a.status !== b.status)
      lines.push(`~ system ${id}: ${b.status}${b.status === "released" ? " (the stacks no longer build it)" : ""}`);
    else if (describeSystem(a) !== describeSystem(b) || a.department !== b.department) {
      lines.push(
        `~ system ${id}: ` +
          `${a.department === b.department ? "" : `${a.department} → ${b.department}, `}${describeSystem(a)} → ` +
          `${describeSystem(b)}`,
      );
    }
  }
  return lines;
}

function union(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}
