/**
 * No NaN, Infinity or invalid date reaches plan.json or a report: on generated estates,
 * and on policies set to the edges of what the schema admits (the bounds in model.ts and
 * planner-rules.ts exist so that this holds).
 */
import { describe, expect, it } from "vitest";
import { generateEstate } from "../../src/migration/generate/estate";
import { PolicySchema, type Inventory } from "../../src/migration/inventory/model";
import { buildPlan } from "../../src/migration/plan/plan";
import { renderPlanFiles, wholeText } from "../../src/migration/plan/render/files";

const NONSENSE = /\bNaN\b|Infinity|Invalid Date|NaN-NaN/;

/** Policies at the schema's edges, each checked by the schema first (what a user could write). */
const EXTREMES: Record<string, Record<string, unknown>> = {
  "longest preparation and observation": {
    rules: { cutover: { prepareDays: 3650, observationDays: 3650, retireNoticeDays: 3650 } },
  },
  "slowest link": { rules: { cutover: { linkMbps: 1e-9, linkEfficiencyPct: 0.001, dailyChangePct: 1000 } } },
  "smallest window": {
    cutoverWindows: { days: ["sun"], startTime: "23:59", hours: 1e-9 },
    capacityPerWindow: { systems: 1, dataTb: 1e-9 },
  },
  "largest window": { capacityPerWindow: { systems: 100_000, dataTb: 1_000_000 } },
  "largest headroom": {
    rules: { sizing: { cpuHeadroomPct: 1000, dataGrowthPct: 1000, quotaHeadroomPct: 1000, bootVolumeGb: 65_536 } },
  },
  "latest start": {
    planningStart: "2100-01-01",
    deadlines: [{ date: "2100-12-31", sharePct: 100 }],
    milestones: { inventoryBy: "2100-01-01", planApprovedBy: "2100-01-02" },
  },
  "earliest start": {
    planningStart: "1900-01-01",
    deadlines: [{ date: "1900-01-02", sharePct: 100 }],
    milestones: { inventoryBy: "1900-01-01", planApprovedBy: "1900-01-01" },
  },
};

/** Values past the edge: the schema refuses them (exit 2 at their line), so no plan is made of them. */
const REFUSED: Record<string, Record<string, unknown>> = {
  "no link efficiency (copies would take forever)": { rules: { cutover: { linkEfficiencyPct: 0 } } },
  "a preparation of 10^8 days": { rules: { cutover: { prepareDays: 1e8 } } },
  "year 10000": { planningStart: "10000-01-01" },
  "year 9999": { planningStart: "9999-01-01" },
  "an endless window": { cutoverWindows: { days: ["sat"], startTime: "22:00", hours: 1e9 } },
  "capacity of 10^300 TB": { capacityPerWindow: { systems: 2, dataTb: 1e300 } },
};

async function renderAll(inventory: Inventory): Promise<Map<string, string>> {
  const plan = buildPlan({ inventory, dataset: "extreme" });
  const files = await renderPlanFiles(plan, inventory, "en");
  const texts = new Map<string, string>();
  for (const [file, content] of files)
    if (!file.endsWith(".xlsx"))
      texts.set(file, content instanceof Uint8Array ? new TextDecoder().decode(content) : wholeText(content));
  return texts;
}

function nonsenseIn(texts: Map<string, string>): string[] {
  const found: string[] = [];
  for (const [file, text] of texts) {
    const match = NONSENSE.exec(text);
    if (match) found.push(`${file}: …${text.slice(Math.max(0, match.index - 80), match.index + 20)}…`);
  }
  return found;
}

describe("plan.json and the reports hold only finite numbers and real dates", () => {
  it("on generated estates of several seeds and sizes", async () => {
    for (const [seed, systems] of [
      [1, 30],
      [7, 120],
      [42, 300],
    ] as const) {
      expect(nonsenseIn(await renderAll(generateEstate({ systems, seed }))), `seed ${seed}`).toEqual([]);
    }
  });

  it("past the edges, the schema refuses the policy", () => {
    const estate = generateEstate({ systems: 5, seed: 3 });
    for (const [name, change] of Object.entries(REFUSED)) {
      const rules = { ...estate.policy?.rules, ...(change.rules as object | undefined) };
      expect(PolicySchema.safeParse({ ...estate.policy, ...change, rules }).success, name).toBe(false);
    }
  });

  for (const [name, change] of Object.entries(EXTREMES)) {
    it(`on a policy at the schema's edge: ${name}`, async () => {
      const estate = generateEstate({ systems: 60, seed: 3 });
      const policy = PolicySchema.parse({
        ...estate.policy,
        ...change,
        rules: { ...estate.policy?.rules, ...(change.rules as object | undefined) },
      });
      expect(nonsenseIn(await renderAll({ ...estate, policy })), name).toEqual([]);
    });
  }
});
