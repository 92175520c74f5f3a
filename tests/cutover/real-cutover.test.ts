/**
 * Cutover night on this machine, with the real tools (tests/cutover/real-fixture.ts):
 * PostgreSQL, rsync and nginx on loopback. The scenarios of issue 14: the happy path
 * (with a window too short first, and a gate), kill -9 during the copy then resume, a
 * row changed after the freeze (automatic rollback), a failure after the switch
 * (operator rollback), two executors on one state, a torn or tampered journal.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { CliResult } from "../support/cli";
import { missingTools } from "./real-site";
import {
  binary,
  cli,
  IN_WINDOW,
  journalRecords,
  makeSite,
  SYSTEM,
  sourceWritable,
  WAVE,
  type Site,
  waitForRecord,
} from "./real-fixture";

const missing = missingTools();
if (missing.length > 0)
  console.warn(`SKIPPED real-tool cutover tests: missing ${missing.join(", ")} (.ci/run installs them)`);

const run = (site: Site, ...more: string[]) =>
  cli(site, "run", "zhoucun", "--wave", WAVE, "--systems", SYSTEM, "--now", IN_WINDOW, ...more);
/** The command's output, shown when an exit code is not the expected one. */
const said = (result: CliResult) => `stdout:\n${result.out}\nstderr:\n${result.err}`;
const expectCode = (result: CliResult, code: number) => expect(result.code, said(result)).toBe(code);
const steps = (site: Site, phase: string, outcome: string) =>
  journalRecords(site).filter((r) => r.type === "step" && r.phase === phase && r.outcome === outcome);

describe.skipIf(missing.length > 0)("cutover with PostgreSQL, rsync and nginx", () => {
  describe("the happy path", () => {
    let site: Site;
    beforeAll(async () => {
      site = await makeSite("happy");
    });
    afterAll(async () => site?.stop());

    test("a window too short: no freeze, the source stays writable", async () => {
      const late = await cli(site, "run", "zhoucun", "--wave", WAVE, "--systems", SYSTEM, "--now", "2018-05-13T06:00");
      expect(late.code, said(late)).toBe(1);
      expect(late.out).toMatch(/window is too short: 3\.35 h of in-window work/);
      expect(steps(site, "freeze", "started")).toHaveLength(0);
      expect(sourceWritable(site)).toBe(true);
      expect((await site.get("/")).body).toBe("old-room\n");
    });

    test("in the window: the database and files move, nginx switches, smoke and observation pass", async () => {
      const result = await run(site);
      expect(result.err).toBe("");
      expect(result.code, said(result)).toBe(0);
      expect(result.out).toContain(`${SYSTEM}: observing`);
      expect(site.cloud.psql("SELECT count(*) FROM citizens", "registry")).toBe("500");
      expect(fs.readFileSync(path.join(site.dir, "cloud", "files", "scans", "2017", "7.txt"), "utf8")).toBe(
        "scan 7\n".repeat(107),
      );
      expect((await site.get("/")).body).toBe("cloud\n");
      expect(sourceWritable(site)).toBe(false);
      const status = JSON.parse((await cli(site, "status", "--json")).out) as {
        systems: { system: string; state: string }[];
      };
      expect(status.systems).toEqual([expect.objectContaining({ system: SYSTEM, state: "observing" })]);
    });

    test("finalize waits for the sign-off, then finalizes; rollback is refused after it", async () => {
      const waiting = await cli(site, "finalize", SYSTEM);
      expect(waiting.code, said(waiting)).toBe(1);
      expectCode(await cli(site, "approve", SYSTEM, "finalize", "--by", "王科长"), 0);
      const done = await cli(site, "finalize", SYSTEM, "--by", "王科长");
      expect(done.out).toContain(`${SYSTEM}: finalized`);
      expect(done.out).toContain("1 system not finalized yet"); // edu-oa moves in the same wave
      const refused = await cli(site, "rollback", SYSTEM);
      expect(refused.code, said(refused)).toBe(2);
      expect(refused.err).toMatch(/no rollback: it is finalized/);
      expect(journalRecords(site).some((r) => r.type === "approval" && r.by === "王科长")).toBe(true);
    });

    test("the journal verifies; a changed line breaks the chain; a changed log is found", async () => {
      expectCode(await cli(site, "journal", "verify"), 0);
      const file = path.join(site.state, "journal.jsonl");
      const text = fs.readFileSync(file, "utf8");
      const lines = text.split("\n");
      const step = lines.findIndex((l) => l.includes('"outcome":"ok"'));
      fs.writeFileSync(
        file,
        lines.map((l, i) => (i === step ? l.replace('"outcome":"ok"', '"outcome":"failed"') : l)).join("\n"),
      );
      const tampered = await cli(site, "journal", "verify");
      expect(tampered.code, said(tampered)).toBe(1);
      expect(tampered.err).toContain(`journal.jsonl:${step + 2}: the chain breaks here`);
      fs.writeFileSync(file, text);
      const record = journalRecords(site).find((r) => r.type === "step" && r.log) as { log: { path: string } };
      fs.appendFileSync(path.join(site.state, record.log.path), "edited\n");
      expect((await cli(site, "journal", "verify")).err).toContain(`${record.log.path}: changed since record`);
    });
  });

  describe("kill -9 during the copy, then resume", () => {
    let site: Site;
    beforeAll(async () => {
      site = await makeSite("kill");
      site.writeActions(`vars: { copy.pause: "30" }`);
    });
    afterAll(async () => site?.stop());

    test("resume finishes without re-running a finished step; a second executor is refused meanwhile", async () => {
      const first = binary(site, ["run", "zhoucun", "--wave", WAVE, "--systems", SYSTEM, "--now", IN_WINDOW]);
      await waitForRecord(
        site,
        (r) => r.type === "step" && r.phase === "offline-copy" && r.step === 4 && r.outcome === "started",
      );
      const second = await cli(site, "resume");
      expect(second.code, said(second)).toBe(2);
      expect(second.err).toMatch(/another executor holds .*executor\.lock/);

      first.kill();
      await first.done;
      site.writeActions(); // the operator shortens the rest of the copy before resuming
      const resumed = await cli(site, "resume", "--now", IN_WINDOW);
      expect(resumed.err).toBe("");
      expect(resumed.code, said(resumed)).toBe(0);
      expect((await site.get("/")).body).toBe("cloud\n");
      expect(site.cloud.psql("SELECT count(*) FROM citizens", "registry")).toBe("500");

      // Every step ran in one executor only (retries of a smoke check included), except the
      // killed one: idempotent, so the resumed executor ran it again.
      const started = journalRecords(site).filter((r) => r.type === "step" && r.outcome === "started");
      const runs = new Map<string, Set<unknown>>();
      for (const r of started)
        (
          runs.get(`${String(r.phase)}#${String(r.step)}`) ??
          runs.set(`${String(r.phase)}#${String(r.step)}`, new Set()).get(`${String(r.phase)}#${String(r.step)}`)!
        ).add(r.run);
      expect([...runs].filter(([, ids]) => ids.size > 1).map(([key]) => key)).toEqual(["offline-copy#4"]);
      expect([...runs.keys()]).toEqual(
        expect.arrayContaining([
          "freeze#0",
          "offline-copy#1",
          "offline-copy#2",
          "verify#0",
          "switch-traffic#0",
          "smoke#0",
          "observe#0",
        ]),
      );
      expect(
        journalRecords(site).some((r) => r.type === "note" && String(r.message).startsWith("took over the state lock")),
      ).toBe(true);
    });

    test("a torn last line is reported, then set aside by the next executor", async () => {
      const file = path.join(site.state, "journal.jsonl");
      fs.appendFileSync(file, '{"seq":999,"prev":"abc","type":"st');
      const verify = await cli(site, "journal", "verify");
      expect(verify.code, said(verify)).toBe(1);
      expect(verify.err).toMatch(/the last line is torn \(no newline/);
      const status = await cli(site, "resume", "--now", IN_WINDOW);
      expect(status.code, said(status)).toBe(0);
      expect(fs.readFileSync(`${file}.torn-1`, "utf8")).toBe('{"seq":999,"prev":"abc","type":"st');
      expectCode(await cli(site, "journal", "verify"), 0);
    });
  });

  test("a crash inside a step that is not idempotent waits for the operator; --mark-done continues", async () => {
    const site = await makeSite("nonidem");
    try {
      site.writeActions(
        `phases:\n  announce:\n    - { kind: run, name: a one-way step, idempotent: false, argv: [sleep, "30"] }`,
      );
      const first = binary(site, ["run", "zhoucun", "--wave", WAVE, "--systems", SYSTEM, "--now", IN_WINDOW]);
      await waitForRecord(site, (r) => r.type === "step" && r.phase === "announce" && r.outcome === "started");
      first.kill();
      await first.done;
      const resumed = await cli(site, "resume", "--now", IN_WINDOW);
      expect(resumed.code, said(resumed)).toBe(1);
      expect(resumed.out).toMatch(/not idempotent \(fix: check it by hand/);
      expect(JSON.parse((await cli(site, "status", "--json")).out).systems[0].state).toBe("needs-operator");
      const marked = await cli(site, "resume", "--mark-done", `${SYSTEM}:announce`, "--by", "李工", "--now", IN_WINDOW);
      expect(marked.err).toBe("");
      expect(marked.code, said(marked)).toBe(0);
      expect(steps(site, "announce", "started")).toHaveLength(1);
      expect(
        journalRecords(site).some((r) => r.type === "operator" && r.decision === "mark-done" && r.by === "李工"),
      ).toBe(true);
    } finally {
      await site.stop();
    }
  });

  test(
    "a row changed after the freeze fails verification: automatic rollback, the source writable, traffic still " +
      "on it",
    async () => {
      const site = await makeSite("verify");
      try {
        const late = `UPDATE citizens SET name = 'changed after the freeze' WHERE id = 7`;
        site.writeActions(`phases:
  verify:
    - kind: run
      name: a writer that ignored the freeze
      idempotent: true
      env: { PGOPTIONS: "-c default_transaction_read_only=off" }
      argv: [psql, -h, 127.0.0.1, -p, "{old.pg}", -U, postgres, -d, registry, -c, "${late}"]
    - kind: run
      name: compare the databases
      idempotent: true
      argv: [node, "{site.dir}/compare.js", "{old.pg}", "{cloud.pg}"]`);
        const result = await run(site);
        expect(result.code, said(result)).toBe(1);
        expect(result.out).toMatch(/verify failed: compare the databases: exit code 1/);
        expect(result.out).toContain(`${SYSTEM}: planned`);
        expect(sourceWritable(site)).toBe(true);
        expect((await site.get("/")).body).toBe("old-room\n");
        expect(steps(site, "switch-traffic", "started")).toHaveLength(0);
        expect(steps(site, "rollback", "ok")).toHaveLength(4);
        // resume continues unfinished work only: the next try is a new `run`.
        const records = journalRecords(site).length;
        const resumed = await cli(site, "resume", "--now", IN_WINDOW);
        expect(resumed.out).toContain(`${SYSTEM}: planned after try 1 (automatic: verify failed`);
        expect(
          journalRecords(site)
            .slice(records)
            .map((r) => r.type),
        ).toEqual(["run"]);
      } finally {
        await site.stop();
      }
    },
  );

  test("a failure after the switch waits for the operator; rollback switches back", async () => {
    const site = await makeSite("after-switch", { cloudHealth: 500 });
    try {
      const result = await run(site);
      expect(result.code, said(result)).toBe(1);
      expect(result.out).toMatch(/smoke failed: health through nginx: (HTTP 500|the body does not match)/);
      expect((await site.get("/")).body).toBe("cloud\n");
      expect(JSON.parse((await cli(site, "status", "--json")).out).systems[0].state).toBe("needs-operator");
      const back = await cli(site, "rollback", SYSTEM, "--by", "值班长");
      expect(back.err).toBe("");
      expect(back.out).toContain(`${SYSTEM}: rolled-back`);
      expect((await site.get("/")).body).toBe("old-room\n");
      expect(sourceWritable(site)).toBe(true);
    } finally {
      await site.stop();
    }
  });
});
