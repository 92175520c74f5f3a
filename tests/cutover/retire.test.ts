/**
 * `govcloud cutover retire`: a planned retirement carried out is journalled by the person
 * who checked it, and progress counts it done from that record; a system the plan does not
 * retire is refused, and a second record of the same retirement adds nothing.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { runCli } from "../support/cli";
import { copyDataset } from "./noop-site";
import { SYSTEM } from "./real-fixture";
import { tempDir } from "./real-site";

const RETIRED = "agri-traceability"; // disposition retire in the sample's lock, no wave
let dir: string;
const cli = (...args: string[]) => runCli(dir, ["cutover", ...args, "--state", path.join(dir, "state")]);
const records = () =>
  fs
    .readFileSync(path.join(dir, "state", "journal.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(async () => {
  dir = tempDir("retire");
  await copyDataset(dir);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("a system the plan does not retire, an unknown one, or no --by: exit 2, nothing recorded", async () => {
  const migrated = await cli("retire", "zhoucun", SYSTEM, "--by", "张三");
  expect(migrated.code).toBe(2);
  expect(migrated.err).toMatch(
    new RegExp(`the plan does not retire ${SYSTEM}: it is rehost in wave 2018-05-12-a.*fix: its cutover is run`, "s"),
  );
  const merged = await cli("retire", "zhoucun", "edu-oa", "--by", "张三");
  expect(merged.err).toMatch(/it is consolidate into edu-office-platform in wave 2018-05-12-a/);
  expect((await cli("retire", "zhoucun", "no-such-system", "--by", "张三")).err).toMatch(
    /no-such-system is not a system of the plan/,
  );
  expect((await cli("retire", "zhoucun", RETIRED)).err).toMatch(/retire needs --by NAME/);
  expect((await cli("retire", RETIRED, "--by", "张三")).err).toMatch(/no cutover run in this state/);
  expect(fs.existsSync(path.join(dir, "state", "journal.jsonl"))).toBe(false);
});

test("retire records who; status: finalized; progress: retired; a second record adds nothing", async () => {
  const done = await cli("retire", "zhoucun", RETIRED, "--by", "张三");
  expect(done.err).toBe("");
  expect(done.code).toBe(0);
  expect(done.out).toContain(`${RETIRED}: retired, recorded by 张三`);
  expect(records().filter((r) => r.type === "retired")).toEqual([
    expect.objectContaining({ system: RETIRED, by: "张三", operator: "张三" }),
  ]);
  const status = JSON.parse((await cli("status", "--json")).out) as {
    systems: { system: string; state: string; reason: string }[];
  };
  expect(status.systems).toEqual([
    expect.objectContaining({ system: RETIRED, state: "finalized", reason: "retired (recorded by 张三)" }),
  ]);

  const again = await cli("retire", "zhoucun", RETIRED, "--by", "李四");
  expect(again.code).toBe(0);
  expect(again.out).toMatch(/already done \(retired \(recorded by 张三\)/);
  expect(records().filter((r) => r.type === "retired")).toHaveLength(1);
  expect((await cli("journal", "verify")).code).toBe(0);

  const out = path.join(dir, "progress");
  const progress = await runCli(dir, [
    "progress",
    "zhoucun",
    "--as-of",
    "2099-12-31",
    "--state",
    path.join(dir, "state"),
    "--out",
    out,
  ]);
  expect(progress.err).not.toMatch(/: error:/); // the sample's inventory warnings only
  const report = JSON.parse(fs.readFileSync(path.join(out, "progress.json"), "utf8")) as {
    total: { retired: number; done: number };
    systems: { id: string; status: string }[];
  };
  expect(report.total).toMatchObject({ retired: 1, done: 1 });
  expect(report.systems.find((s) => s.id === RETIRED)?.status).toBe("done");
});
