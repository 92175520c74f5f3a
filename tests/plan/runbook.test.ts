import { describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../../src/migration/inventory/planner-rules";
import { chooseCopyMode, transferHours } from "../../src/migration/plan/copy-mode";
import { buildRunbook, runbookWindowHours, type RunbookContext } from "../../src/migration/plan/runbook";
import { aSystem } from "../support/systems";

const context = (overrides: Partial<RunbookContext>): RunbookContext => {
  const system = overrides.system ?? aSystem({ id: "x" });
  const mode = chooseCopyMode(system, overrides.disposition ?? "rehost", DEFAULT_RULES, 8);
  return {
    system,
    disposition: "rehost",
    domain: "public",
    copyMode: mode.mode,
    fullCopyHours: mode.fullCopyHours,
    deltaHours: mode.deltaHours,
    rules: DEFAULT_RULES,
    windowHours: 8,
    survivor: null,
    stacks: ["zhoucun"],
    ...overrides,
  };
};

describe("copy mode", () => {
  it("copies at the link's effective rate", () => {
    expect(transferHours(270, DEFAULT_RULES)).toBe(1.02);
  });

  it("cold when everything fits the window and the allowed downtime; warm otherwise", () => {
    expect(chooseCopyMode(aSystem({ id: "a", dataGb: 50, maxDowntimeHours: 8 }), "rehost", DEFAULT_RULES, 8).mode).toBe(
      "cold",
    );
    expect(chooseCopyMode(aSystem({ id: "b", dataGb: 50, maxDowntimeHours: 1 }), "rehost", DEFAULT_RULES, 8).mode).toBe(
      "warm",
    );
    expect(
      chooseCopyMode(aSystem({ id: "c", dataGb: 5000, maxDowntimeHours: 48 }), "rehost", DEFAULT_RULES, 8).mode,
    ).toBe("warm");
  });
});

describe("itineraries", () => {
  const phases = (ctx: RunbookContext) => buildRunbook(ctx, "2018-03-01").steps.map((s) => s.phase);

  it("a warm cutover copies online first and syncs the delta in the window", () => {
    expect(phases(context({ system: aSystem({ id: "x", dataGb: 5000 }) }))).toEqual([
      "prepare",
      "full-copy",
      "verify-copy",
      "announce",
      "freeze",
      "final-sync",
      "verify",
      "switch-traffic",
      "smoke",
      "observe",
      "finalize",
    ]);
  });

  it("a cold cutover copies offline inside the window", () => {
    expect(phases(context({ system: aSystem({ id: "x", dataGb: 10 }) }))).toEqual([
      "prepare",
      "announce",
      "freeze",
      "offline-copy",
      "verify",
      "switch-traffic",
      "smoke",
      "observe",
      "finalize",
    ]);
  });

  it("switches public systems through the unified exit and admin systems through the exchange platform", () => {
    const step = (ctx: RunbookContext) =>
      buildRunbook(ctx, null).steps.find((s) => s.phase === "switch-traffic")!.detail.en;
    expect(step(context({ system: aSystem({ id: "p", publicFacing: true }), domain: "public" }))).toContain(
      "unified internet exit",
    );
    expect(step(context({ domain: "admin" }))).toContain("exchange platform");
  });

  it("a consolidation merges the data and redirects the users", () => {
    const runbook = buildRunbook(
      context({
        disposition: "consolidate",
        domain: "admin",
        survivor: { id: "big", name: "大系统", domain: "admin" },
      }),
      "2018-03-01",
    );
    expect(runbook.kind).toBe("consolidation");
    expect(runbook.steps.map((s) => s.phase)).toEqual([
      "map-data",
      "announce",
      "freeze",
      "data-merge",
      "verify",
      "redirect-users",
      "smoke",
      "observe",
      "finalize",
    ]);
    expect(runbook.steps.find((s) => s.phase === "data-merge")!.detail.en).not.toContain("exchange platform");
  });

  it("a merge across the two domains goes through the exchange platform", () => {
    const runbook = buildRunbook(
      context({
        disposition: "consolidate",
        domain: "admin",
        survivor: { id: "big", name: "大系统", domain: "public" },
      }),
      null,
    );
    expect(runbook.steps.find((s) => s.phase === "data-merge")!.detail.zh).toContain("经共享交换平台传输");
  });

  it("a retirement archives, announces, stops and reclaims, with no rollback", () => {
    const runbook = buildRunbook(context({ disposition: "retire", domain: null }), null);
    expect(runbook.steps.map((s) => s.phase)).toEqual(["archive", "announce", "stop", "reclaim"]);
    expect(runbook.rollback).toBeNull();
  });

  it("says when the in-window steps do not fit the window or the allowed downtime", () => {
    const runbook = buildRunbook(context({ system: aSystem({ id: "x", dataGb: 200000, maxDowntimeHours: 2 }) }), null);
    expect(runbook.fitsWindow).toBe(false);
    expect(runbook.fitsDowntime).toBe(false);
    expect(runbook.rollback?.owner.zh).toContain("信息中心");
  });
});

describe("window hours without the runbook", () => {
  it("are the runbook's own, for every itinerary, copy mode and amount of data", () => {
    const survivor = { id: "big", name: "大系统", domain: "admin" as const };
    for (const disposition of ["rehost", "replatform", "consolidate", "retire"] as const)
      for (const copyMode of ["cold", "warm"] as const)
        for (const dataGb of [0, 1, 37, 250, 4000]) {
          const ctx = context({
            system: aSystem({ id: "x", dataGb }),
            disposition,
            copyMode,
            fullCopyHours: dataGb / 265,
            deltaHours: dataGb / 26_500,
            survivor: disposition === "consolidate" ? survivor : null,
          });
          expect(runbookWindowHours(ctx)).toBe(buildRunbook(ctx, null).windowHours);
        }
  });
});
