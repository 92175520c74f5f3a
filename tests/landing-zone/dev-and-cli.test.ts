/** The small dev stack, and the preview and diff commands end to end (in-process: cli.test.ts runs the binary). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { readLockFile } from "../../src/migration/lock/disk";
import { readStackFile } from "../../src/preview/preview";
import { runCli } from "../support/cli";
import { preview, PROJECT_ROOT, tag } from "./support";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-preview-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("the dev stack", () => {
  it("builds only the systems of its waves, with no violation", async () => {
    const result = await preview("dev");
    expect(result.violations).toEqual([]);
    // Instances carry no wave (a deployed instance must not change when waves do): the lock holds each system's.
    const stack = await readStackFile(PROJECT_ROOT, "dev");
    const lock = readLockFile(
      [path.join(PROJECT_ROOT, stack.config["govcloud:inventory"]!)],
      undefined,
      PROJECT_ROOT,
    ).lock!;
    const waves = new Set(
      result.resources.filter((r) => r.type.endsWith(":Instance")).map((r) => lock.systems[tag(r, "system")!]?.wave),
    );
    expect(waves.size).toBeGreaterThan(0);
    expect([...waves].every((w) => (JSON.parse(stack.config["govcloud:waves"]!) as string[]).includes(w!))).toBe(true);
    // Sized to the stack's own flavour catalogue.
    const flavours = new Set(
      result.resources.filter((r) => r.type.endsWith(":Instance")).map((r) => r.inputs.flavorName),
    );
    expect(flavours.size).toBeGreaterThan(0);
    for (const flavour of flavours) expect(String(flavour)).toMatch(/^s6\.(large|xlarge|2xlarge|4xlarge)\.[24]$/);
  }, 120_000);
});

describe("govcloud preview and diff", () => {
  const cli = async (...args: string[]) => {
    const { code, out, err } = await runCli(scratch, args);
    return { status: code, stdout: out, stderr: err };
  };

  it("previews a stack offline, writes the JSON sorted by URN, and diffs two previews", async () => {
    const zhoucun = await cli("preview", "--stack", "zhoucun", "--json", "zhoucun.json", "--diagram", "zhoucun.svg");
    expect(zhoucun.status).toBe(0);
    expect(zhoucun.stdout).toMatch(/^stack zhoucun: \d+ resources would be created/);
    expect(zhoucun.stdout).toContain("network rules: no violations");
    const written = JSON.parse(fs.readFileSync(path.join(scratch, "zhoucun.json"), "utf8"));
    expect(Object.keys(written)).toEqual(["stack", "resources", "violations"]);
    expect(Object.keys(written.resources[0])).toEqual(["urn", "type", "name", "parent", "inputs"]);
    const svg = fs.readFileSync(path.join(scratch, "zhoucun.svg"), "utf8");
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    for (const text of [
      "统一互联网出口",
      "公共服务域",
      "行政服务域",
      "共享交换平台",
      "部门租户 department tenants (29)",
      "hrss",
    ])
      expect(svg).toContain(text);
    expect((svg.match(/<text /g) ?? []).length).toBe((svg.match(/<\/text>/g) ?? []).length);
    // A real renderer (Debian's librsvg2-bin, as .ci/run installs it) draws the diagram, so a broken SVG fails here.
    if (spawnSync("rsvg-convert", ["--version"]).status === 0) {
      const png = spawnSync(
        "rsvg-convert",
        ["-o", path.join(scratch, "zhoucun.png"), path.join(scratch, "zhoucun.svg")],
        {
          encoding: "utf8",
        },
      );
      expect(png.status, png.stderr).toBe(0);
      expect(fs.readFileSync(path.join(scratch, "zhoucun.png")).subarray(1, 4).toString("latin1")).toBe("PNG");
    }

    expect((await cli("preview", "--stack", "dev", "--json", "dev.json")).status).toBe(0);
    // Two different stacks: the diff deletes and replaces, so it exits 1 for CI to gate on.
    const diff = await cli("diff", "dev.json", "zhoucun.json", "--markdown");
    expect(diff.status).toBe(1);
    // The counts depend on the two stacks; the summary's shape does not.
    const summary = diff.stdout
      .split("\n")
      .slice(0, 3)
      .map((line) => line.replace(/\d[\d,]*/g, "N"));
    expect(summary).toEqual([
      "### Infrastructure preview: zhoucun",
      "",
      "**N** to add, **N** to update, **N** to replace, **N** to delete.",
    ]);
  }, 120_000);

  it("answers bad usage with exit 2", async () => {
    expect((await cli("preview")).stderr).toMatch(
      /^govcloud preview: --stack <name> is required \(stacks: dev, zhoucun, zhoucun-platform, zhoucun-social\)/,
    );
    expect((await cli("preview", "--stack", "nope")).status).toBe(2);
    expect((await cli("diff", "a.json")).stderr).toMatch(/diff takes two preview files/);
  });
});

describe("a stack split for scale", () => {
  it("platform and workload stacks together build what the one stack builds, with no violation", async () => {
    const [whole, platform, social] = [
      await preview("zhoucun"),
      await preview("zhoucun-platform"),
      await preview("zhoucun-social"),
    ];
    expect(platform.violations).toEqual([]);
    expect(social.violations).toEqual([]);
    const names = (result: typeof whole, filter: (type: string) => boolean) =>
      result.resources
        .filter((r) => filter(r.type))
        .map((r) => r.name)
        .sort();
    // The platform stack holds exactly the platform of the whole stack, and no tenant.
    const platformTypes = new Set(platform.resources.map((r) => r.type));
    expect([...platformTypes].some((t) => t.includes("DepartmentTenant") || t.includes("MigratedSystem"))).toBe(false);
    expect(names(platform, (t) => t.startsWith("govcloud:network:"))).toEqual(
      names(whole, (t) => t.startsWith("govcloud:network:")),
    );
    // The workload stack creates its departments' tenants and systems only, reading the platform's networks.
    const tenants = social.resources
      .filter((r) => r.type === "govcloud:tenant:DepartmentTenant")
      .map((r) => r.name)
      .sort();
    expect(tenants).toEqual(["civil-affairs", "education", "health", "hrss"]);
    expect(
      social.resources.some(
        (r) => r.type === "openstack:networking/router:Router" || r.type === "openstack:networking/network:Network",
      ),
    ).toBe(false);
    const systemsOf = (result: typeof whole) =>
      [
        ...new Set(
          result.resources
            .filter(
              (r) =>
                r.type === "openstack:compute/instance:Instance" &&
                ["hrss", "civil-affairs", "health", "education"].includes(tag(r, "department")!),
            )
            .map((r) => tag(r, "system")),
        ),
      ].sort();
    expect(systemsOf(social).length).toBeGreaterThan(5);
    expect(systemsOf(social)).toEqual(systemsOf(whole));
  }, 240_000);
});
