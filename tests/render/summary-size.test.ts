/**
 * The summary stays a summary at any size: each long list shows its first rows and its
 * count in summary.md and lives whole in lists/<id>.md and lists/<id>.csv, which the
 * summary links to. Checked on the sample and on a generated estate large enough to
 * have hundreds of late systems and blockers (a 100,000-system estate is checked by
 * hand: see the commit).
 */
import { describe, expect, it } from "vitest";
import { generateEstate } from "../../src/migration/generate/estate";
import { buildPlan } from "../../src/migration/plan/plan";
import { createContext } from "../../src/migration/plan/render/context";
import { plainText, SUMMARY_ROWS } from "../../src/migration/plan/render/lists";
import { renderSummary } from "../../src/migration/plan/render/summary";
import { linkTargets, zhoucunPlan } from "./support";

function rendered(plan: Parameters<typeof createContext>[0], inventory: Parameters<typeof createContext>[1]) {
  return new Map(renderSummary(createContext(plan, inventory, "zh")));
}

/** The body rows of each Markdown table of a document. */
function tables(markdown: string): string[][] {
  return markdown
    .split(/\n\n+/)
    .filter((block) => block.startsWith("| ") && block.split("\n")[1]?.startsWith("| ---"))
    .map((block) => block.trimEnd().split("\n").slice(2));
}

describe("summary.md and its lists", () => {
  it("on a generated estate: every summary table is short, every list file is linked and whole, under 100 KB", () => {
    const inventory = generateEstate({ systems: 3000, seed: 3 });
    const plan = buildPlan({ inventory, dataset: "city" });
    const files = rendered(plan, inventory);
    const summary = files.get("summary.md")!;
    expect(Buffer.byteLength(summary)).toBeLessThan(100 * 1024);
    // Ten rows a table at most, plus a total row; the basics table is a fixed set of items.
    for (const rows of tables(summary)) expect(rows.length).toBeLessThanOrEqual(Math.max(SUMMARY_ROWS + 1, 12));
    const lists = [...files.keys()].filter((f) => f.startsWith("lists/"));
    const linked = new Set(linkTargets("summary.md", summary));
    for (const file of lists) expect(linked, `${file} linked from the summary`).toContain(file);
    // The late systems: all of them in the list file and in its CSV, the summary saying how many.
    const late = plan.systems.filter((s) => s.losesFunding).length;
    expect(late).toBeGreaterThan(SUMMARY_ROWS);
    expect(summary).toContain(`共 ${late} 项，此处列出前 ${SUMMARY_ROWS} 项`);
    expect(tables(files.get("lists/losing-funding.md")!)[0]!.length).toBe(late + 1); // + the total
    const csv = files.get("lists/losing-funding.csv")!;
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.trimEnd().split("\r\n")).toHaveLength(late + 1); // + the header
    // Every blocker is in the blockers file; a room's cell in the summary names at most three.
    const blockers = plan.systems.reduce((n, s) => n + s.repoint.length, 0);
    expect(tables(files.get("lists/blockers.md")!)[0]!.length).toBe(blockers);
    for (const room of plan.rooms.filter((r) => r.blockers.length > 3))
      expect(summary).not.toContain(room.blockers[3]!.system + "）：");
    // Links inside the list files point back up to the reports.
    for (const target of linkTargets("lists/losing-funding.md", files.get("lists/losing-funding.md")!))
      expect(target).toMatch(/^runbooks\//);
  }, 60_000);

  it("on the sample: short lists are whole in the summary and still have their files", async () => {
    const { inventory, plan } = await zhoucunPlan();
    const files = rendered(plan, inventory);
    const summary = files.get("summary.md")!;
    const retained = plan.systems.filter((s) => s.disposition === "retain");
    for (const s of retained) expect(summary).toContain(`（${s.id}）`);
    expect(files.has("lists/retained.csv")).toBe(true);
    expect(files.has("lists/systems-by-disposition.md")).toBe(true);
  });

  it("CSV cells are the table's text without Markdown", () => {
    expect(plainText("[甲系统（s1）](../runbooks/s1.md)")).toBe("甲系统（s1）");
    expect(plainText("**合计**")).toBe("合计");
    expect(plainText("a\\|b \\[c\\]")).toBe("a|b [c]");
  });
});
