/** What the issue asks the sample plan to show. */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadInventory } from "../../src/migration/inventory/load";
import { buildPlan } from "../../src/migration/plan/plan";
import { DISPOSITIONS } from "../../src/migration/plan/types";

describe("the Zhoucun plan", async () => {
  const { inventory } = await loadInventory([path.resolve(__dirname, "..", "..", "inventories", "zhoucun")]);
  const plan = buildPlan({ inventory, dataset: "zhoucun" });
  const system = (id: string) => plan.systems.find((s) => s.id === id)!;

  it("uses every disposition", () => {
    expect(new Set(plan.systems.map((s) => s.disposition))).toEqual(new Set(DISPOSITIONS));
  });

  it("moves the dependency cycle together in one wave", () => {
    const cycle = ["housing-property-transaction", "land-estate-registration", "tax-property-levy"].map(system);
    expect(new Set(cycle.map((s) => s.wave)).size).toBe(1);
    expect(plan.waves.find((w) => w.id === cycle[0]!.wave)!.notes[0]).toEqual({
      zh: "housing-property-transaction、land-estate-registration、tax-property-levy：相互依赖（循环依赖），同批迁移",
      en:
        "housing-property-transaction, land-estate-registration, tax-property-levy: " +
        "a dependency cycle, moved together",
    });
  });

  it("consolidates shadows into their department's big system, after it", () => {
    const shadow = system("sc-parallel-approval");
    expect(shadow).toMatchObject({ disposition: "consolidate", consolidateInto: "sc-approval", targets: [] });
    expect(shadow.cutoverDate! > system("sc-approval").cutoverDate!).toBe(true);
    expect(shadow.runbook!.steps.map((s) => s.phase)).toContain("data-merge");
  });

  it("keeps the public-security room open for its retained system", () => {
    const room = plan.rooms.find((r) => r.id === "room-public-security")!;
    expect(room.closeDate).toBeNull();
    expect(room.blockers).toEqual([
      {
        system: "ps-video-surveillance",
        reason: {
          zh: "凭批文 周政办字〔2018〕23号 暂缓迁移，至 2019-06-30",
          en: "retained until 2019-06-30 by approval 周政办字〔2018〕23号",
        },
      },
    ]);
  });

  it("keeps the information centre's main room as the cloud's site", () => {
    expect(plan.rooms.find((r) => r.id === "room-info-centre")).toMatchObject({
      cloudSite: true,
      closeDate: null,
      blockers: [],
    });
  });

  it(
    "starts after the plan's approval (seed 000: end of March), so misses both deadlines, and says why and by " +
      "how much",
    () => {
      const [june, december] = plan.deadlines;
      expect(june).toMatchObject({ date: "2018-06-30", requiredShare: 0.7, met: false });
      expect(june!.shortBy).toBeGreaterThan(0);
      expect(june!.explanation?.zh).toMatch(
        /^割接能力不足：2018-06-30 前共 \d+ 个窗口 × 每窗口 2 个系统 = \d+ 个，而 70% 需要 \d+ 个；差 \d+ 个系统/,
      );
      expect(june!.explanation?.en).toMatch(
        /^capacity: \d+ windows × 2 cutovers = \d+ before 2018-06-30, but 70 % needs \d+; short by \d+ systems/,
      );
      expect(plan.settings).toMatchObject({ workStart: "2018-04-01", firstWindow: "2018-04-21" });
      // 37 Saturday windows from 2018-04-21 × 2 cutovers = 74 < 81: the fix it gives is 3 cutovers a window.
      expect(december).toMatchObject({ date: "2018-12-31", met: false, shortBy: 7 });
      expect(december!.explanation?.en).toBe(
        "capacity: 37 windows × 2 cutovers = 74 before 2018-12-31, but 100 % needs 81; short by 7 systems (fix: " +
          "at least 3 cutovers per window, or more windows a week)",
      );
    },
  );

  it("lists the classified systems apart, with no targets", () => {
    expect(plan.excluded).toEqual(["drc-mobilization", "office-confidential-docs"]);
  });

  it("sizes each department's quota from its targets", () => {
    const hrss = plan.quotas.find((q) => q.department === "hrss")!;
    const instances = plan.systems
      .filter((s) => s.tenant === "hrss")
      .flatMap((s) => s.targets)
      .filter((t) => t.kind === "instance");
    expect(hrss.instances).toBe(Math.ceil(instances.length * 1.2));
    expect(hrss.domains).toEqual(["admin", "public"]);
  });
});
