/**
 * At most the policy's cutovers per window: the rule (admitToWindow) and `cutover run`
 * holding to it on the sample with capacityPerWindow.systems lowered to 1 (the held plan
 * does not change: its waves are the lock's).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { admitToWindow } from "../../src/migration/cutover/capacity";
import { runCli } from "../support/cli";
import { actions, copyDataset } from "./noop-site";
import { IN_WINDOW, SYSTEM, WAVE } from "./real-fixture";
import { tempDir } from "./real-site";

describe("admitToWindow", () => {
  test("new systems start while the window has room; the rest wait, in order", () => {
    expect(admitToWindow(2, new Set(), ["a", "b", "c", "d"])).toEqual({
      admit: ["a", "b"],
      wait: ["c", "d"],
      taken: ["a", "b"],
    });
  });

  test("a system whose try started in the window continues, even past the limit; it takes no second place", () => {
    expect(admitToWindow(1, new Set(["b", "x"]), ["a", "b", "c"])).toEqual({
      admit: ["b"],
      wait: ["a", "c"],
      taken: ["b", "x"],
    });
    expect(admitToWindow(3, new Set(["b"]), ["a", "b", "c"])).toEqual({
      admit: ["a", "b", "c"],
      wait: [],
      taken: ["a", "b", "c"],
    });
  });
});

describe("cutover run holds to the policy's cutovers per window", () => {
  let dir: string;
  const cli = (...args: string[]) =>
    runCli(dir, ["cutover", ...args, "--now", IN_WINDOW, "--state", path.join(dir, "state")]);
  beforeAll(async () => {
    dir = tempDir("capacity");
    await copyDataset(dir, (text) =>
      text.replace(/capacityPerWindow:\n(\s+)systems: \d+/, "capacityPerWindow:\n$1systems: 1"),
    );
    fs.writeFileSync(path.join(dir, "zhoucun", "cutover.yaml"), actions(dir));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("the wave's second system waits, named, with the window and who took it", async () => {
    const result = await cli("run", "zhoucun", "--wave", WAVE);
    expect(result.err).toBe("");
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `${SYSTEM}: waits for another window: 2018-05-12T22:00 – 2018-05-13T08:00 already has the policy's 1 ` +
        `cutovers per window (edu-oa)`,
    );
    expect(result.out).toContain("edu-oa: observing");
    expect(result.out).toContain(`${SYSTEM}: planned (waiting)`);
  });

  test("a later run of the waiting system alone still waits; the first system continues", async () => {
    const again = await cli("run", "zhoucun", "--wave", WAVE, "--systems", SYSTEM);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/waits for another window: .* \(edu-oa\)/);
    const resumed = await cli("resume");
    expect(resumed.out).toContain("edu-oa: observing");
    expect(resumed.out).toContain(`${SYSTEM}: planned (waiting)`);
    const status = JSON.parse((await cli("status", "--json")).out) as { systems: { system: string; tries: number }[] };
    expect(status.systems.find((s) => s.system === SYSTEM)?.tries).toBe(0);
  });
});
