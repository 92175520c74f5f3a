/** Plans at the edges: nothing to move, or a single system; the reports still render sensibly. */
import { describe, expect, it } from "vitest";
import type { Inventory } from "../../src/migration/inventory/model";
import { buildPlan } from "../../src/migration/plan/plan";
import { renderPlanFiles, wholeText, type FileContent } from "../../src/migration/plan/render/files";
import { text, zhoucunInventory } from "./support";

async function subset(
  keep: (id: string, disposition: string) => boolean,
): Promise<{ inventory: Inventory; files: Map<string, FileContent>; en: Map<string, FileContent> }> {
  const base = await zhoucunInventory();
  const full = buildPlan({ inventory: base, dataset: "zhoucun" });
  const ids = new Set(full.systems.filter((s) => keep(s.id, s.disposition)).map((s) => s.id));
  const systems = base.systems
    .filter((s) => ids.has(s.id))
    .map((s) => ({
      ...s,
      dependsOn: s.dependsOn.filter((d) => ids.has(d)),
      duplicates: s.duplicates.filter((d) => ids.has(d)),
    }));
  const inventory: Inventory = { ...base, systems };
  const plan = buildPlan({ inventory, dataset: "edge" });
  return {
    inventory,
    files: await renderPlanFiles(plan, inventory, "zh"),
    en: await renderPlanFiles(plan, inventory, "en"),
  };
}

function clean(files: Map<string, FileContent>): void {
  for (const [file, content] of files) {
    if (!(content instanceof Uint8Array) && file !== "plan.json")
      expect(wholeText(content), file).not.toMatch(/undefined|NaN|Infinity|\[object Object\]/);
  }
}

describe("edge plans", () => {
  it("renders a plan where nothing moves (only classified systems)", async () => {
    const { files, en } = await subset((_, d) => d === "exclude");
    clean(files);
    clean(en);
    expect(text(files, "summary.md")).toContain("没有安排割接批次");
    expect(text(en, "summary.md")).toContain("No waves are scheduled");
    expect([...files.keys()].some((f) => f.startsWith("runbooks/"))).toBe(false);
    expect(text(files, "migration-table.csv").split("\r\n").filter(Boolean)).toHaveLength(1);
  });

  it("renders a plan with a single cloud-bound system", async () => {
    let picked: string | undefined;
    const { files } = await subset((id, d) => {
      if (picked === undefined && (d === "rehost" || d === "replatform")) picked = id;
      return id === picked;
    });
    clean(files);
    expect(files.has(`runbooks/${picked}.md`)).toBe(true);
    expect(text(files, "charts/progress.svg")).toContain("<polyline");
  });
});
