/**
 * The room rules (rooms.ts): which rooms can close, when (the last cutover plus the
 * observation period), what keeps a room open, the steps to close it, and what it saves.
 */
import { describe, expect, it } from "vitest";
import type { Room, System } from "../../src/migration/inventory/model";
import { DEFAULT_RULES, type PlannerRules } from "../../src/migration/inventory/planner-rules";
import { closableRooms, planRoom, rankRooms, type RoomInput } from "../../src/migration/plan/rooms";
import type { Disposition } from "../../src/migration/plan/types";
import { aSystem } from "../support/systems";

const OBSERVE = DEFAULT_RULES.cutover.observationDays;
const LIMIT = DEFAULT_RULES.decommission.reclaimMaxHardwareAgeYears;
const room = (overrides: Partial<Room> = {}): Room => ({
  id: "room-a",
  name: "甲机房",
  privateLines: [],
  ...overrides,
});

type Entry = RoomInput["systems"][number];
const entry = (
  id: string,
  disposition: Disposition,
  date: string | null,
  more: Partial<Omit<Entry, "system">> & { system?: Partial<System> } = {},
): Entry => ({
  system: aSystem({ id, ...more.system }),
  disposition,
  date,
  unscheduledWhy: more.unscheduledWhy ?? null,
  losesFunding: more.losesFunding ?? false,
});

function plan(systems: Entry[], options: { room?: Partial<Room>; rules?: PlannerRules } = {}) {
  return planRoom({
    room: room(options.room),
    systems,
    rules: options.rules ?? DEFAULT_RULES,
    planningStart: "2018-01-01",
  });
}
const step = (result: ReturnType<typeof plan>, name: string) => result.steps.find((s) => s.step === name);
const siteRules = (...rooms: string[]): PlannerRules => ({
  ...DEFAULT_RULES,
  decommission: { ...DEFAULT_RULES.decommission, cloudSiteRooms: rooms },
});

describe("when a room closes", () => {
  it("after its last cutover and the observation period; a retirement needs no observation", () => {
    const result = plan([entry("a", "rehost", "2018-05-01"), entry("b", "retire", "2018-07-01")]);
    const observed = new Date(Date.parse("2018-05-01T00:00:00Z") + OBSERVE * 86_400_000).toISOString().slice(0, 10);
    expect(result.closeDate).toBe(observed > "2018-07-01" ? observed : "2018-07-01");
    const moved = plan([entry("a", "rehost", "2018-05-01")]);
    expect(moved.closeDate).toBe(observed);
    expect(plan([entry("b", "retire", "2018-05-01")]).closeDate).toBe("2018-05-01");
  });

  it("an empty room closes on the first day of the plan", () => {
    expect(plan([]).closeDate).toBe("2018-01-01");
  });

  it.each([
    [
      "retain",
      null,
      { system: { retain: { approvalRef: "周政办字〔2018〕23号", until: "2019-06-30" } } },
      /retained until 2019-06-30 by approval 周政办字〔2018〕23号/,
    ],
    ["exclude", null, {}, /^classified: must first move to the classified intranet/],
    [
      "rehost",
      null,
      { unscheduledWhy: { zh: "窗口不足", en: "no window long enough" } },
      /^not scheduled: no window long enough$/,
    ],
    ["rehost", null, {}, /^not scheduled: no date$/],
  ] as const)("stays open while a system is %s (date %s)", (disposition, date, more, reason) => {
    const result = plan([entry("k", disposition, date, more), entry("a", "rehost", "2018-05-01")]);
    expect(result.closeDate).toBeNull();
    expect(result.blockers).toEqual([
      { system: "k", reason: expect.objectContaining({ en: expect.stringMatching(reason) }) },
    ]);
    expect(step(result, "keep-running")?.detail.en).toMatch(/^k still run here/);
    expect(step(result, "private-lines")).toBeUndefined();
  });

  it("a retained system without an expiry says so", () => {
    const result = plan([entry("k", "retain", null, { system: { retain: { approvalRef: "X号" } } })]);
    expect(result.blockers[0]!.reason).toEqual({ zh: "凭批文 X号 暂缓迁移", en: "retained by approval X号" });
  });

  it("the cloud's own site never closes, whatever it holds, and lists no blockers", () => {
    const result = plan([entry("k", "exclude", null), entry("a", "rehost", "2018-05-01")], {
      rules: siteRules("room-a"),
    });
    expect(result).toMatchObject({ cloudSite: true, closeDate: null, blockers: [] });
    expect(step(result, "keep-site")).toBeDefined();
    expect(step(result, "keep-running")).toBeUndefined();
  });
});

describe("closing steps and money", () => {
  it("withdraws the room's private lines, named with carrier and bandwidth, then powers down", () => {
    const result = plan([entry("a", "rehost", "2018-05-01")], {
      room: {
        privateLines: [
          { name: "政务专线", carrier: "联通", bandwidthMbps: 100 },
          { name: "视频专线" },
        ] as Room["privateLines"],
      },
    });
    expect(step(result, "private-lines")?.detail.en).toBe("withdraw: 政务专线 (联通, 100 Mbps); 视频专线");
    expect(step(result, "private-lines")?.detail.zh).toBe("撤销：政务专线（联通，100 Mbps）、视频专线");
    expect(step(result, "power-cooling")).toBeDefined();
    expect(plan([])).toMatchObject({
      steps: expect.arrayContaining([
        expect.objectContaining({
          step: "private-lines",
          detail: { zh: "无业务专线", en: "no private lines end here" },
        }),
      ]),
    });
  });

  it("counts the servers of the systems leaving the room, not of those that stay", () => {
    const result = plan([
      entry("a", "rehost", "2018-05-01"),
      entry("k", "retain", null, { system: { retain: { approvalRef: "X号", until: "2019-01-01" } } }),
    ]);
    expect(step(result, "archive-wipe")?.detail.en).toBe("archive, then securely wipe the storage of 3 servers: a (3)");
    expect(plan([]).steps[0]!.detail.en).toBe("archive, then securely wipe the storage of 0 servers: none");
  });

  it("reclaims hardware younger than the limit, scraps it at the limit, assesses it when its age is unknown", () => {
    const hardware = (age: number | undefined) =>
      step(plan([entry("a", "rehost", "2018-05-01")], { room: { hardwareAgeYears: age } }), "hardware")!.detail.en;
    expect(hardware(LIMIT - 1)).toBe(
      `hardware ${LIMIT - 1} years old on average (under ${LIMIT}): reclaim the 3 servers into the pool`,
    );
    expect(hardware(LIMIT)).toBe(`hardware ${LIMIT} years old on average (${LIMIT} or more): scrap the 3 servers`);
    expect(hardware(undefined)).toMatch(/^hardware age not recorded/);
  });

  it("saves the O&M of the systems that stop (retired, merged), not of those that move", () => {
    const result = plan([
      entry("r", "retire", "2018-03-01", { system: { omCost10kCny: 12.345 } }),
      entry("c", "consolidate", "2018-04-01", { system: { omCost10kCny: 3 } }),
      entry("m", "rehost", "2018-05-01", { system: { omCost10kCny: 50 } }),
      entry("n", "retire", "2018-03-01", { system: { omCost10kCny: undefined } }),
    ]);
    expect(result.omCostSaved10kCny).toBe(15.35);
    expect(step(result, "contracts-funding")?.detail.en).toBe(
      "end the O&M contracts of r, c, n (about 15.35 × 10,000 CNY a year); " +
        "systems that move keep their O&M, and its funding, on the cloud",
    );
  });

  it("names the systems that lose their O&M funding, and says when nothing stops", () => {
    const result = plan([entry("m", "rehost", "2018-05-01", { losesFunding: true })]);
    expect(step(result, "contracts-funding")?.detail.en).toBe(
      "no system of this room stops, so no O&M contract ends; " +
        "systems that move keep their O&M, and its funding, on the cloud; " +
        "m should have moved by the last deadline and will not have: no O&M funding from next year (seeds 002–004)",
    );
  });

  it("lists the room's systems by id, with their dispositions and dates", () => {
    const result = plan([entry("b", "rehost", "2018-05-01"), entry("a", "retire", "2018-03-01")]);
    expect(result.systems).toEqual([
      { id: "a", disposition: "retire", date: "2018-03-01" },
      { id: "b", disposition: "rehost", date: "2018-05-01" },
    ]);
    expect(result).toMatchObject({ id: "room-a", name: "甲机房", department: null });
  });
});

describe("which rooms can close, and in what order", () => {
  const rooms = ["a", "b", "c", "d"].map((id) => room({ id, name: id }));
  const systems = [
    aSystem({ id: "s1", serverRoom: "a" }),
    aSystem({ id: "s2", serverRoom: "b" }),
    aSystem({ id: "s3", serverRoom: "c" }),
  ];
  const dispositions: Record<string, Disposition> = { s1: "rehost", s2: "retain", s3: "exclude" };

  it("not the cloud's site, nor a room holding a retained or classified system", () => {
    expect([...closableRooms(rooms, systems, (id) => dispositions[id]!, siteRules("d"))]).toEqual(["a"]);
    expect([...closableRooms(rooms, systems, () => "retire", DEFAULT_RULES)]).toEqual(["a", "b", "c", "d"]);
  });

  const unit = (
    id: string,
    roomId: string,
    complexity: number,
    after: string[] = [],
    strictlyAfter: string[] = [],
  ) => ({
    id,
    room: roomId,
    complexity,
    after,
    strictlyAfter,
  });

  it("closable rooms first, the least work first, ties by name", () => {
    const units = [unit("x", "a", 5), unit("y", "b", 2), unit("z", "c", 2), unit("w", "d", 1)];
    const { roomRank, unitRank } = rankRooms(units, ["a", "b", "c", "d"], new Set(["a", "b", "c"]));
    expect([...roomRank.entries()]).toEqual([
      ["b", 0],
      ["c", 1],
      ["a", 2],
      ["d", 3],
    ]);
    expect(unitRank.get("x")).toBe(2);
  });

  it("a room's work counts what its systems wait for, in any room, after or strictly after", () => {
    const units = [unit("a1", "a", 1, ["b1"]), unit("b1", "b", 3), unit("c1", "c", 2, [], ["b1"])];
    const { roomRank, unitRank } = rankRooms(units, ["a", "b", "c"], new Set(["a", "b", "c"]));
    // a: 1 + 3 = 4; b: 3; c: 2 + 3 = 5.
    expect([...roomRank.keys()]).toEqual(["b", "a", "c"]);
    expect(unitRank.get("b1")).toBe(0);
    expect(unitRank.get("a1")).toBe(1);
  });

  it("a room with no units ranks among the closable ones by zero work", () => {
    const { roomRank } = rankRooms([unit("x", "a", 1)], ["a", "empty"], new Set(["a", "empty"]));
    expect(roomRank.get("empty")).toBe(0);
  });
});
