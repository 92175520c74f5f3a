/**
 * govcloud plan --state over the month's journals (month.ts): done and running systems stay as they happened; the rest
 * moves from --start.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseLock } from "../../src/migration/lock/file";
import { runCli } from "../support/cli";
import { AS_OF, runMonth, type Month } from "./month";

let month: Month;
beforeAll(async () => {
  month = await runMonth();
}, 120_000);
afterAll(() => month?.cleanup());

const START = "2018-05-23";
const replan = (out: string, lock = month.lockFile) =>
  runCli(month.dir, [
    "plan",
    month.inventory,
    "--lock",
    lock,
    "--out",
    out,
    "--start",
    START,
    "--as-of",
    AS_OF,
    ...month.states.flatMap((s) => ["--state", s]),
  ]);

describe("govcloud plan --state", () => {
  it("keeps every done or running system as it happened and re-schedules only the rest from --start", async () => {
    const before = parseLock(fs.readFileSync(month.lockFile, "utf8"), "lock").lock!;
    const r = await replan(path.join(month.dir, "replan"));
    expect(r.code, r.err).toBe(0);
    const running = month.waves.w3.systems.length;
    expect(r.out).toContain(`kept as they happened: ${month.done.size + running} systems done or running`);
    const after = parseLock(fs.readFileSync(month.lockFile, "utf8"), "lock").lock!;
    // Done: in their waves, the retirement on the day it was done.
    for (const id of month.done.keys()) {
      if (id === month.retired)
        expect(after.systems[id]).toMatchObject({ disposition: "retire", date: month.done.get(id) });
      else expect(after.systems[id]).toEqual(before.systems[id]);
    }
    for (const id of month.waves.w3.systems) expect(after.systems[id]).toEqual(before.systems[id]);
    // Built waves never move: the rolled-back system stays in its deployed wave, to run again.
    expect(after.systems[month.rolledBack]!.wave).toBe(month.waves.w1.id);
    for (const w of [month.waves.w0, month.waves.w1, month.waves.w3]) expect(after.waves[w.id]).toBe("deployed");
    // The late wave W2 (never built) and the late retirements move to --start or later.
    for (const id of month.waves.w2.systems) expect(after.systems[id]!.wave! >= START).toBe(true);
    const lateRetirements = Object.entries(before.systems).filter(
      ([id, s]) => s.disposition === "retire" && !month.done.has(id),
    );
    expect(lateRetirements.length).toBeGreaterThan(0);
    for (const [id] of lateRetirements) expect(after.systems[id]!.date! >= START).toBe(true);
  });

  it(
    "refuses a journal that contradicts the lock (a system ran in a wave the lock holds as planned), naming the " +
      "field and the fix",
    async () => {
      const lock = path.join(month.dir, "contradicting.lock.yaml");
      fs.writeFileSync(
        lock,
        fs
          .readFileSync(month.lockFile, "utf8")
          .replace(`  ${month.waves.w3.id}: deployed`, `  ${month.waves.w3.id}: planned`),
      );
      const r = await replan(path.join(month.dir, "refused"), lock);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`contradicting.lock.yaml: waves.${month.waves.w3.id}: the journal`);
      expect(r.err).toContain(`govcloud waves --set ${month.waves.w3.id}=deployed`);
      expect(r.err).not.toMatch(/\n\s+at /);
    },
  );
});
