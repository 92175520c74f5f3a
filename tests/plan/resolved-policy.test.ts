import { describe, expect, it } from "vitest";
import { PolicyOverrideError, resolvePolicy, SEED_POLICY } from "../../src/migration/plan/resolved-policy";

describe("policy", () => {
  it("a dataset without policy gets the seeds' Weifang schedule", () => {
    const policy = resolvePolicy(undefined);
    expect(policy).toBe(SEED_POLICY);
    expect(policy.deadlines.map((d) => [d.date, d.sharePct])).toEqual([
      ["2018-06-30", 70],
      ["2018-12-31", 100],
    ]);
  });

  it("flags override the start and the deadlines", () => {
    const policy = resolvePolicy(undefined, { start: "2027-01-04", deadlines: ["2027-06-30:70%", "2027-12-31:100%"] });
    expect(policy).toMatchObject({
      planningStart: "2027-01-04",
      source: "flags",
      deadlines: [
        { date: "2027-06-30", sharePct: 70 },
        { date: "2027-12-31", sharePct: 100 },
      ],
    });
  });

  it.each([
    [{ start: "2027-13-01" }, '--start "2027-13-01" is not a date written YYYY-MM-DD'],
    [{ deadlines: ["2027-06-30"] }, '--deadline "2027-06-30" is not DATE:SHARE, e.g. 2027-06-30:70%'],
    [{ deadlines: ["2017-06-30:70%"] }, "deadline 2017-06-30 is not after the planning start 2018-01-01"],
    [
      { deadlines: ["2018-12-31:100%", "2018-06-30:70%"] },
      "deadlines must rise in date and share: 2018-12-31:100% then 2018-06-30:70%",
    ],
    [{ deadlines: ["2018-06-30:120%"] }, '--deadline "2018-06-30:120%": the share must be above 0 and at most 100 %'],
    // Years past the plan's range: the day-by-day schedule would run for millennia (issue 17).
    [{ start: "9999-01-01" }, '--start "9999-01-01" is outside the years 1900–2100'],
    [{ deadlines: ["9999-06-30:70%"] }, '--deadline "9999-06-30:70%": the date is outside the years 1900–2100'],
  ])("refuses bad flags: %o", (overrides, message) => {
    expect(() => resolvePolicy(undefined, overrides)).toThrow(new PolicyOverrideError(message));
  });
});
