/**
 * cutover.yaml: the sample validates for every wave; mistakes are reported with file, line, field and a fix, before
 * anything runs.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, test } from "vitest";
import { parseSiteActions } from "../../src/migration/cutover/file";
import { fill, unknownVariables } from "../../src/migration/cutover/template";
import { durationMs } from "../../src/migration/cutover/model";
import { runCli } from "../support/cli";

const ROOT = path.resolve(__dirname, "..", "..");
const sample = fs.readFileSync(path.join(ROOT, "inventories", "zhoucun", "cutover.yaml"), "utf8");

describe("the sample's cutover.yaml", () => {
  test("is valid and points editors at the committed schema", () => {
    expect(parseSiteActions(sample, "cutover.yaml").diagnostics).toEqual([]);
    expect(sample.split("\n")[0]).toBe("# yaml-language-server: $schema=../schema/cutover.schema.json");
    expect(fs.existsSync(path.join(ROOT, "inventories", "schema", "cutover.schema.json"))).toBe(true);
  });

  test("resolves for every wave of the sample's lock: a dry run prints each step's argv and runs nothing", async () => {
    const waves = (await runCli(ROOT, ["waves", "inventories/zhoucun"])).out
      .split("\n")
      .filter((l) => /^\d{4}-/.test(l))
      .map((l) => l.split(" ")[0]!);
    expect(waves.length).toBeGreaterThan(10);
    for (const wave of waves) {
      const result = await runCli(ROOT, [
        "cutover",
        "run",
        "inventories/zhoucun",
        "--wave",
        wave,
        "--dry-run",
        "--state",
        path.join(os.tmpdir(), "never-written"),
      ]);
      expect(result.err).toBe("");
      expect(result.code).toBe(0);
    }
    const one = await runCli(ROOT, ["cutover", "run", "inventories/zhoucun", "--wave", "2018-05-12-a", "--dry-run"]);
    expect(one.out).toContain(
      'run ["rsync","-a","--delete","ops@10.21.3.10:/srv/edu-student-registry/",' +
        '"ops@new-host.cloud.zhoucun.gov.cn:/srv/edu-student-registry/"]',
    );
    expect(one.out).toContain("dump and restore the database (cold): run");
    expect(fs.existsSync(path.join(os.tmpdir(), "never-written"))).toBe(false);
  });
});

describe("mistakes in cutover.yaml", () => {
  const dryRun = async (text: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-actions-"));
    fs.writeFileSync(path.join(dir, "cutover.yaml"), text);
    try {
      return await runCli(ROOT, [
        "cutover",
        "run",
        "inventories/zhoucun",
        "--wave",
        "2018-05-12-a",
        "--dry-run",
        "--actions",
        path.join(dir, "cutover.yaml"),
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  };
  const withPrepare = (prepare: string) => sample.replace(/ {4}prepare:\n(?: {6}.*\n)+/, `    prepare:\n${prepare}`);

  test("a misspelt key and a missing idempotent: line, field, did-you-mean; exit 2 and no stack trace", async () => {
    const result = await dryRun(withPrepare("      - kind: run\n        argv: [echo, hi]\n        idempotnt: true\n"));
    expect(result.code).toBe(2);
    const lines = result.err.split("\n");
    const step = /cutover\.yaml:\d+:9: defaults\.phases\.prepare\[0\]\./.source;
    expect(lines[0]).toMatch(
      new RegExp(step + /idempotent: missing required field \(fix: add it: true or false\)/.source),
    );
    expect(lines[1]).toMatch(
      new RegExp(step + /idempotnt: unknown field "idempotnt"; did you mean "idempotent"\? \(fix: rename it\)/.source),
    );
    expect(result.err).not.toMatch(/at .*\.ts:\d+/);
  });

  test("an unknown {variable} is found before anything runs, on its line, with the variables there are", async () => {
    const result = await dryRun(withPrepare('      - { kind: run, idempotent: true, argv: [ping, "{target.iq}"] }\n'));
    expect(result.code).toBe(2);
    const line = sample.slice(0, sample.indexOf("    prepare:")).split("\n").length + 1;
    expect(result.err).toContain(
      `:${line}:53: defaults.phases.prepare[0].argv[1]: {target.iq} is not a variable of system ` +
        `edu-student-registry; did you mean "target.ip"?`,
    );
    expect(result.err).toContain("source.room");
  });

  test("a runbook phase the site does not say how to do is an error (an empty list says: nothing to do)", async () => {
    const result = await dryRun(sample.replace(/ {4}smoke:\n(?: {6}.*\n)+/, ""));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(
      /defaults\.phases: no actions for phase smoke of system edu-oa \(education\) \(fix: add defaults\.phases\.smoke/,
    );
    const empty = await dryRun(sample.replace(/ {4}smoke:\n(?: {6}.*\n)+/, "    smoke: []\n"));
    expect(empty.code).toBe(0);
    expect(empty.out).toContain("smoke [in window]: nothing at this site");
  });

  test("an undeployed wave cannot run (a dry run may rehearse it); a wave not in the lock is exit 2", async () => {
    const planned = await runCli(ROOT, [
      "cutover",
      "run",
      "inventories/zhoucun",
      "--wave",
      "2018-05-12-a",
      "--state",
      path.join(os.tmpdir(), "never-written"),
    ]);
    expect(planned.code).toBe(2);
    expect(planned.err).toContain(
      "zhoucun.lock.yaml: wave 2018-05-12-a is planned: its resources are not built (fix: " +
        "pulumi up of its stacks, then govcloud waves --set 2018-05-12-a=deployed)",
    );
    const missing = await runCli(ROOT, [
      "cutover",
      "run",
      "inventories/zhoucun",
      "--wave",
      "2019-01-01-a",
      "--dry-run",
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("wave 2019-01-01-a is not in the plan lock");
  });
});

describe("templates and durations", () => {
  test("{name} is filled, {{ and }} are braces, unknown names are listed", () => {
    const vars = { "system.id": "edu-oa" };
    expect(fill("/srv/{system.id}/{{literal}}", vars)).toBe("/srv/edu-oa/{literal}");
    expect(unknownVariables("{system.id} {target.ip} {{x}}", vars)).toEqual(["target.ip"]);
  });

  test("durations", () => {
    expect([durationMs("100ms"), durationMs("30s"), durationMs("5m"), durationMs("2h"), durationMs("7d")]).toEqual([
      100, 30_000, 300_000, 7_200_000, 604_800_000,
    ]);
  });
});
