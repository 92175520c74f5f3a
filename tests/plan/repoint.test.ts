/** Dependencies on systems the plan retires or merges: each dependant carries a blocker. */
import { describe, expect, it } from "vitest";
import type { Inventory, System } from "../../src/migration/inventory/model";
import { buildPlan } from "../../src/migration/plan/plan";
import { aSystem } from "../support/systems";

const inventoryOf = (...systems: System[]): Inventory => ({
  policy: {
    planningStart: "2018-01-01",
    deadlines: [{ date: "2018-12-31", sharePct: 100 }],
    cutoverWindows: { days: ["sat"], startTime: "22:00", hours: 10 },
    capacityPerWindow: { systems: 5, dataTb: 5 },
  },
  departments: [
    { id: "dept-a", name: "区民政局", level: "district" },
    { id: "ic", name: "区大数据中心", level: "district" },
  ],
  rooms: [{ id: "room-a", name: "机房", privateLines: [] }],
  systems,
});
const planOf = (...systems: System[]) => buildPlan({ inventory: inventoryOf(...systems), dataset: "t" });

describe("dependants of systems that go away", () => {
  it(
    "a dependant of a replaceable zombie re-points to its replacement, by the retirement date, in its plan entry " +
      "and runbook",
    () => {
      const plan = planOf(
        aSystem({ id: "own-email", usageScope: "department", users: 40, duplicates: ["unified-email"] }),
        aSystem({ id: "unified-email", department: "ic", usageScope: "region", users: 900 }),
        aSystem({ id: "caller", dependsOn: ["own-email"] }),
      );
      const email = plan.systems.find((s) => s.id === "own-email")!;
      const caller = plan.systems.find((s) => s.id === "caller")!;
      expect(email.disposition).toBe("retire");
      expect(caller.repoint).toEqual([
        expect.objectContaining({
          from: "own-email",
          to: "unified-email",
          by: email.cutoverDate,
          fromDisposition: "retire",
        }),
      ]);
      expect(caller.runbook!.steps[0]).toMatchObject({ phase: "repoint", inWindow: false });
      expect(caller.runbook!.steps[0]!.detail.en).toContain(
        `calls to own-email go to unified-email (by ${email.cutoverDate})`,
      );
      // The retirement waits for its dependants: a gate before the service stops.
      const phases = email.runbook!.steps.map((s) => s.phase);
      expect(phases.indexOf("dependants-repointed")).toBeGreaterThanOrEqual(0);
      expect(phases.indexOf("dependants-repointed")).toBeLessThan(phases.indexOf("stop"));
      expect(email.runbook!.steps.find((s) => s.phase === "dependants-repointed")!.detail.en).toContain(
        "caller re-points to unified-email",
      );
      // Once re-pointed, the replacement admits the caller, and the caller moves no earlier than it.
      const unified = plan.systems.find((s) => s.id === "unified-email")!;
      expect(unified.targets).toContainEqual(
        expect.objectContaining({
          kind: "securityRule",
          from: expect.objectContaining({ kind: "system", system: "caller" }),
        }),
      );
      expect(caller.cutoverDate! >= unified.cutoverDate!).toBe(true);
    },
  );

  it("a dependant of an unused zombie with no replacement drops the call, and a retained dependant is told too", () => {
    const plan = planOf(
      aSystem({ id: "dead", usageFrequency: "unused", users: 0 }),
      aSystem({ id: "kept", dependsOn: ["dead"], retain: { approvalRef: "周政字〔2018〕1号" } }),
    );
    const kept = plan.systems.find((s) => s.id === "kept")!;
    expect(kept.disposition).toBe("retain");
    expect(kept.repoint).toEqual([expect.objectContaining({ from: "dead", to: null })]);
  });

  it(
    "a dependant of a merged shadow re-points to the survivor by the merge date; " +
      "calls inside the big system need none",
    () => {
      const plan = planOf(
        aSystem({ id: "big", name: "城乡低保管理系统", users: 400 }),
        aSystem({ id: "shadow", name: "城乡低保信息管理系统", users: 20, dependsOn: ["big"] }),
        aSystem({ id: "caller", dependsOn: ["shadow"] }),
        aSystem({ id: "survivor-caller", name: "城乡低保管理系统（二期）", users: 10, dependsOn: ["shadow"] }),
      );
      const shadow = plan.systems.find((s) => s.id === "shadow")!;
      expect(shadow).toMatchObject({ disposition: "consolidate", consolidateInto: "big" });
      expect(plan.systems.find((s) => s.id === "caller")!.repoint).toEqual([
        expect.objectContaining({ from: "shadow", to: "big", by: shadow.cutoverDate, fromDisposition: "consolidate" }),
      ]);
      expect(shadow.repoint).toEqual([]);
      expect(plan.systems.find((s) => s.id === "survivor-caller")!.repoint).toEqual([]);
      expect(plan.systems.find((s) => s.id === "big")!.repoint).toEqual([]);
    },
  );

  it("a retired system's own dependencies need no re-pointing", () => {
    const plan = planOf(
      aSystem({ id: "dead", usageFrequency: "unused", users: 0, dependsOn: ["dead-too"] }),
      aSystem({ id: "dead-too", usageFrequency: "unused", users: 0 }),
    );
    expect(plan.systems.find((s) => s.id === "dead")!.repoint).toEqual([]);
  });
});

describe("a held plan and a call re-pointed to a system held later", () => {
  it("re-plans the caller after its new callee instead of keeping a wave before it", () => {
    const systems = [
      aSystem({ id: "own-email", usageScope: "department", users: 40, duplicates: ["unified-email"] }),
      aSystem({ id: "unified-email", department: "ic", usageScope: "region", users: 900 }),
      aSystem({ id: "caller", dependsOn: ["own-email"] }),
    ];
    const fresh = planOf(...systems);
    const wave = (id: string) => fresh.systems.find((s) => s.id === id)!.wave!;
    // The lock from before the dependency existed: the caller in an earlier wave than its new callee.
    const [early, late] = [wave("caller"), wave("unified-email")].sort();
    const held = {
      systems: new Map([
        [
          "caller",
          { disposition: "replatform" as const, consolidateInto: null, wave: early!, date: null, built: false },
        ],
        [
          "unified-email",
          {
            disposition: "replatform" as const,
            consolidateInto: null,
            wave: late === early ? "2018-12-01-a" : late!,
            date: null,
            built: false,
          },
        ],
      ]),
      waves: new Map([
        [early!, "planned" as const],
        [late === early ? "2018-12-01-a" : late!, "planned" as const],
      ]),
    };
    const plan = buildPlan({ inventory: inventoryOf(...systems), dataset: "t", held });
    const date = (id: string) => plan.systems.find((s) => s.id === id)!.cutoverDate!;
    expect(date("caller") >= date("unified-email")).toBe(true);
  });
});
