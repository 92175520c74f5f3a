/**
 * The plan lock's promises (issue 12), on random small estates and random edits: holding
 * the plan never moves an existing department's address slot or a built system's decision,
 * never gives a released slot to someone else, and re-holding an inventory with its own
 * lock changes nothing (the lock is a fixpoint, byte for byte).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Inventory, System } from "../../src/migration/inventory/model";
import { parseLock, renderLock } from "../../src/migration/lock/file";
import { holdPlan } from "../../src/migration/lock/hold";
import { BUILT_STATES, LOCK_DOMAINS, SLOT_ZONES, type Lock, type WaveState } from "../../src/migration/lock/model";
import { generateEstate } from "../../src/migration/generate/estate";
import { inventoryArbitrary } from "../support/arbitraries";

const DATASET = "random";
const MODELINE = "# yaml-language-server: $schema=./schema/plan-lock.schema.json";
const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);

type Edit =
  | { readonly kind: "add-system"; readonly department: number; readonly template: number }
  | { readonly kind: "remove-planned-system"; readonly pick: number }
  | { readonly kind: "add-department"; readonly first: boolean; readonly template: number }
  | { readonly kind: "remove-planned-department"; readonly pick: number };

const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("add-system" as const), department: fc.nat(20), template: fc.nat(20) }),
  fc.record({ kind: fc.constant("remove-planned-system" as const), pick: fc.nat(20) }),
  fc.record({ kind: fc.constant("add-department" as const), first: fc.boolean(), template: fc.nat(20) }),
  fc.record({ kind: fc.constant("remove-planned-department" as const), pick: fc.nat(20) }),
);

/**
 * Small estates: the random inventories of the other property tests (few of their systems
 * go to the cloud) and small generated ones (most do, over a district's departments).
 */
const estateArbitrary: fc.Arbitrary<Inventory> = fc.oneof(
  inventoryArbitrary,
  fc
    .record({ seed: fc.integer({ min: 1, max: 1_000_000 }), systems: fc.integer({ min: 8, max: 50 }) })
    .map((options) => generateEstate(options)),
);

const scenarioArbitrary = fc.record({
  inventory: estateArbitrary,
  /**
   * How many of the first lock's earliest waves are built, and how many of those are done (waves are deployed in
   * order).
   */
  built: fc.record({ deployed: fc.nat(8), done: fc.nat(8) }),
  edits: fc.array(editArbitrary, { minLength: 1, maxLength: 4 }),
});

/** Characters the random names never use, so a new system is nobody's shadow. */
const FRESH = "鹦鹉螺鹧鸪琥珀蓬莱".split("");
const freshName = (n: number) =>
  `${FRESH[n % FRESH.length]}${FRESH[(n + 3) % FRESH.length]}${FRESH[(n + 5) % FRESH.length]}${n}号`;

const built = (lock: Lock, id: string) => {
  const wave = lock.systems[id]?.wave;
  return wave !== undefined && BUILT_STATES.includes(lock.waves[wave]!);
};

function newSystem(template: System, id: string, department: string, n: number): System {
  const name = freshName(n);
  return { ...template, id, name, function: `${name}事项`, department, dependsOn: [], duplicates: [] };
}

/** The inventory without `gone` systems, and without anyone's references to them. */
function without(inventory: Inventory, gone: ReadonlySet<string>): Inventory {
  return {
    ...inventory,
    systems: inventory.systems
      .filter((s) => !gone.has(s.id))
      .map((s) => ({
        ...s,
        dependsOn: s.dependsOn.filter((id) => !gone.has(id)),
        duplicates: s.duplicates.filter((id) => !gone.has(id)),
      })),
  };
}

/** One edit, as a migration team would make it; a system or department of a built wave is never removed. */
function apply(inventory: Inventory, lock: Lock, edit: Edit, n: number): Inventory {
  const { systems, departments } = inventory;
  switch (edit.kind) {
    case "add-system": {
      if (systems.length === 0) return inventory;
      const department = departments[edit.department % departments.length]!.id;
      return {
        ...inventory,
        systems: [...systems, newSystem(systems[edit.template % systems.length]!, `new-system-${n}`, department, n)],
      };
    }
    case "remove-planned-system": {
      const planned = systems.filter((s) => !built(lock, s.id));
      if (planned.length === 0) return inventory;
      return without(inventory, new Set([planned[edit.pick % planned.length]!.id]));
    }
    case "add-department": {
      const id = edit.first ? `aaa-new-${n}` : `zzz-new-${n}`;
      const added: Inventory = {
        ...inventory,
        departments: [...departments, { id, name: `${freshName(n)}局`, level: "district" }],
      };
      if (systems.length === 0) return added;
      return {
        ...added,
        systems: [...systems, newSystem(systems[edit.template % systems.length]!, `new-system-${n}`, id, n)],
      };
    }
    case "remove-planned-department": {
      // Not one of a built wave's, nor one a room or another department names.
      const unbuilt = departments.filter(
        (d) =>
          !systems.some((s) => s.department === d.id && built(lock, s.id)) &&
          !inventory.rooms.some((r) => r.department === d.id) &&
          !departments.some((o) => o.parent === d.id),
      );
      // Preferably one that holds address slots: releasing them is what is checked.
      const holding = unbuilt.filter((d) => slotsOf(lock.departments[d.id]).length > 0);
      const removable = holding.length > 0 ? holding : unbuilt;
      if (removable.length === 0 || departments.length <= 1) return inventory;
      const gone = removable[edit.pick % removable.length]!.id;
      const next = without(inventory, new Set(systems.filter((s) => s.department === gone).map((s) => s.id)));
      return { ...next, departments: departments.filter((d) => d.id !== gone) };
    }
  }
}

/** Every `domain.zone.slot` a department holds. */
const slotsOf = (department: Lock["departments"][string] | undefined) =>
  LOCK_DOMAINS.flatMap((domain) =>
    SLOT_ZONES.filter((zone) => department?.[domain]?.[zone] !== undefined).map(
      (zone) => `${domain}.${zone}.${department![domain]![zone]}`,
    ),
  );

/** The lock with waves given states by `state(index)` over its waves in date order. */
function withStates(lock: Lock, state: (index: number) => WaveState): Lock {
  return {
    ...lock,
    waves: Object.fromEntries(
      Object.keys(lock.waves)
        .sort()
        .map((wave, i) => [wave, state(i)]),
    ),
  };
}

/** The first `deployed + done` waves built, the first `done` of them done: how a team moves through its waves. */
const inOrder =
  ({ deployed, done }: { deployed: number; done: number }) =>
  (i: number): WaveState =>
    i < done ? "done" : i < done + deployed ? "deployed" : "planned";

/** Holding the same inventory with its own lock gives the same lock, and the same bytes. */
function expectFixpoint(inventory: Inventory, lock: Lock): void {
  const again = holdPlan({ inventory, dataset: DATASET, lock });
  expect(again.problems).toEqual([]);
  expect(again.lock).toEqual(lock);
  expect(renderLock(again.lock, MODELINE)).toBe(renderLock(lock, MODELINE));
}

/** What one re-hold may change in the lock, and what never. */
function expectHeld(before: Lock, after: Lock, inventory: Inventory): void {
  // The lock reads back as written: no two departments share a slot, every wave named exists.
  const text = renderLock(after, MODELINE);
  const parsed = parseLock(text, "random.lock.yaml");
  expect(parsed.diagnostics).toEqual([]);
  expect(parsed.lock).toEqual(after);

  const present = new Set(inventory.departments.map((d) => d.id));
  for (const [id, held] of Object.entries(before.departments)) {
    const now = after.departments[id];
    expect(now, `department ${id} keeps its entry`).toBeDefined();
    // Slots never move; a department may gain a zone (a first DMZ, a second domain), never lose one.
    expect(
      slotsOf(now).filter((s) => slotsOf(held).includes(s)),
      `department ${id}'s slots`,
    ).toEqual(slotsOf(held));
    expect(now!.status).toBe(present.has(id) ? "active" : "released");
  }
  // A released slot is nobody else's.
  const released = new Map(
    Object.entries(before.departments)
      .filter(([, d]) => d.status === "released")
      .flatMap(([id, d]) => slotsOf(d).map((slot) => [slot, id] as const)),
  );
  for (const [id, held] of Object.entries(after.departments))
    for (const slot of slotsOf(held))
      if (released.has(slot)) expect(released.get(slot), `${id} took released slot ${slot}`).toBe(id);

  for (const [id, held] of Object.entries(before.systems)) {
    if (!built(before, id)) continue;
    expect(after.systems[id], `built system ${id}`).toEqual(held);
  }
  for (const [wave, state] of Object.entries(before.waves))
    if (BUILT_STATES.includes(state)) expect(after.waves[wave], `built wave ${wave}`).toBe(state);
}

describe("the plan lock (random estates, random edits)", () => {
  it("holding an unchanged inventory with its own lock is a fixpoint", () => {
    fc.assert(
      fc.property(estateArbitrary, (inventory) => {
        const first = holdPlan({ inventory, dataset: DATASET, lock: undefined });
        expect(first.problems).toEqual([]);
        expectFixpoint(inventory, first.lock);
      }),
      { numRuns: RUNS },
    );
  });

  it("edits never move an existing department's slots or a built system's wave; each new lock is a fixpoint", () => {
    // What the runs exercised: the property is not vacuous.
    const seen = { builtSystems: 0, releasedDepartments: 0, newSlots: 0, changedLocks: 0 };
    fc.assert(
      fc.property(scenarioArbitrary, ({ inventory, built: builtWaves, edits }) => {
        let lock = withStates(holdPlan({ inventory, dataset: DATASET, lock: undefined }).lock, inOrder(builtWaves));
        let current = inventory;
        expectFixpoint(current, lock);
        edits.forEach((edit, n) => {
          current = apply(current, lock, edit, n);
          const held = holdPlan({ inventory: current, dataset: DATASET, lock });
          expect(held.problems).toEqual([]);
          expectHeld(lock, held.lock, current);
          // Something new takes nothing from what the lock holds: every decision stays, planned ones too.
          if (edit.kind === "add-system" || edit.kind === "add-department")
            for (const [id, system] of Object.entries(lock.systems))
              expect(held.lock.systems[id], `${id} after ${edit.kind}`).toEqual(system);
          expectFixpoint(current, held.lock);
          seen.builtSystems += Object.keys(lock.systems).filter((id) => built(lock, id)).length;
          seen.releasedDepartments += Object.values(held.lock.departments).filter(
            (d) => d.status === "released",
          ).length;
          seen.newSlots += Object.keys(held.lock.departments).filter((id) => !(id in lock.departments)).length;
          seen.changedLocks += Number(JSON.stringify(held.lock) !== JSON.stringify(lock));
          lock = held.lock;
        });
      }),
      { numRuns: RUNS },
    );
    for (const [what, count] of Object.entries(seen)) expect(count, what).toBeGreaterThan(0);
  });
});

describe("the plan lock when waves were marked built out of order", () => {
  // Found by the property above with random wave states: a built shadow kept `into:` a planned
  // survivor that had left the inventory, and the lock written could not be read back. holdPlan
  // now stops on it (src/migration/lock/hold.ts).
  it(
    "a built shadow's planned survivor leaving the inventory stops govcloud plan, or leaves a lock govcloud can " +
      "read",
    () => {
      let found: { inventory: Inventory; lock: Lock; shadow: string; survivor: string } | undefined;
      for (let seed = 1; seed <= 50 && !found; seed++) {
        const inventory = generateEstate({ systems: 40, seed });
        const lock = holdPlan({ inventory, dataset: DATASET, lock: undefined }).lock;
        const pair = Object.entries(lock.systems).find(
          ([, s]) =>
            s.into !== undefined &&
            s.wave !== undefined &&
            lock.systems[s.into]?.wave !== undefined &&
            lock.systems[s.into]!.wave !== s.wave,
        );
        if (pair) found = { inventory, lock, shadow: pair[0], survivor: pair[1].into! };
      }
      expect(found, "a generated estate with a shadow and its survivor in different waves").toBeDefined();
      const { inventory, lock, shadow, survivor } = found!;
      // The shadow's wave is done (marked out of order); the survivor's is still planned.
      const marked = withStates(lock, (i) =>
        Object.keys(lock.waves).sort()[i] === lock.systems[shadow]!.wave ? "done" : "planned",
      );
      const held = holdPlan({ inventory: without(inventory, new Set([survivor])), dataset: DATASET, lock: marked });
      const diagnostics = parseLock(renderLock(held.lock, MODELINE), "random.lock.yaml").diagnostics.map(
        (d) => `${d.field}: ${d.message}`,
      );
      expect(
        held.problems.length > 0 || diagnostics.length === 0,
        `no problem reported, and the lock written does not read back: ${diagnostics.join("; ")}`,
      ).toBe(true);
    },
  );
});
