/** govcloud diff through the command line: what it prints and the exit codes CI gates on. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-diff-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const SUBNET = "openstack:networking/subnet:Subnet";
const VOLUME = "openstack:blockstorage/volume:Volume";
const res = (type: string, name: string, inputs: object) => ({
  urn: `urn:pulumi:s::govcloud::${type}::${name}`,
  type,
  name,
  parent: "",
  inputs,
});

/** Writes a preview file with these resources and returns its name. */
function write(name: string, resources: object[], stack = "zhoucun"): string {
  fs.writeFileSync(path.join(scratch, name), JSON.stringify({ stack, resources, violations: [] }));
  return name;
}

const run = (...argv: string[]) => runCli(scratch, argv);
const subnet = res(SUBNET, "finance-app", { cidr: "10.10.1.0/24", name: "finance-app", networkId: "admin-app-id" });
const volume = res(VOLUME, "finance-db-data", { name: "finance-db-data", size: 30 });
const base = write("base.json", [subnet, volume]);

describe("govcloud diff exit codes", () => {
  it("0 when nothing changes", async () => {
    expect(await run("diff", base, base)).toEqual({
      code: 0,
      out: "0 to add, 0 to update, 0 to replace, 0 to delete",
      err: "",
    });
  });

  it("0 for additions and in-place updates", async () => {
    const after = write("update.json", [
      { ...subnet, inputs: { ...subnet.inputs, name: "finance-apps" } },
      volume,
      res(VOLUME, "new-data", { size: 10 }),
    ]);
    const result = await run("diff", base, after);
    expect(result.code).toBe(0);
    expect(result.out.split("\n")[0]).toBe("1 to add, 1 to update, 0 to replace, 0 to delete");
  });

  it("1 when a force-new field changes, naming it", async () => {
    const after = write("replace.json", [{ ...subnet, inputs: { ...subnet.inputs, cidr: "10.10.9.0/24" } }, volume]);
    const result = await run("diff", base, after);
    expect(result.code).toBe(1);
    expect(result.out).toContain("-/+ openstack:networking/subnet:Subnet finance-app  (replaced: cidr)");
  });

  it("1 when something is deleted, a volume flagged first, in text and Markdown", async () => {
    const after = write("delete.json", [res("openstack:networking/port:Port", "p", {})]);
    const text = await run("diff", base, after);
    expect(text.code).toBe(1);
    expect(text.out.split("\n").slice(1, 3)).toEqual([
      "!! 1 stateful or protected resource(s) deleted or replaced: listed first, marked !!",
      "- openstack:blockstorage/volume:Volume finance-db-data  !! a volume: its data is lost",
    ]);
    const markdown = await run("diff", base, after, "--markdown");
    expect(markdown.code).toBe(1);
    expect(
      markdown.out.startsWith(
        "### Infrastructure preview: zhoucun\n\n**1** to add, **0** to update, **0** to replace, **2** to delete.\n",
      ),
    ).toBe(true);
  });

  it("2 on bad input: missing file, not a preview, a resource without urn, a urn twice, bad --max-chars", async () => {
    fs.writeFileSync(path.join(scratch, "nonsense.json"), '{"resources": [{"type": "x"}]}');
    const twice = write("twice.json", [subnet, subnet]);
    for (const [args, message] of [
      [["diff", base], "diff takes two preview files"],
      [["diff", base, "nowhere.json"], "cannot read nowhere.json"],
      [
        ["diff", base, "nonsense.json"],
        "nonsense.json is not a preview written by govcloud preview --json (resources[0] has no urn or type)",
      ],
      [
        ["diff", twice, base],
        `twice.json is not a preview written by govcloud preview --json (resources[1] repeats the urn ${subnet.urn})`,
      ],
      [["diff", base, base, "--markdown", "--max-chars", "100"], "--max-chars takes a whole number of at least 2000"],
    ] as const) {
      const result = await run(...args);
      expect(result.code).toBe(2);
      expect(result.err).toContain(message);
    }
  });

  it("keeps Markdown within --max-chars", async () => {
    const many = write(
      "many.json",
      Array.from({ length: 3_000 }, (_, i) => res(SUBNET, `s${i}`, { cidr: `10.${i % 250}.${i % 7}.0/24` })),
    );
    const result = await run("diff", base, many, "--markdown", "--max-chars", "5000");
    expect(result.code).toBe(1);
    expect(result.out.length).toBeLessThanOrEqual(5_000);
    expect(result.out).toMatch(/more changes not shown; run `govcloud diff` locally to see all\._$/);
  });

  it("documents its exit codes", async () => {
    const help = await run("diff", "--help");
    expect(help.code).toBe(0);
    expect(help.out).toContain("Exit codes:\n  0  nothing to do, or only additions and in-place updates\n");
    expect(help.out).toContain(
      "\n  1  something is replaced, may be replaced, or deleted (review before pulumi up)\n  2  bad usage",
    );
  });
});
