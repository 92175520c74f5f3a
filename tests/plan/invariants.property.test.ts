/** The plan's invariants, on generated estates of many seeds and sizes. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateEstate } from "../../src/migration/generate/estate";
import { DEFAULT_RULES } from "../../src/migration/inventory/planner-rules";
import { buildPlan } from "../../src/migration/plan/plan";
import { CLOUD_BOUND, DISPOSITIONS, type Plan } from "../../src/migration/plan/types";
import { addDays } from "../../src/migration/plan/windows";

const estates = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  systems: fc.integer({ min: 20, max: 260 }),
  withPolicy: fc.boolean(),
});
const planOf = ({
  seed,
  systems,
  withPolicy,
}: {
  seed: number;
  systems: number;
  withPolicy: boolean;
}): { plan: Plan; inventory: ReturnType<typeof generateEstate> } => {
  const generated = generateEstate({ systems, seed });
  const inventory = withPolicy ? generated : { ...generated, policy: undefined };
  return { plan: buildPlan({ inventory, dataset: `seed-${seed}` }), inventory };
};
const property = (check: (input: ReturnType<typeof planOf>) => void) => () =>
  fc.assert(
    fc.property(estates, (estate) => check(planOf(estate))),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 25) },
  );

describe("plan invariants (generated estates)", () => {
  it(
    "exactly one disposition per system",
    property(({ plan, inventory }) => {
      expect(plan.systems.map((s) => s.id)).toEqual(inventory.systems.map((s) => s.id));
      for (const system of plan.systems) expect(DISPOSITIONS).toContain(system.disposition);
      expect(plan.excluded).toEqual(plan.systems.filter((s) => s.disposition === "exclude").map((s) => s.id));
    }),
  );

  it(
    "no targets, domain or wave for excluded, retired or retained systems",
    property(({ plan }) => {
      for (const system of plan.systems.filter((s) => ["exclude", "retire", "retain"].includes(s.disposition))) {
        expect(system.targets).toEqual([]);
        expect(system.domain).toBeNull();
        expect(system.wave).toBeNull();
      }
      for (const system of plan.systems.filter((s) => s.disposition === "rehost" || s.disposition === "replatform")) {
        expect(system.targets.some((t) => t.kind === "instance" || t.kind === "deployment")).toBe(true);
      }
    }),
  );

  it(
    "no system cuts over before a system it depends on; a shadow merges after its survivor",
    property(({ plan, inventory }) => {
      const byId = new Map(plan.systems.map((s) => [s.id, s]));
      for (const system of inventory.systems) {
        const planned = byId.get(system.id)!;
        if (!CLOUD_BOUND.includes(planned.disposition) || planned.cutoverDate === null) continue;
        for (const dep of system.dependsOn) {
          // A call to a shadow is answered by its survivor: the caller waits for the survivor.
          const target = byId.get(dep)!;
          if (target.consolidateInto === system.id) continue; // a shadow merging into this very system
          const other = target.consolidateInto ? byId.get(target.consolidateInto)! : target;
          if (CLOUD_BOUND.includes(other.disposition)) {
            expect(other.cutoverDate, `${system.id} depends on ${dep} (${other.id})`).not.toBeNull();
            expect(
              planned.cutoverDate >= other.cutoverDate!,
              `${system.id} (${planned.cutoverDate}) before its dependency ${other.id} (${other.cutoverDate})`,
            ).toBe(true);
          }
        }
        if (planned.consolidateInto)
          expect(planned.cutoverDate > byId.get(planned.consolidateInto)!.cutoverDate!).toBe(true);
      }
    }),
  );

  it(
    "every room's close date comes after its last cutover and observation period",
    property(({ plan, inventory }) => {
      const observation = (inventory.policy?.rules ?? DEFAULT_RULES).cutover.observationDays;
      for (const room of plan.rooms) {
        if (room.closeDate === null) {
          expect(room.cloudSite || room.blockers.length > 0).toBe(true);
          continue;
        }
        for (const { disposition, date } of room.systems) {
          expect(date).not.toBeNull();
          const done = disposition === "retire" ? date! : addDays(date!, observation);
          expect(room.closeDate >= done).toBe(true);
        }
      }
    }),
  );

  it(
    "deadlines' planned shares are what the waves deliver; waves respect the capacity",
    property(({ plan }) => {
      const cloud = plan.systems.filter((s) => CLOUD_BOUND.includes(s.disposition));
      // A system counts towards a deadline when its window has ended by that day.
      const waveDate = new Map(plan.waves.map((w) => [w.id, w.end.slice(0, 10)]));
      for (const deadline of plan.deadlines) {
        const done = cloud.filter((s) => s.wave !== null && waveDate.get(s.wave)! <= deadline.date).length;
        expect(deadline.plannedShare).toBeCloseTo(cloud.length === 0 ? 1 : done / cloud.length, 4);
        expect(deadline.met).toBe(done >= Math.ceil(deadline.requiredShare * cloud.length - 1e-9));
        expect(
          deadline.met
            ? deadline.explanation === null
            : (deadline.explanation?.en ?? "").length > 0 && (deadline.explanation?.zh ?? "").length > 0,
        ).toBe(true);
      }
      for (const wave of plan.waves) {
        const dedicated = wave.notes.some((n) => n.en.includes("a dedicated window"));
        if (!dedicated) expect(wave.systems.length).toBeLessThanOrEqual(plan.settings.capacity.systems);
        for (const id of wave.systems) expect(plan.systems.find((s) => s.id === id)!.wave).toBe(wave.id);
      }
    }),
  );

  it(
    "is deterministic",
    property(({ plan, inventory }) => {
      expect(JSON.stringify(buildPlan({ inventory, dataset: plan.dataset }))).toBe(JSON.stringify(plan));
    }),
  );
});
