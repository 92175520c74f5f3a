/** The small dev stack, and the preview and diff commands end to end (the built program). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { preview, PROJECT_ROOT } from "./support";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-preview-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("the dev stack", () => {
  it("builds only the systems of waves up to W003, with no violation", async () => {
    const result = await preview("dev");
    expect(result.violations).toEqual([]);
    const waves = new Set(result.resources.filter((r) => r.type.endsWith(":Instance")).map((r) => (r.inputs.metadata as Record<string, string>)["govcloud-wave"]));
    expect([...waves].sort().every((w) => w! <= "W003")).toBe(true);
  }, 120_000);
});

describe("govcloud preview and diff", () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(PROJECT_ROOT, "dist", "cli", "main.js"), ...args], { cwd: scratch, encoding: "utf8" });

  it("previews a stack offline, writes the JSON sorted by URN, and diffs two previews", () => {
    const zhoucun = cli("preview", "--stack", "zhoucun", "--json", "zhoucun.json", "--diagram", "zhoucun.svg");
    expect(zhoucun.status).toBe(0);
    expect(zhoucun.stdout).toMatch(/^stack zhoucun: \d+ resources would be created/);
    expect(zhoucun.stdout).toContain("policies: no violations");
    const written = JSON.parse(fs.readFileSync(path.join(scratch, "zhoucun.json"), "utf8"));
    expect(Object.keys(written)).toEqual(["stack", "resources", "violations"]);
    expect(Object.keys(written.resources[0])).toEqual(["urn", "type", "name", "parent", "inputs"]);
    const svg = fs.readFileSync(path.join(scratch, "zhoucun.svg"), "utf8");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    for (const text of ["统一互联网出口", "公共服务域", "行政服务域", "共享交换平台", "部门租户 department tenants (29)", "hrss"]) expect(svg).toContain(text);
    expect((svg.match(/<text /g) ?? []).length).toBe((svg.match(/<\/text>/g) ?? []).length);

    expect(cli("preview", "--stack", "dev", "--json", "dev.json").status).toBe(0);
    const diff = cli("diff", "dev.json", "zhoucun.json", "--markdown");
    expect(diff.status).toBe(0);
    expect(diff.stdout).toMatch(/^### Infrastructure preview: zhoucun\n\n\*\*\d+\*\* to add, \*\*\d+\*\* to change, \*\*\d+\*\* to remove\./);
  }, 120_000);

  it("answers bad usage with exit 2", () => {
    expect(cli("preview").stderr).toMatch(/^govcloud preview: --stack <name> is required \(stacks: dev, zhoucun\)/);
    expect(cli("preview", "--stack", "nope").status).toBe(2);
    expect(cli("diff", "a.json").stderr).toMatch(/diff takes two preview files/);
  });
});
