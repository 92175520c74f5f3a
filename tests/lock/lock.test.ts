/**
 * The plan lock's rules, one by one: slots, wave names, held dates, the file, its diff, wave states, wave selection.
 */
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/migration/inventory/diagnostics";
import { allocateSlots } from "../../src/migration/lock/allocate";
import { lockChanges } from "../../src/migration/lock/changes";
import { parseLock, renderLock } from "../../src/migration/lock/file";
import { emptyLock, type Lock } from "../../src/migration/lock/model";
import { refusedTransition } from "../../src/migration/lock/states";
import { heldDates, nameWaves, nextLetter, type HeldPlan } from "../../src/migration/plan/held";
import { schedule, type ScheduleUnit } from "../../src/migration/plan/schedule";
import type { Domain } from "../../src/migration/plan/types";
import { selectWaves } from "../../src/program/prepare";
import type { SlotZone } from "../../src/migration/lock/model";

const needs = (entries: Record<string, Partial<Record<Domain, SlotZone[]>>>) =>
  new Map(
    Object.entries(entries).map(([d, byDomain]) => [
      d,
      new Map(Object.entries(byDomain).map(([domain, zones]) => [domain as Domain, new Set(zones)])),
    ]),
  );

describe("address slots", () => {
  it("keep every slot held, give new needs the lowest free one, keep a departed department's slots reserved", () => {
    const previous = {
      b: { status: "active" as const, admin: { app: 0, data: 0 } },
      c: { status: "active" as const, admin: { app: 1, data: 1 } },
    };
    // a sorts first and is new; c left the inventory.
    const next = allocateSlots({
      previous,
      needs: needs({ a: { admin: ["app", "data"] }, b: { admin: ["app", "data"], public: ["dmz", "app", "data"] } }),
      present: new Set(["a", "b"]),
      reuseReleased: false,
    });
    expect(next).toEqual({
      a: { status: "active", admin: { app: 2, data: 2 } },
      b: { status: "active", admin: { app: 0, data: 0 }, public: { dmz: 0, app: 0, data: 0 } },
      c: { status: "released", admin: { app: 1, data: 1 } },
    });
  });

  it("give released slots to new needs only when asked, and a returning department its own", () => {
    const previous = { c: { status: "released" as const, admin: { app: 0, data: 0 } } };
    expect(
      allocateSlots({ previous, needs: needs({ a: { admin: ["app"] } }), present: new Set(["a"]), reuseReleased: true })
        .a,
    ).toEqual({ status: "active", admin: { app: 0 } });
    expect(
      allocateSlots({
        previous,
        needs: needs({ c: { admin: ["app", "data"] } }),
        present: new Set(["c"]),
        reuseReleased: false,
      }).c,
    ).toEqual({ status: "active", admin: { app: 0, data: 0 } });
  });
});

describe("wave names", () => {
  const unit = (id: string, after: string[] = []): ScheduleUnit => ({
    id,
    room: "r",
    complexity: 1,
    windowDataGb: 1,
    windowHours: 2,
    after,
    strictlyAfter: [],
  });
  const settings = {
    firstDay: "2018-01-01",
    days: ["sat" as const],
    startTime: "22:00",
    hours: 8,
    capacitySystems: 2,
    capacityDataGb: 1000,
    ordering: "easy-first" as const,
    roomRank: new Map(),
  };

  it("are the window's date and the first free letter", () => {
    expect(nextLetter("2018-03-10", new Set())).toBe("2018-03-10-a");
    expect(nextLetter("2018-03-10", new Set(["2018-03-10-a", "2018-03-10-b"]))).toBe("2018-03-10-c");
    expect(
      nextLetter("2018-03-10", new Set("abcdefghijklmnopqrstuvwxyz".split("").map((l) => `2018-03-10-${l}`))),
    ).toBe("2018-03-10-aa");
  });

  it("a new system never joins a deployed wave: it opens the date's next letter; a planned wave takes it in", () => {
    const held: HeldPlan = {
      systems: new Map([
        ["x", { disposition: "rehost", consolidateInto: null, wave: "2018-01-06-a", date: null, built: true }],
      ]),
      waves: new Map([["2018-01-06-a", "deployed"]]),
    };
    const units = [unit("x"), unit("y")];
    const on = heldDates(
      units,
      new Map(units.map((u) => [u.id, { disposition: "rehost", consolidateInto: null, reasons: [] }])),
      held,
      "2018-01-01",
    );
    const result = schedule(
      units.map((u) => (on.has(u.id) ? { ...u, fixedDate: on.get(u.id)! } : u)),
      settings,
    );
    expect(nameWaves(result.windows, held, on).map((w) => [w.id, w.state, w.units])).toEqual([
      ["2018-01-06-a", "deployed", ["x"]],
      ["2018-01-06-b", "planned", ["y"]],
    ]);
    const planned: HeldPlan = { ...held, waves: new Map([["2018-01-06-a", "planned"]]) };
    expect(nameWaves(result.windows, planned, on).map((w) => [w.id, w.units])).toEqual([["2018-01-06-a", ["x", "y"]]]);
  });

  it("held dates: a planned system is re-scheduled when it waits for a new one, a built one never", () => {
    const decided = new Map(
      ["a", "b", "n"].map((id) => [id, { disposition: "rehost" as const, consolidateInto: null, reasons: [] }]),
    );
    const held: HeldPlan = {
      systems: new Map([
        ["a", { disposition: "rehost", consolidateInto: null, wave: "2018-01-06-a", date: null, built: false }],
        ["b", { disposition: "rehost", consolidateInto: null, wave: "2018-01-06-a", date: null, built: true }],
      ]),
      waves: new Map([["2018-01-06-a", "deployed"]]),
    };
    const on = heldDates([unit("a", ["n"]), unit("b", ["n"]), unit("n")], decided, held, "2018-01-01");
    expect([...on]).toEqual([["b", "2018-01-06"]]);
    // A held date before the first window holds nobody back and takes no capacity.
    const later = schedule([{ ...unit("b"), fixedDate: "2018-01-06" }, unit("n", ["b"])], {
      ...settings,
      firstDay: "2018-02-01",
    });
    expect(later.windowOf.get("n")!.date).toBe("2018-02-03");
    expect(later.windowOf.get("b")!.date).toBe("2018-01-06");
  });

  it("fixed systems take their window's capacity first", () => {
    const result = schedule(
      [{ ...unit("p"), fixedDate: "2018-01-06" }, { ...unit("q"), fixedDate: "2018-01-06" }, unit("r")],
      settings,
    );
    expect(result.windowOf.get("r")!.date).toBe("2018-01-13");
  });
});

const sample: Lock = {
  ...emptyLock("town"),
  waves: { "2018-01-06-a": "deployed", "2018-01-13-a": "planned" },
  departments: { hrss: { status: "active", admin: { app: 0, data: 0 }, public: { dmz: 1, app: 0, data: 0 } } },
  systems: {
    "hrss-a": { department: "hrss", status: "active", disposition: "rehost", wave: "2018-01-06-a" },
    "hrss-b": { department: "hrss", status: "active", disposition: "retire", date: "2018-01-31" },
    "hrss-c": {
      department: "hrss",
      status: "active",
      disposition: "consolidate",
      wave: "2018-01-13-a",
      into: "hrss-a",
    },
  },
};

describe("the lock file", () => {
  it("reads back what it writes, byte for byte", () => {
    const text = renderLock(sample, "# yaml-language-server: $schema=./schema/plan-lock.schema.json");
    expect(text).toContain(
      "  hrss-c: { department: hrss, disposition: consolidate, wave: 2018-01-13-a, into: hrss-a }\n",
    );
    expect(parseLock(text, "town.lock.yaml")).toEqual({ lock: sample, diagnostics: [] });
    expect(
      renderLock(
        parseLock(text, "town.lock.yaml").lock!,
        "# yaml-language-server: $schema=./schema/plan-lock.schema.json",
      ),
    ).toBe(text);
  });

  it("reports every problem with line and field: a misspelt state, a wave not held, a shared slot", () => {
    const text = renderLock(sample, "# m")
      .replace("2018-01-13-a: planned", "2018-01-13-a: plannd")
      .replace("wave: 2018-01-06-a }", "wave: 2018-01-20-a }")
      .replace("  hrss:\n", "  other:\n    status: active\n    admin: { app: 0 }\n  hrss:\n");
    expect(parseLock(text, "town.lock.yaml").diagnostics.map(formatDiagnostic)).toEqual([
      'town.lock.yaml:9:3: waves.2018-01-13-a: "plannd" is not one of planned, deployed, done; ' +
        'did you mean "planned"? (fix: use one of planned, deployed, done)',
    ]);
    const consistent = text.replace("plannd", "planned");
    expect(parseLock(consistent, "town.lock.yaml").diagnostics.map(formatDiagnostic)).toEqual([
      "town.lock.yaml:16:14: departments.hrss.admin.app: slot 0 of the admin app zone is also other's (fix: " +
        "give one of them a free slot; never move a deployed department's)",
      "town.lock.yaml:19:52: systems.hrss-a.wave: wave 2018-01-20-a is not in waves (fix: " +
        "restore the wave, or run govcloud plan to write the lock again)",
    ]);
  });
});

describe("the lock's diff", () => {
  it("says what moved, one line each, and nothing when nothing did", () => {
    expect(lockChanges(sample, sample)).toEqual([]);
    const next: Lock = {
      ...sample,
      waves: { ...sample.waves, "2018-01-13-a": "planned", "2018-01-20-a": "planned" },
      departments: { ...sample.departments, aaa: { status: "active", admin: { app: 1, data: 1 } } },
      systems: {
        ...sample.systems,
        "hrss-c": { ...sample.systems["hrss-c"]!, wave: "2018-01-20-a" },
        "aaa-x": { department: "aaa", status: "active", disposition: "rehost", wave: "2018-01-20-a" },
      },
    };
    expect(lockChanges(sample, next)).toEqual([
      "+ wave 2018-01-20-a (planned)",
      "+ department aaa: admin app 1, data 1",
      "+ system aaa-x (aaa): rehost in wave 2018-01-20-a",
      "~ system hrss-c: consolidate into hrss-a in wave 2018-01-13-a → consolidate into hrss-a in wave 2018-01-20-a",
    ]);
  });
});

describe("wave states", () => {
  it("move forward one step; back only with --force", () => {
    expect(refusedTransition("planned", "deployed", false)).toBeUndefined();
    expect(refusedTransition("deployed", "done", false)).toBeUndefined();
    expect(refusedTransition("planned", "done", false)).toMatch(/a planned wave moves only to deployed/);
    expect(refusedTransition("done", "planned", false)).toMatch(/a done wave moves only to nothing/);
    expect(refusedTransition("done", "planned", true)).toBeUndefined();
  });
});

describe("the waves a stack deploys", () => {
  const plan = {
    waves: [
      { id: "2018-01-06-a", state: "done" },
      { id: "2018-01-13-a", state: "deployed" },
      { id: "2018-01-20-a", state: "planned" },
      { id: "2018-01-27-a", state: "planned" },
    ],
  } as never;
  it("deployed, deployed+next, all, none, a list", () => {
    expect([...selectWaves(plan, "deployed", false)]).toEqual(["2018-01-06-a", "2018-01-13-a"]);
    expect([...selectWaves(plan, "deployed+next", false)]).toEqual(["2018-01-06-a", "2018-01-13-a", "2018-01-20-a"]);
    expect(selectWaves(plan, "all", false).size).toBe(4);
    expect([...selectWaves(plan, ["2018-01-06-a", "2018-01-13-a", "2018-01-27-a"], false)]).toEqual([
      "2018-01-06-a",
      "2018-01-13-a",
      "2018-01-27-a",
    ]);
  });
  it("never leave out a built wave, except on a rehearsal stack; never name an unknown one", () => {
    expect(() => selectWaves(plan, "none", false)).toThrow(/govcloud:waves|leaves out 2018-01-06-a, 2018-01-13-a/);
    expect(selectWaves(plan, "none", true).size).toBe(0);
    expect(() => selectWaves(plan, ["2018-01-06-a", "2018-01-13-a", "2019-01-01-a"], false)).toThrow(
      /names 2019-01-01-a, which the plan lock does not hold/,
    );
  });
});
