/**
 * The commands' own YAML files (the plan lock, a stack's settings, the site actions) saved
 * with CRLF or old-Mac CR line breaks read as the inventory's do: an error names the line an
 * editor shows, and a lock that differs only in its line breaks is the same lock.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatDiagnostic, InputError } from "../../src/migration/inventory/diagnostics";
import { previewStack } from "../../src/preview/preview";
import program from "../../src/program";
import { runCli } from "../support/cli";

const ROOT = path.resolve(__dirname, "..", "..");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-line-breaks-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const BREAKS = { CR: "\r", CRLF: "\r\n" } as const;
const withBreaks = (text: string, to: string) => text.replace(/\n/g, to);

describe.each(Object.entries(BREAKS))("files saved with %s line breaks", (name, lineBreak) => {
  it("a stack file's mistake is reported on its own line", async () => {
    const root = path.join(scratch, `stack-${name}`);
    fs.mkdirSync(path.join(root, "stacks"), { recursive: true });
    const text = [
      "config:",
      `  govcloud:inventory: ${path.join(ROOT, "inventories", "zhoucun")}`,
      "  govcloud:externalNetworkId: 00000000-0000-4000-8000-000000000000",
      "  govcloud:regoin: RegionOne",
      "",
    ].join("\n");
    fs.writeFileSync(path.join(root, "stacks", "Pulumi.s.yaml"), withBreaks(text, lineBreak));
    const error = await previewStack("s", root, program).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).diagnostics.map(formatDiagnostic)).toContainEqual(
      expect.stringMatching(/^stacks\/Pulumi\.s\.yaml:4:3: govcloud:regoin: unknown key/),
    );
  });

  it("a lock differing only in its line breaks is unchanged; a mistake in it is on its line", async () => {
    const lock = path.join(scratch, `zhoucun-${name}.lock.yaml`);
    fs.copyFileSync(path.join(ROOT, "inventories", "zhoucun.lock.yaml"), lock);
    // Written here first: the lock's editor modeline points at the schema from its own folder.
    const out = path.join(scratch, `plan-${name}`);
    expect((await runCli(ROOT, ["plan", "inventories/zhoucun", "--out", out, "--lock", lock])).code).toBe(0);
    const sample = fs.readFileSync(lock, "utf8");
    fs.writeFileSync(lock, withBreaks(sample, lineBreak));
    const check = await runCli(ROOT, ["plan", "inventories/zhoucun", "--check", "--lock", lock]);
    expect(check.code, check.err).toBe(0);
    expect(check.out).toContain("is current");

    const waves = sample.split("\n").findIndex((l) => /^waves:/.test(l));
    const broken = sample.split("\n");
    broken[waves + 1] = broken[waves + 1]!.replace(/: \w+$/, ": finished");
    fs.writeFileSync(lock, withBreaks(broken.join("\n"), lineBreak));
    const bad = await runCli(ROOT, ["plan", "inventories/zhoucun", "--check", "--lock", lock]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(`zhoucun-${name}.lock.yaml:${waves + 2}:`);
  });

  it("a site action's mistake is reported on its own line", async () => {
    const sample = fs.readFileSync(path.join(ROOT, "inventories", "zhoucun", "cutover.yaml"), "utf8");
    const prepare = sample.split("\n").findIndex((l) => l === "    prepare:");
    const lines = sample.split("\n");
    lines.splice(prepare + 1, 0, '      - { kind: run, idempotent: true, argv: [ping, "{target.iq}"] }');
    const file = path.join(scratch, `cutover-${name}.yaml`);
    fs.writeFileSync(file, withBreaks(lines.join("\n"), lineBreak));
    const result = await runCli(ROOT, [
      "cutover",
      "run",
      "inventories/zhoucun",
      "--wave",
      "2018-05-12-a",
      "--dry-run",
      "--actions",
      file,
    ]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`:${prepare + 2}:`);
    expect(result.err).toContain("{target.iq} is not a variable");
  });
});
