/** govcloud progress over a month of real cutover journals (month.ts): the report says exactly what happened. */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli";
import { AS_OF, RETIRE_PLANNED, RETIRED_ON, runMonth, type Month } from "./month";

let month: Month;
beforeAll(async () => {
  month = await runMonth();
}, 120_000);
afterAll(() => month?.cleanup());

const progress = (out: string, ...extra: string[]) =>
  runCli(month.dir, [
    "progress",
    "zhoucun",
    "--as-of",
    AS_OF,
    ...month.states.flatMap((s) => ["--state", s]),
    "--out",
    out,
    ...extra,
  ]);

describe("govcloud progress over a month", () => {
  it("says what is done, in progress, late and rolled back", async () => {
    const out = path.join(month.dir, "out");
    const r = await progress(out);
    expect(r.err).not.toMatch(/journal|error|torn/);
    expect(r.code).toBe(0);
    const json = JSON.parse(fs.readFileSync(path.join(out, "progress.json"), "utf8"));
    const bySystem = new Map<
      string,
      { status: string; finished: string | null; late: boolean; rollbacks: number; state: string }
    >(json.systems.map((s: { id: string }) => [s.id, s]));
    for (const [id, date] of month.done) {
      expect(bySystem.get(id)).toMatchObject({ status: "done", finished: date, late: id === month.retired });
    }
    expect(bySystem.get(month.retired)).toMatchObject({
      disposition: "retire",
      planned: RETIRE_PLANNED,
      finished: RETIRED_ON,
      lateDays: 2,
    });
    expect(bySystem.get(month.rolledBack)).toMatchObject({
      status: "to-do",
      state: "rolled-back",
      rollbacks: 1,
      late: true,
    });
    for (const id of month.waves.w2.systems)
      expect(bySystem.get(id)).toMatchObject({ status: "to-do", late: true, state: "none" });
    for (const id of month.waves.w3.systems)
      expect(bySystem.get(id)).toMatchObject({ status: "in-progress", state: "observing", late: false });
    expect(json.total.done).toBe(month.done.size);
    expect(json.total.retired).toBe(1);
    expect(json.total.inProgress).toBe(month.waves.w3.systems.length);
    expect(json.total.done + json.total.inProgress + json.total.toDo).toBe(json.total.all);
    const md = fs.readFileSync(path.join(out, "progress.md"), "utf8");
    expect(md).toContain(`${month.rolledBack})`);
    expect(md).toMatch(/## Rolled back[\s\S]*rolled-back/);
  });
});
