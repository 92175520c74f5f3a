/**
 * The schedule's rules at their edges: what a system waits for, how ranks and held dates
 * shape the order, when a window is too short or none is left, and the order of the result.
 * Windows are the Saturdays from 2018-01-20 on.
 */
import { describe, expect, it } from "vitest";
import { schedule } from "../../src/migration/plan/schedule";
import { dates, saturdays, unit } from "./schedule-support";

const settings = saturdays(1);

describe("what a system waits for", () => {
  it("a system that depends on two others waits for both, the harder one too", () => {
    const result = schedule([unit("x"), unit("y", { complexity: 9 }), unit("z", { after: ["x", "y"] })], settings);
    expect(dates(result)).toEqual({ x: "2018-01-20", y: "2018-01-27", z: "2018-02-03" });
  });

  it("a cycle whose members both call the same system still waits for everything either calls", () => {
    const result = schedule(
      [
        unit("x", { complexity: 5 }),
        unit("y", { complexity: 9 }),
        unit("a", { after: ["b", "x", "y"] }),
        unit("b", { after: ["a", "x"] }),
      ],
      settings,
    );
    expect(dates(result)).toEqual({ x: "2018-01-20", y: "2018-01-27", a: "2018-02-03", b: "2018-02-03" });
  });

  it("calling the same system twice does not make a system wait for a later window; shadowing it does", () => {
    const three = { ...settings, capacitySystems: 3 };
    const calls = schedule([unit("x"), unit("a", { after: ["b", "x"] }), unit("b", { after: ["a", "x"] })], three);
    expect(dates(calls)).toEqual({ x: "2018-01-20", a: "2018-01-20", b: "2018-01-20" });
    const shadows = schedule(
      [unit("x"), unit("a", { after: ["b", "x"] }), unit("b", { after: ["a"], strictlyAfter: ["x"] })],
      three,
    );
    expect(dates(shadows)).toEqual({ x: "2018-01-20", a: "2018-01-27", b: "2018-01-27" });
  });

  it("a dependency on a system that is not scheduled (it stays, or is retired) holds nothing back", () => {
    const result = schedule([unit("a", { after: ["retired"], strictlyAfter: ["kept"] })], settings);
    expect(dates(result)).toEqual({ a: "2018-01-20" });
    expect(result.unscheduled.size).toBe(0);
  });

  it("what waits on a system held in the plan's past is not held back, even strictly", () => {
    const result = schedule(
      [unit("moved", { fixedDate: "2018-01-06" }), unit("shadow", { strictlyAfter: ["moved"] })],
      settings,
    );
    expect(dates(result)).toEqual({ moved: "2018-01-06", shadow: "2018-01-20" });
  });
});

describe("ranks in rooms-first ordering", () => {
  const rooms = { ...settings, capacitySystems: 2, ordering: "rooms-first" as const };

  it("a cycle spanning rooms takes the best rank of its members", () => {
    const roomRank = new Map([
      ["A", 1],
      ["B", 2],
      ["C", 3],
    ]);
    const result = schedule(
      [
        unit("p", { room: "C", after: ["q"], complexity: 3 }),
        unit("q", { room: "A", after: ["p"], complexity: 3 }),
        unit("r", { room: "B" }),
      ],
      { ...rooms, roomRank },
    );
    expect(dates(result)).toEqual({ p: "2018-01-20", q: "2018-01-20", r: "2018-01-27" });
  });

  it("a room without a rank closes last; within one room the easier goes first", () => {
    const roomRank = new Map([["A", 1]]);
    const result = schedule(
      [
        unit("loose", { room: "unranked" }),
        unit("a-hard", { room: "A", complexity: 7 }),
        unit("a-easy", { room: "A", complexity: 2 }),
      ],
      { ...rooms, capacitySystems: 1, roomRank },
    );
    expect(dates(result)).toEqual({ "a-easy": "2018-01-20", "a-hard": "2018-01-27", loose: "2018-02-03" });
  });
});

describe("window length and the windows searched", () => {
  it("a cutover exactly as long as the window fits in it", () => {
    expect(dates(schedule([unit("a", { windowHours: 8 })], settings))).toEqual({ a: "2018-01-20" });
  });

  it("the reason of a cycle that cannot fit is its longest member's, whichever comes first", () => {
    const why = { zh: "太长", en: "too long" };
    for (const [s, t] of [
      [9, 3],
      [3, 9],
    ] as const) {
      const result = schedule(
        [
          unit("s", { after: ["t"], windowHours: s, ...(s > t ? { overWindowWhy: why } : {}) }),
          unit("t", { after: ["s"], windowHours: t, ...(t > s ? { overWindowWhy: why } : {}) }),
        ],
        settings,
      );
      expect(result.unscheduled.get("s")).toEqual(why);
    }
  });

  it("a system that finds no window within the windows searched says so, and what waits for it says why", () => {
    const result = schedule([unit("a"), unit("b"), unit("c", { complexity: 3 }), unit("d", { after: ["c"] })], {
      ...settings,
      maxWindows: 2,
    });
    expect(dates(result)).toEqual({ a: "2018-01-20", b: "2018-01-27" });
    expect(Object.fromEntries([...result.unscheduled].map(([id, why]) => [id, why.en]))).toEqual({
      c: "no window with capacity within 2 windows (fix: more capacity per window, or more windows)",
      d: "waits for c, which has no window (fix: find it a window first, as its own reason says)",
    });
  });
});

describe("held dates and capacity", () => {
  it("a held system's data counts against its window's data capacity", () => {
    const result = schedule(
      [unit("held", { fixedDate: "2018-01-20", windowDataGb: 1000 }), unit("big", { windowDataGb: 100 })],
      { ...settings, capacitySystems: 2 },
    );
    expect(dates(result)).toEqual({ held: "2018-01-20", big: "2018-01-27" });
  });

  it("a cycle moves on the latest of its members' held dates, whatever their order; one held member holds it", () => {
    for (const [x, y] of [
      ["2018-01-20", "2018-02-03"],
      ["2018-02-03", "2018-01-20"],
    ]) {
      const result = schedule(
        [unit("x", { fixedDate: x, after: ["y"] }), unit("y", { fixedDate: y, after: ["x"] })],
        settings,
      );
      expect(dates(result)).toEqual({ x: "2018-02-03", y: "2018-02-03" });
    }
    const one = schedule([unit("x", { after: ["y"] }), unit("y", { fixedDate: "2018-02-03", after: ["x"] })], settings);
    expect(dates(one)).toEqual({ x: "2018-02-03", y: "2018-02-03" });
  });

  it("a cycle held on several dates takes capacity only where it moves; its members' earlier dates stay free", () => {
    const result = schedule(
      [
        unit("x", { fixedDate: "2018-01-20", after: ["y"] }),
        unit("y", { fixedDate: "2018-02-03", after: ["x"] }),
        unit("z"),
      ],
      settings,
    );
    expect(dates(result)).toEqual({ x: "2018-02-03", y: "2018-02-03", z: "2018-01-20" });
  });

  it("a lone held system adds no note to its window", () => {
    const result = schedule([unit("held", { fixedDate: "2018-01-20" })], settings);
    expect(result.windows).toEqual([
      { window: expect.objectContaining({ date: "2018-01-20" }), units: ["held"], dataGb: 10, notes: [] },
    ]);
  });
});

describe("the result's order", () => {
  it("windows by date, held ones among them; units by id in each; unscheduled lists only what has no window", () => {
    const result = schedule(
      [
        unit("held", { fixedDate: "2018-01-27" }),
        unit("b-easy"),
        unit("a-hard", { complexity: 2 }),
        unit("z-long", { windowHours: 9 }),
      ],
      { ...settings, capacitySystems: 2 },
    );
    expect(result.windows.map((w) => [w.window.date, w.units])).toEqual([
      ["2018-01-20", ["a-hard", "b-easy"]],
      ["2018-01-27", ["held"]],
    ]);
    const early = schedule([unit("held", { fixedDate: "2018-01-20" }), unit("new")], settings);
    expect(early.windows.map((w) => [w.window.date, w.units])).toEqual([
      ["2018-01-20", ["held"]],
      ["2018-01-27", ["new"]],
    ]);
    expect([...result.unscheduled.keys()]).toEqual(["z-long"]);
  });
});
