/**
 * The cloud demand and its yearly cost: summed from the very targets the stacks create,
 * per department and in all, priced from policy.rules.prices (examples unless the dataset
 * sets its own, and the page says so).
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_RULES, PlannerRulesSchema } from "../../src/migration/inventory/planner-rules";
import { buildPlan } from "../../src/migration/plan/plan";
import { cloudDemand, systemDemand, yearlyCost } from "../../src/migration/plan/demand";
import { createContext } from "../../src/migration/plan/render/context";
import { renderDemand } from "../../src/migration/plan/render/demand";
import { zhoucunPlan } from "../render/support";

describe("cloud demand", async () => {
  const { inventory, plan } = await zhoucunPlan();

  it("sums each department's targets, and the departments make the total", () => {
    const rows = cloudDemand(plan.systems, DEFAULT_RULES.prices);
    const total = rows.at(-1)!;
    expect(total.department).toBeNull();
    const sum = (key: "vcpus" | "memoryGib" | "blockGib" | "replicatedGib" | "publicAddresses") =>
      rows.slice(0, -1).reduce((n, r) => n + r[key], 0);
    for (const key of ["vcpus", "memoryGib", "blockGib", "replicatedGib", "publicAddresses"] as const)
      expect(total[key]).toBeCloseTo(sum(key), 6);
    // Instances' vCPUs are what the Nova quota sizes, before its headroom.
    for (const q of plan.quotas) {
      const instances = plan.systems
        .filter((s) => s.tenant === q.department)
        .flatMap((s) => s.targets)
        .reduce((n, t) => n + (t.kind === "instance" ? t.vcpus : 0), 0);
      expect(q.vcpus).toBeGreaterThanOrEqual(instances);
      expect(rows.find((r) => r.department === q.department)!.vcpus).toBeGreaterThanOrEqual(instances);
    }
    expect(total.publicAddresses).toBe(
      plan.systems.flatMap((s) => s.targets).filter((t) => t.kind === "instance" && t.floatingIp).length,
    );
  });

  it("replicates a system's data once per copy when it is replicated in real time, and prices each unit", () => {
    const replicated = plan.systems.find((s) =>
      s.targets.some((t) => t.kind === "disasterRecovery" && t.mode === "replica"),
    )!;
    const d = systemDemand(replicated);
    expect(d.replicatedGib).toBeGreaterThan(0);
    const prices = PlannerRulesSchema.parse({
      prices: {
        vcpuYear: 1,
        memoryGibYear: 10,
        blockStorageGibYear: 100,
        replicatedStorageGibYear: 1000,
        publicAddressYear: 10000,
      },
    }).prices;
    expect(yearlyCost(d, prices)).toBeCloseTo(
      d.vcpus + 10 * d.memoryGib + 100 * d.blockGib + 1000 * d.replicatedGib + 10000 * d.publicAddresses,
      6,
    );
  });

  it("the page flags example prices, and uses the dataset's own when it sets them", () => {
    const page = new Map(renderDemand(createContext(plan, inventory, "en"))).get("cloud-demand.md")!;
    expect(page).toContain("these are the example prices, not a quotation");
    const priced = {
      ...inventory,
      policy: {
        ...inventory.policy!,
        rules: PlannerRulesSchema.parse({ ...inventory.policy!.rules, prices: { vcpuYear: 999 } }),
      },
    };
    const page2 = new Map(
      renderDemand(createContext(buildPlan({ inventory: priced, dataset: "zhoucun" }), priced, "en")),
    ).get("cloud-demand.md")!;
    expect(page2).not.toContain("example prices");
    expect(page2).toContain("| vCPUs | 999 |");
  });

  it("rejects an unknown price or a negative one, like the rest of the policy", () => {
    expect(() => PlannerRulesSchema.parse({ prices: { gpuYear: 1 } })).toThrow();
    expect(() => PlannerRulesSchema.parse({ prices: { vcpuYear: -1 } })).toThrow();
  });
});
