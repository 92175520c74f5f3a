/**
 * Address slots: which of a zone's department subnets each department holds. A slot is
 * decided once and never moves; a new need takes the lowest slot nobody holds, released
 * departments' slots included (they may still be routed somewhere) unless the team asks
 * to reuse them. The stack's address plan turns a slot into a CIDR. Pure.
 */
import type { Domain } from "../plan/types";
import { LOCK_DOMAINS, SLOT_ZONES, type LockedDepartment, type SlotZone } from "./model";

/** The zones a department needs a subnet in, per domain. */
export type SlotNeeds = ReadonlyMap<string, ReadonlyMap<Domain, ReadonlySet<SlotZone>>>;

export interface AllocateInput {
  readonly previous: Readonly<Record<string, LockedDepartment>>;
  readonly needs: SlotNeeds;
  /** Departments the inventory has: one that left keeps its slots as released. */
  readonly present: ReadonlySet<string>;
  /** Let new needs take released departments' slots. */
  readonly reuseReleased: boolean;
}

export function allocateSlots({
  previous,
  needs,
  present,
  reuseReleased,
}: AllocateInput): Record<string, LockedDepartment> {
  const next: Record<string, LockedDepartment> = {};
  for (const [id, held] of Object.entries(previous)) {
    const status = present.has(id) ? "active" : "released";
    if (status === "released" && reuseReleased) continue; // its slots go back to the pool
    next[id] = { ...held, status };
  }
  const taken = new Set<string>();
  const key = (domain: Domain, zone: SlotZone, slot: number) => `${domain}.${zone}.${slot}`;
  for (const held of Object.values(next)) {
    for (const domain of LOCK_DOMAINS)
      for (const zone of SLOT_ZONES)
        if (held[domain]?.[zone] !== undefined) taken.add(key(domain, zone, held[domain][zone]));
  }
  const lowestFree = (domain: Domain, zone: SlotZone) => {
    let slot = 0;
    while (taken.has(key(domain, zone, slot))) slot++;
    taken.add(key(domain, zone, slot));
    return slot;
  };
  for (const department of [...needs.keys()].sort()) {
    const current = next[department] ?? { status: "active" as const };
    const updated: { -readonly [K in keyof LockedDepartment]: LockedDepartment[K] } = { ...current, status: "active" };
    for (const [domain, zones] of [...needs.get(department)!].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const slots = { ...(current[domain] ?? {}) };
      for (const zone of SLOT_ZONES)
        if (zones.has(zone) && slots[zone] === undefined) slots[zone] = lowestFree(domain, zone);
      updated[domain] = slots;
    }
    next[department] = updated;
  }
  return next;
}
