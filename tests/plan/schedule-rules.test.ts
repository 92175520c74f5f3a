/**
 * Issue 13's schedule rules, each on a small estate: warm copies, online merges, what stays unscheduled, rooms first,
 * milestones.
 */
import { describe, expect, it } from "vitest";
import type { Inventory, Policy, System } from "../../src/migration/inventory/model";
import { DEFAULT_RULES, PlannerRulesSchema } from "../../src/migration/inventory/planner-rules";
import { buildPlan } from "../../src/migration/plan/plan";
import { closableRooms, rankRooms } from "../../src/migration/plan/rooms";
import { chooseCopyMode, warmAllowed } from "../../src/migration/plan/copy-mode";
import { schedule } from "../../src/migration/plan/schedule";
import { workStart } from "../../src/migration/plan/resolved-policy";
import { aSystem } from "../support/systems";

const policy: Policy = {
  planningStart: "2018-01-01",
  deadlines: [{ date: "2018-12-31", sharePct: 100 }],
  cutoverWindows: { days: ["sat"], startTime: "22:00", hours: 8 },
  capacityPerWindow: { systems: 2, dataTb: 50 },
};
const estate = (systems: System[], overrides: Partial<Policy> = {}): Inventory => ({
  policy: { ...policy, ...overrides },
  departments: [{ id: "dept-a", name: "甲局", level: "district" }],
  rooms: [...new Set(systems.map((s) => s.serverRoom))].map((id) => ({ id, name: `${id}机房`, privateLines: [] })),
  systems,
});
const plan = (systems: System[], overrides: Partial<Policy> = {}) =>
  buildPlan({ inventory: estate(systems, overrides), dataset: "t" });
const big = (id: string, overrides: Partial<System> = {}) =>
  aSystem({ id, dataGb: 20_000, maxDowntimeHours: undefined, ...overrides });

describe("warm (online) copy when cold does not fit and the data allows it", () => {
  it("a database with replication is copied warm; its cutover is scheduled", () => {
    expect(warmAllowed(big("x", { database: "Oracle 11g" }), DEFAULT_RULES).allowed).toBe(true);
    expect(chooseCopyMode(big("x", { database: "Oracle 11g" }), "rehost", DEFAULT_RULES, 8)).toMatchObject({
      mode: "warm",
      blocker: null,
    });
    const p = plan([big("x", { database: "MySQL 5.6" })]).systems[0]!;
    expect([p.runbook?.copyMode, p.cutoverDate !== null, p.unscheduledReason]).toEqual(["warm", true, null]);
  });

  it("file data (no database) is synced online with rsync; not when the policy forbids it", () => {
    const files = big("f", {
      database: undefined,
      servers: [
        { role: "app", count: 1, cores: 4, memoryGb: 8, diskGb: 100 },
        { role: "file", count: 1, cores: 4, memoryGb: 8, diskGb: 30_000 },
      ],
    });
    expect(chooseCopyMode(files, "rehost", DEFAULT_RULES, 8).mode).toBe("warm");
    const strict = PlannerRulesSchema.parse({ cutover: { warmFiles: false } });
    expect(chooseCopyMode(files, "rehost", strict, 8)).toMatchObject({
      mode: "cold",
      blocker: { en: expect.stringContaining("warmFiles") },
    });
  });

  it(
    "a database whose engine cannot replicate (or is not recorded) stays cold and unscheduled, with the reason " +
      "and the fix",
    () => {
      const unknown = big("u", { database: undefined });
      expect(warmAllowed(unknown, DEFAULT_RULES).allowed).toBe(false);
      const p = plan([unknown, big("a", { database: "Access 2003" })]);
      for (const s of p.systems) {
        expect(s.cutoverDate).toBeNull();
        expect(s.unscheduledReason?.en).toMatch(
          /a cold copy needs [\d.]+ h inside the window and windows are 8 h; no online copy: .*\(fix: .*\)/,
        );
        expect(s.unscheduledReason?.zh).toContain("解决");
      }
    },
  );

  it("a large merge syncs online: the data is loaded before the window, the window takes the last delta", () => {
    const survivor = aSystem({ id: "big-oa", name: "协同办公系统", function: "公文流转与协同办公", users: 900 });
    const shadow = big("old-oa", {
      name: "协同办公系统（旧版）",
      function: "公文流转与协同办公",
      users: 10,
      database: "SQL Server 2008 R2",
    });
    const p = plan([survivor, { ...shadow, duplicates: ["big-oa"] }]);
    const merge = p.systems.find((s) => s.id === "old-oa")!;
    expect(merge.disposition).toBe("consolidate");
    expect(merge.runbook?.copyMode).toBe("warm");
    expect(
      merge.runbook?.steps.map((s) => [s.phase, s.inWindow]).filter(([phase]) => String(phase).includes("merge")),
    ).toEqual([
      ["online-merge", false],
      ["final-merge", true],
    ]);
    expect(merge.runbook!.fitsWindow).toBe(true);
    expect(merge.cutoverDate).not.toBeNull();
  });
});

describe("the schedule says why a unit has no window", () => {
  it("uses the unit's own reason and fix when it does not fit", () => {
    const why = { zh: "原因（解决：办法）", en: "because (fix: this)" };
    const result = schedule(
      [
        {
          id: "x",
          room: "r",
          complexity: 1,
          windowDataGb: 1,
          windowHours: 12,
          after: [],
          strictlyAfter: [],
          overWindowWhy: why,
        },
      ],
      {
        firstDay: "2018-01-15",
        days: ["sat"],
        startTime: "22:00",
        hours: 8,
        capacitySystems: 2,
        capacityDataGb: 1024,
        ordering: "easy-first",
        roomRank: new Map(),
      },
    );
    expect(result.unscheduled.get("x")).toEqual(why);
  });
});

describe("rooms first, only for rooms that can close", () => {
  const unit = (id: string, room: string, complexity: number, after: string[] = []) => ({
    id,
    room,
    complexity,
    after,
    strictlyAfter: [],
  });

  it("a room a retained system keeps open comes after rooms that can close, however little work it has", () => {
    const systems = [
      aSystem({
        id: "kept",
        serverRoom: "small",
        retain: { approvalRef: "周政字〔2018〕1号", reason: "专网", until: "2019-12-31" },
      }),
      aSystem({ id: "s1", serverRoom: "small" }),
      aSystem({ id: "b1", serverRoom: "large" }),
    ];
    const closable = closableRooms(
      estate(systems).rooms,
      systems,
      (id) => (id === "kept" ? "retain" : "rehost"),
      DEFAULT_RULES,
    );
    expect([...closable]).toEqual(["large"]);
    const { roomRank } = rankRooms([unit("s1", "small", 1), unit("b1", "large", 9)], ["small", "large"], closable);
    expect(roomRank.get("large")).toBeLessThan(roomRank.get("small")!);
  });

  it("counts the dependencies a room waits for in other rooms, and moves them with that room", () => {
    const units = [unit("a1", "A", 1, ["c1"]), unit("b1", "B", 3), unit("c1", "C", 5)];
    const { roomRank, unitRank } = rankRooms(units, ["A", "B", "C"], new Set(["A", "B", "C"]));
    // A's own work is 1 but it waits for c1 (5): 6 > B's 3, so B closes first.
    expect([...roomRank].sort((x, y) => x[1] - y[1]).map(([room]) => room)).toEqual(["B", "C", "A"]);
    const { unitRank: ranks } = rankRooms(units, ["A", "B", "C"], new Set(["A", "B"]));
    expect(ranks.get("c1")).toBe(ranks.get("a1"));
    expect(unitRank.get("c1")).toBe(roomRank.get("C"));
  });
});

describe("no work before the seeds' inventory and approval milestones (policy dates)", () => {
  it("cutovers start after approval plus preparation; retirements after approval plus notice", () => {
    const p = plan([
      aSystem({ id: "m" }),
      aSystem({
        id: "z",
        usageFrequency: "yearly",
        usageScope: "subunit",
        users: 0,
        omStatus: "stopped",
        lastUpdate: "2012-01-01",
        cpuAvgPct: 1,
        cpuPeakPct: 2,
      }),
    ]);
    expect(p.settings.workStart).toBe("2018-04-01");
    expect(p.settings.firstWindow >= "2018-04-15").toBe(true);
    expect(p.systems.find((s) => s.id === "m")!.cutoverDate! > "2018-03-31").toBe(true);
    const retired = p.systems.find((s) => s.id === "z")!;
    expect(retired.disposition).toBe("retire");
    expect(retired.cutoverDate).toBe("2018-05-01");
  });

  it(
    "the milestones are policy data: a dataset moves them, and a milestone before the planning start holds " +
      "nothing back",
    () => {
      expect(
        plan([aSystem({ id: "m" })], { milestones: { inventoryBy: "2018-01-15", planApprovedBy: "2018-02-28" } })
          .settings.workStart,
      ).toBe("2018-03-01");
      expect(
        workStart({
          planningStart: "2027-01-01",
          milestones: { inventoryBy: "2018-01-31", planApprovedBy: "2018-03-31" },
        }),
      ).toBe("2027-01-01");
    },
  );
});

describe("what stays unscheduled on generated cities", () => {
  it("at most 1 % of the moving systems, each with its reason and fix", async () => {
    const { generateEstate } = await import("../../src/migration/generate/estate");
    for (const [systems, seed] of [
      [900, 1],
      [900, 7],
      [400, 3],
    ] as const) {
      const p = buildPlan({ inventory: generateEstate({ systems, seed }), dataset: "city" });
      const moving = p.systems.filter((s) => ["rehost", "replatform", "consolidate"].includes(s.disposition));
      const unscheduled = moving.filter((s) => s.cutoverDate === null);
      expect(unscheduled.length / moving.length, `${systems} systems, seed ${seed}`).toBeLessThanOrEqual(0.01);
      for (const s of unscheduled) expect(s.unscheduledReason?.en, s.id).toMatch(/\(fix: .+\)/);
    }
  });
});
