/**
 * The milestones the seeds set beside the migration, dated from the plan's waves: the
 * unified internet exit before the first public-service cutover, each department on the
 * extranet before its first cutover, its private lines withdrawn after the last system on
 * them has gone (never while one stays), each room's closing; seed due dates only after
 * the planning start.
 */
import { describe, expect, it } from "vitest";
import { addDays } from "../../src/migration/plan/windows";
import { MILESTONE_SEEDS, planMilestones } from "../../src/migration/plan/milestones";
import { CLOUD_BOUND } from "../../src/migration/plan/types";
import { zhoucunPlan } from "../render/support";

describe("milestones", async () => {
  const { inventory, plan } = await zhoucunPlan();
  const onPrivateLine = (id: string) => inventory.systems.find((s) => s.id === id)?.hostingNetwork === "private";
  const cloud = plan.systems.filter((s) => CLOUD_BOUND.includes(s.disposition) && s.cutoverDate);

  it("the internet exit is in service the day before the first public-service system moves, due 2018-06-30", () => {
    const exit = plan.milestones.filter((m) => m.kind === "internet-exit");
    expect(exit).toHaveLength(1);
    const first = cloud
      .filter((s) => s.domain === "public")
      .map((s) => s.cutoverDate!)
      .sort()[0]!;
    expect(exit[0]).toMatchObject({
      date: addDays(first, -1),
      due: "2018-06-30",
      met: addDays(first, -1) <= "2018-06-30",
    });
  });

  it("each department joins the extranet the day before its first cutover", () => {
    for (const m of plan.milestones.filter((x) => x.kind === "extranet")) {
      const first = cloud
        .filter((s) => s.department === m.subject)
        .map((s) => s.cutoverDate!)
        .sort()[0]!;
      expect(m.date).toBe(addDays(first, -1));
    }
  });

  it("a department's private lines go after the last system on them, and stay while one stays", () => {
    const lines = plan.milestones.filter((m) => m.kind === "private-lines");
    expect(lines.length).toBeGreaterThan(0);
    for (const m of lines) {
      const on = plan.systems.filter((s) => s.department === m.subject && onPrivateLine(s.id));
      expect(on.length).toBeGreaterThan(0);
      const staying = on.filter(
        (s) => s.cutoverDate === null || s.disposition === "retain" || s.disposition === "exclude",
      );
      expect(m.blockers).toEqual(staying.map((s) => s.id));
      if (staying.length) expect(m.date).toBeNull();
      else
        expect(m.date).toBe(
          on
            .map((s) => s.cutoverDate!)
            .sort()
            .at(-1),
        );
      expect(m.due).toBe(MILESTONE_SEEDS.privateLines.date);
    }
    // The sample keeps some lines: a retained system on a private network.
    expect(lines.some((m) => m.date === null && m.blockers.length > 0)).toBe(true);
  });

  it("each room but the cloud's site closes on its close date, due three years from the start", () => {
    const rooms = plan.milestones.filter((m) => m.kind === "room");
    expect(rooms.map((m) => m.subject)).toEqual(
      plan.rooms
        .filter((r) => !r.cloudSite)
        .map((r) => r.id)
        .sort(),
    );
    for (const m of rooms) {
      expect(m.date).toBe(plan.rooms.find((r) => r.id === m.subject)!.closeDate);
      expect(m.due).toBe("2021-01-01");
    }
  });

  it("a seed's date is no due date for a plan that starts after it", () => {
    const later = planMilestones({
      planningStart: "2019-01-01",
      systems: plan.systems,
      rooms: plan.rooms,
      onPrivateLine,
    });
    for (const m of later.filter((x) => x.kind === "internet-exit" || x.kind === "private-lines")) {
      expect(m.due).toBeNull();
      expect(m.met).toBeNull();
    }
  });
});
