import { describe, expect, it } from "vitest";
import { schedule } from "../../src/migration/plan/schedule";
import { dates, saturdays, unit } from "./schedule-support";

const settings = saturdays(2);

describe("waves", () => {
  it("fills Saturday-night windows, at most the capacity each, easiest first", () => {
    const result = schedule([unit("c", { complexity: 3 }), unit("a"), unit("b", { complexity: 2 })], settings);
    expect(dates(result)).toEqual({ a: "2018-01-20", b: "2018-01-20", c: "2018-01-27" });
    expect(result.windows[0]!.window).toMatchObject({ start: "2018-01-20T22:00", end: "2018-01-21T06:00" });
  });

  it("never moves a system before what it depends on; the same window is allowed", () => {
    const result = schedule([unit("easy", { after: ["hard"] }), unit("hard", { complexity: 9 })], settings);
    expect(dates(result)).toEqual({ easy: "2018-01-20", hard: "2018-01-20" });
    const crowded = schedule(
      [unit("x"), unit("y"), unit("easy", { after: ["hard"] }), unit("hard", { complexity: 9 })],
      { ...settings, capacitySystems: 1 },
    );
    expect(dates(crowded).easy! >= dates(crowded).hard!).toBe(true);
  });

  it("a shadow merges strictly after its survivor", () => {
    const result = schedule(
      [unit("shadow", { strictlyAfter: ["survivor"] }), unit("survivor", { complexity: 5 })],
      settings,
    );
    expect(dates(result)).toEqual({ survivor: "2018-01-20", shadow: "2018-01-27" });
  });

  it("moves a dependency cycle together, in a window of its own when it exceeds the capacity", () => {
    const cycle = [unit("p", { after: ["q"] }), unit("q", { after: ["r"] }), unit("r", { after: ["p"] })];
    const result = schedule([...cycle, unit("solo")], settings);
    const { p, q, r } = dates(result);
    expect(p).toBe(q);
    expect(q).toBe(r);
    const wave = result.windows.find((w) => w.units.includes("p"))!;
    expect(wave.units).toEqual(["p", "q", "r"]);
    expect(wave.notes.map((n) => n.en)).toEqual([
      "p, q, r: a dependency cycle, moved together",
      "p, q, r: exceeds the per-window capacity (2 systems, 1 TB): a dedicated window",
    ]);
    expect(wave.notes[1]!.zh).toBe("p、q、r：超出单个窗口能力（2 个系统、1 TB），单独占用一个窗口");
  });

  it("respects the data moved per window", () => {
    const result = schedule([unit("a", { windowDataGb: 800 }), unit("b", { windowDataGb: 800 })], settings);
    expect(dates(result)).toEqual({ a: "2018-01-20", b: "2018-01-27" });
  });

  it("rooms first: finishes one room before the next when ordering says so", () => {
    const units = [
      unit("a1", { room: "A", complexity: 5 }),
      unit("b1", { room: "B" }),
      unit("a2", { room: "A", complexity: 6 }),
    ];
    const roomsFirst = schedule(units, {
      ...settings,
      capacitySystems: 1,
      ordering: "rooms-first",
      roomRank: new Map([
        ["A", 0],
        ["B", 1],
      ]),
    });
    expect(roomsFirst.windows.map((w) => w.units[0])).toEqual(["a1", "a2", "b1"]);
    const easyFirst = schedule(units, { ...settings, capacitySystems: 1 });
    expect(easyFirst.windows.map((w) => w.units[0])).toEqual(["b1", "a1", "a2"]);
  });

  it("a cutover longer than any window gets no window, nor does what waits for it, and says why", () => {
    const result = schedule([unit("long", { windowHours: 12 }), unit("caller", { after: ["long"] })], settings);
    expect(result.windowOf.size).toBe(0);
    expect(result.unscheduled.get("long")?.en).toMatch(/^its cutover needs 12 h inside the window; windows are 8 h/);
    expect(result.unscheduled.get("caller")).toEqual({
      zh: "须等待 long，而其没有可用窗口（解决：先按其原因中的办法为其找到窗口）",
      en: "waits for long, which has no window (fix: find it a window first, as its own reason says)",
    });
  });
});

describe("held dates, the floor for new work, and the order of equals", () => {
  it("a held system keeps its date and takes that window's capacity; new work fills around it", () => {
    const result = schedule(
      [unit("held", { fixedDate: "2018-01-20" }), unit("held2", { fixedDate: "2018-01-20" }), unit("new")],
      settings,
    );
    expect(dates(result)).toEqual({ held: "2018-01-20", held2: "2018-01-20", new: "2018-01-27" });
    const wave = result.windows.find((w) => w.window.date === "2018-01-20")!;
    expect(wave).toMatchObject({ units: ["held", "held2"], dataGb: 20 });
  });

  it("a held date before the first window is in the past: it takes no capacity", () => {
    const result = schedule([unit("past", { fixedDate: "2018-01-06" }), unit("a"), unit("b")], settings);
    expect(dates(result)).toMatchObject({ a: "2018-01-20", b: "2018-01-20" });
  });

  it("a group held on several dates moves on the latest of them", () => {
    const result = schedule(
      [unit("x", { fixedDate: "2018-01-20", after: ["y"] }), unit("y", { fixedDate: "2018-02-03", after: ["x"] })],
      settings,
    );
    expect(dates(result)).toEqual({ x: "2018-02-03", y: "2018-02-03" });
  });

  it("new work starts no earlier than notBefore, when that is after the first window", () => {
    expect(dates(schedule([unit("a")], { ...settings, notBefore: "2018-02-01" }))).toEqual({ a: "2018-02-03" });
    expect(dates(schedule([unit("a")], { ...settings, notBefore: "2018-01-01" }))).toEqual({ a: "2018-01-20" });
  });

  it("rooms-first puts the better-ranked room first whatever the complexity; equals go by complexity, then id", () => {
    const units = [unit("b-hard", { room: "B", complexity: 9 }), unit("a-easy", { room: "A", complexity: 1 })];
    const one = { ...settings, capacitySystems: 1 };
    const roomRank = new Map([
      ["B", 0],
      ["A", 1],
    ]);
    expect(dates(schedule(units, { ...one, ordering: "rooms-first", roomRank }))).toEqual({
      "b-hard": "2018-01-20",
      "a-easy": "2018-01-27",
    });
    expect(dates(schedule(units, { ...one, ordering: "easy-first", roomRank }))).toEqual({
      "a-easy": "2018-01-20",
      "b-hard": "2018-01-27",
    });
    const ties = [unit("m", { complexity: 2 }), unit("k", { complexity: 2 })];
    expect(dates(schedule(ties, one))).toEqual({ k: "2018-01-20", m: "2018-01-27" });
  });

  it("a cycle moves as one, with a note; the longest member's reason says why it cannot fit", () => {
    const result = schedule([unit("p", { after: ["q"] }), unit("q", { after: ["p"] })], settings);
    expect(dates(result)).toEqual({ p: "2018-01-20", q: "2018-01-20" });
    expect(result.windows[0]!.notes.length).toBe(1);
    const why = { zh: "太长", en: "too long" };
    const blocked = schedule(
      [unit("s", { after: ["t"], windowHours: 9, overWindowWhy: why }), unit("t", { after: ["s"], windowHours: 3 })],
      settings,
    );
    expect(blocked.unscheduled.get("s")).toEqual(why);
    expect(blocked.unscheduled.get("t")).toEqual(why);
  });
});

describe("notes and capacity at the edges", () => {
  it("a held cycle is noted in its window like a free one; a lone system adds no note", () => {
    const result = schedule(
      [
        unit("p", { after: ["q"], fixedDate: "2018-01-20" }),
        unit("q", { after: ["p"], fixedDate: "2018-01-20" }),
        unit("r"),
      ],
      { ...settings, capacitySystems: 3 },
    );
    const wave = result.windows.find((w) => w.window.date === "2018-01-20")!;
    expect(wave.notes).toHaveLength(1);
    expect(wave.notes[0]!.en).toMatch(/p.*q/);
    const free = schedule([unit("p", { after: ["q"] }), unit("q", { after: ["p"] }), unit("r")], {
      ...settings,
      capacitySystems: 3,
    });
    expect(free.windows[0]!.notes).toHaveLength(1);
  });

  it(
    "a cycle larger than a window's capacity takes an empty window of its own, with a note; " +
      "data at the capacity fits",
    () => {
      const result = schedule(
        [
          unit("a"),
          unit("x", { after: ["y"], complexity: 5 }),
          unit("y", { after: ["z"] }),
          unit("z", { after: ["x"] }),
        ],
        settings,
      );
      expect(dates(result)).toEqual({ a: "2018-01-20", x: "2018-01-27", y: "2018-01-27", z: "2018-01-27" });
      expect(result.windows[1]!.notes.some((n) => /exceeds the per-window capacity/.test(n.en))).toBe(true);
      const full = schedule([unit("big", { windowDataGb: 1024 }), unit("small", { complexity: 2 })], settings);
      expect(dates(full)).toEqual({ big: "2018-01-20", small: "2018-01-27" });
      expect(full.windows[0]!.notes).toEqual([]);
      const over = schedule([unit("a"), unit("big", { windowDataGb: 1025, complexity: 3 })], settings);
      expect(dates(over)).toEqual({ a: "2018-01-20", big: "2018-01-27" });
    },
  );

  it("a group of two fits only where two places are left", () => {
    const result = schedule(
      [unit("a"), unit("p", { after: ["q"], complexity: 2 }), unit("q", { after: ["p"], complexity: 2 })],
      settings,
    );
    expect(dates(result)).toEqual({ a: "2018-01-20", p: "2018-01-27", q: "2018-01-27" });
  });
});
