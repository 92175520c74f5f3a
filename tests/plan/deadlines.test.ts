/**
 * The deadline rule (deadlines.ts): the share a deadline needs, what the plan reaches by its
 * day, and — when it is missed — which constraint stops it, with the numbers and the fix.
 */
import { describe, expect, it } from "vitest";
import { evaluateDeadlines, type DeadlineInput } from "../../src/migration/plan/deadlines";
import { SEED_POLICY, type ResolvedPolicy } from "../../src/migration/plan/resolved-policy";
import { WindowCalendar } from "../../src/migration/plan/windows";

const DEADLINE = "2018-06-30";
/** Saturday nights, 22:00 + 8 h: the windows of 2, 9, 16 and 23 June end by 30 June; 30 June's ends on 1 July. */
const saturdays = () => new WindowCalendar("2018-06-01", ["sat"], "22:00", 8);

function evaluate(
  input: Partial<Omit<DeadlineInput, "policy">> & { sharePct?: number; capacity?: ResolvedPolicy["capacity"] },
) {
  const policy: ResolvedPolicy = {
    ...SEED_POLICY,
    deadlines: [{ date: DEADLINE, sharePct: input.sharePct ?? 50 }],
    capacity: input.capacity ?? { systems: 10, dataTb: 100 },
  };
  const [result] = evaluateDeadlines({
    policy,
    doneDates: input.doneDates ?? [],
    calendar: input.calendar ?? saturdays(),
    unscheduled: input.unscheduled ?? 0,
    windowDataGb: input.windowDataGb ?? [],
    firstWindowDate: input.firstWindowDate ?? "2018-06-02",
  });
  return result!;
}

const none = (n: number) => Array<string | null>(n).fill(null);

describe("a deadline's share", () => {
  it("counts the systems done by the deadline's day, that day included", () => {
    const result = evaluate({ doneDates: ["2018-06-10", DEADLINE, "2018-07-01", null] });
    expect(result).toMatchObject({ requiredShare: 0.5, plannedShare: 0.5, met: true, shortBy: 0, explanation: null });
  });

  it("needs the share rounded up to whole systems, without float noise (70 % of 10 is 7)", () => {
    expect(evaluate({ sharePct: 70, doneDates: [...Array(7).fill("2018-06-10"), ...none(3)] }).met).toBe(true);
    expect(evaluate({ sharePct: 70, doneDates: [...Array(6).fill("2018-06-10"), ...none(3)] })).toMatchObject({
      met: false,
      shortBy: 1,
    });
    // 50 % of 3 is 1.5 systems: 2 are needed.
    expect(evaluate({ doneDates: ["2018-06-10", null, null] })).toMatchObject({ met: false, shortBy: 1 });
  });

  it("reports the planned share to four decimals, and an empty estate as complete", () => {
    expect(evaluate({ doneDates: ["2018-06-10", null, null] }).plannedShare).toBe(0.3333);
    expect(evaluate({ doneDates: [] })).toMatchObject({ plannedShare: 1, met: true, shortBy: 0 });
  });
});

describe("why a deadline is missed", () => {
  it("preparation: the first window comes after the deadline", () => {
    const result = evaluate({ doneDates: none(4), firstWindowDate: "2018-07-07" });
    expect(result.explanation?.en).toBe(
      `preparation: the first cutover window is 2018-07-07, after the deadline ` +
        `(planning start ${SEED_POLICY.planningStart} + ${SEED_POLICY.rules.cutover.prepareDays} days of ` +
        `preparation); short by 2 systems`,
    );
    expect(result.explanation?.zh).toContain("准备期");
  });

  it("capacity: too few windows × cutovers per window before the day, with the cutovers a window would need", () => {
    const result = evaluate({ doneDates: none(10), capacity: { systems: 1, dataTb: 100 } });
    expect(result.explanation?.en).toBe(
      "capacity: 4 windows × 1 cutovers = 4 before 2018-06-30, but 50 % needs 5; short by 5 systems (fix: " +
        "at least 2 cutovers per window, or more windows a week)",
    );
    expect(result.explanation?.zh).toContain("割接能力不足");
  });

  it("capacity counts a window that ends on the deadline's day", () => {
    // Daytime windows: 30 June's ends that afternoon, so 5 windows count.
    const days = new WindowCalendar("2018-06-01", ["sat"], "08:00", 8);
    const result = evaluate({ doneDates: none(12), calendar: days, capacity: { systems: 1, dataTb: 100 } });
    expect(result.explanation?.en).toMatch(
      /^capacity: 5 windows × 1 cutovers = 5 before 2018-06-30, but 50 % needs 6;/,
    );
  });

  it("capacity that exactly meets the need is not the reason", () => {
    const result = evaluate({ doneDates: none(8), capacity: { systems: 1, dataTb: 100 }, unscheduled: 1 });
    expect(result.explanation?.en).toBe("1 systems have no window (see their runbooks); short by 4 systems");
  });

  it("data: the lightest systems the share needs move more than the windows carry", () => {
    const result = evaluate({
      doneDates: none(6),
      capacity: { systems: 10, dataTb: 1 },
      windowDataGb: [9000, 2000, 1500, 1200, 8000, 7000],
    });
    expect(result.explanation?.en).toBe(
      "data: 4 windows × 1 TB = 4096 GB before 2018-06-30, but the 3 lightest systems move 4700 GB; " +
        "short by 3 systems (fix: raise the data per window, or warm migrations)",
    );
    expect(result.explanation?.zh).toContain("数据迁移能力不足");
  });

  it("data that exactly fills the windows is not the reason", () => {
    const result = evaluate({
      doneDates: none(2),
      capacity: { systems: 10, dataTb: 1 },
      windowDataGb: [4096, 9000],
    });
    expect(result.explanation?.en).toMatch(/^dependencies and shadow merges/);
  });

  it("unscheduled systems, when windows and data would allow the share", () => {
    const result = evaluate({ doneDates: none(4), unscheduled: 3 });
    expect(result.explanation?.en).toBe("3 systems have no window (see their runbooks); short by 2 systems");
    expect(result.explanation?.zh).toBe("3 个系统没有可用窗口（见其运行手册）；差 2 个系统");
  });

  it("otherwise the order that dependencies and shadow merges impose", () => {
    const result = evaluate({ doneDates: ["2018-06-09", ...none(3)] });
    expect(result.explanation?.en).toBe(
      "dependencies and shadow merges: systems wait for the systems they depend on, and shadows for their " +
        "survivors, which pushes 1 systems past 2018-06-30 (fix: " +
        "more cutovers per window, so that chains move sooner)",
    );
    expect(result.explanation?.zh).toContain("依赖与整合顺序");
  });

  it("answers each deadline of the policy in its order", () => {
    const policy: ResolvedPolicy = {
      ...SEED_POLICY,
      deadlines: [
        { date: "2018-06-16", sharePct: 25 },
        { date: DEADLINE, sharePct: 100 },
      ],
    };
    const results = evaluateDeadlines({
      policy,
      doneDates: ["2018-06-03", "2018-06-17", "2018-06-24", null],
      calendar: saturdays(),
      unscheduled: 1,
      windowDataGb: [],
      firstWindowDate: "2018-06-02",
    });
    expect(results.map((r) => [r.date, r.met, r.shortBy])).toEqual([
      ["2018-06-16", true, 0],
      [DEADLINE, false, 1],
    ]);
  });
});
