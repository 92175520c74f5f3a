/**
 * The journal in PostgreSQL (`--state postgres://…`), against a real cluster the test
 * makes with initdb: two executors on different systems of one state run at the same time
 * (each waits at a barrier until the other has started) and both finish on one hash chain;
 * a second executor on the same system is refused while the first runs, and takes over once
 * it is killed (its row locks go with its connection); status and journal verify read the
 * database; a changed row breaks the chain; a bad URL and an unreachable server are exit 2.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { systemClock } from "../../src/cutover/journal-file";
import { PgState, PLACES_KEY } from "../../src/cutover/pg-state";
import { literal, Psql } from "../../src/cutover/psql";
import { runCli } from "../support/cli";
import { IN_WINDOW, ROOT, SYSTEM, WAVE } from "./real-fixture";
import { actions, BARRIER, copyDataset } from "./noop-site";
import { freePort, missingTools, startCluster, tempDir, type Cluster } from "./real-site";

const missing = missingTools();
const OTHER = "edu-oa";
interface Executor {
  readonly done: Promise<{ code: number; out: string; err: string }>;
  kill(): void;
}

/** The built binary in its own process group (kill: a kill -9 of it and its steps). */
function executor(cwd: string, args: string[]): Executor {
  const child = spawn(process.execPath, [path.join(ROOT, "dist", "cli", "main.js"), "cutover", ...args], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
  const done = new Promise<{ code: number; out: string; err: string }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), out, err })),
  );
  return { done, kill: () => process.kill(-child.pid!, "SIGKILL") };
}

async function until(what: string, ok: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(missing.length > 0)("the journal in PostgreSQL", () => {
  let dir: string;
  let pg: Cluster;
  const url = (db: string) => `postgres://postgres@127.0.0.1:${pg.port}/${db}`;
  const cli = (...args: string[]) => runCli(dir, ["cutover", ...args]);
  const runArgs = (system: string, db: string, actionsFile: string) => [
    "run",
    "zhoucun",
    "--wave",
    WAVE,
    "--systems",
    system,
    "--now",
    IN_WINDOW,
    "--state",
    url(db),
    "--actions",
    actionsFile,
    "--work",
    path.join(dir, `work-${system}`),
  ];

  beforeAll(async () => {
    dir = tempDir("pg-state");
    await copyDataset(dir);
    fs.writeFileSync(path.join(dir, "barrier.js"), BARRIER);
    pg = await startCluster(path.join(dir, "state-pg"));
    pg.psql("CREATE DATABASE parallel");
    pg.psql("CREATE DATABASE same");
  });
  afterAll(() => {
    pg?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("two executors on different systems of one state both finish, on one chain that verifies", async () => {
    const file = path.join(dir, "parallel.yaml");
    const mark = (name: string) => path.join(dir, `started-${name}`);
    fs.writeFileSync(
      file,
      actions(dir, {
        [SYSTEM]: `[node, "${dir}/barrier.js", "${mark(SYSTEM)}", "${mark(OTHER)}"]`,
        [OTHER]: `[node, "${dir}/barrier.js", "${mark(OTHER)}", "${mark(SYSTEM)}"]`,
      }),
    );
    const [a, b] = [executor(dir, runArgs(SYSTEM, "parallel", file)), executor(dir, runArgs(OTHER, "parallel", file))];
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect(ra.err).toBe("");
    expect(rb.err).toBe("");
    expect([ra.code, rb.code]).toEqual([0, 0]);

    const status = await cli("status", "--json", "--state", url("parallel"));
    expect(status.code).toBe(0);
    const systems = (JSON.parse(status.out) as { systems: { system: string; state: string }[] }).systems;
    expect(systems.map((s) => [s.system, s.state])).toEqual([
      [OTHER, "observing"],
      [SYSTEM, "observing"],
    ]);
    // Both executors appended to one chain: records of both runs, interleaved, seq 1…n.
    const rows = pg.psql("SELECT line FROM govcloud_cutover_journal ORDER BY seq", "parallel").split("\n");
    const records = rows.map((line) => JSON.parse(line) as { seq: number; run: string });
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));
    expect(new Set(records.map((r) => r.run)).size).toBe(2);
    const verify = await cli("journal", "verify", "--state", url("parallel"));
    expect(verify.err).toBe("");
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/the chain and every step log verify/);
    // Resume (from any machine) sees both systems of the state.
    const resume = await cli("resume", "--state", url("parallel"), "--work", path.join(dir, "work-resume"));
    expect(resume.out).toContain(`${OTHER}: observing`);
    expect(resume.out).toContain(`${SYSTEM}: observing`);

    // progress reads the same journal from the database.
    const out = path.join(dir, "progress");
    const progress = await runCli(dir, [
      "progress",
      "zhoucun",
      "--as-of",
      "2099-12-31",
      "--state",
      url("parallel"),
      "--out",
      out,
    ]);
    expect(progress.err).not.toMatch(/: error:/);
    const report = JSON.parse(fs.readFileSync(path.join(out, "progress.json"), "utf8")) as {
      journals: string[];
      systems: { id: string; status: string }[];
    };
    expect(report.journals).toEqual([
      expect.stringMatching(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/parallel \(table govcloud_cutover_journal\)$/),
    ]);
    expect(
      report.systems
        .filter((s) => s.status === "in-progress")
        .map((s) => s.id)
        .sort(),
    ).toEqual([OTHER, SYSTEM]);

    // A changed row breaks the chain: verify says where.
    pg.psql(
      `UPDATE govcloud_cutover_journal SET line = replace(line, '"outcome":"ok"', '"outcome":"failed"') WHERE ` +
        `seq = (SELECT min(seq) FROM govcloud_cutover_journal WHERE line LIKE '%"outcome":"ok"%')`,
      "parallel",
    );
    const tampered = await cli("journal", "verify", "--state", url("parallel"));
    expect(tampered.code).toBe(1);
    expect(tampered.err).toMatch(/the chain breaks here/);
  });

  test("a second executor on one system is refused while the first runs; after a kill -9 it takes over", async () => {
    const file = path.join(dir, "same.yaml");
    const release = path.join(dir, "release");
    fs.writeFileSync(file, actions(dir, { [SYSTEM]: `[node, "${dir}/barrier.js", "${dir}/held", "${release}"]` }));
    const first = executor(dir, runArgs(SYSTEM, "same", file));
    await until("the first executor is inside its announce", () => fs.existsSync(path.join(dir, "held")));

    const second = await cli(...runArgs(SYSTEM, "same", file));
    expect(second.code).toBe(2);
    expect(second.err).toMatch(
      new RegExp(`another executor is running ${SYSTEM} \\(run [0-9a-f-]+ by \\S+, pid \\d+ on \\S+ since `),
    );
    expect(second.err).toMatch(/fix: run the other systems of the wave/);

    first.kill();
    await first.done;
    fs.writeFileSync(release, "");
    const resumed = await cli("resume", "--now", IN_WINDOW, "--state", url("same"), "--work", path.join(dir, "w2"));
    expect(resumed.err).toBe("");
    expect(resumed.code).toBe(0);
    expect(resumed.out).toContain(`${SYSTEM}: observing`);
    expect((await cli("journal", "verify", "--state", url("same"))).code).toBe(0);
  });

  test("a bad URL or an unreachable server: exit 2 naming --state, with a fix", async () => {
    const bad = await cli("status", "--state", "postgres://127.0.0.1:notaport/x");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--state "postgres:\/\/127\.0\.0\.1:notaport\/x" is not a PostgreSQL URL/);
    const noDb = await cli("status", "--state", "postgres://127.0.0.1:5432");
    expect(noDb.code).toBe(2);
    expect(noDb.err).toMatch(/names no database/);
    const port = await freePort();
    const away = await cli("journal", "verify", "--state", `postgres://postgres@127.0.0.1:${port}/cutover`);
    expect(away.code).toBe(2);
    expect(away.err).toMatch(/--state.*cannot reach the PostgreSQL state: .*127\.0\.0\.1/s);
    expect(away.err).toMatch(/fix: check the host, port, database and user/);
    expect(away.err).not.toMatch(/\n\s+at /);
  });
  test("executors starting in one window at one instant take no more places than it holds", async () => {
    pg.psql("CREATE DATABASE places");
    const window = "2018-04-21T22:00:00+08:00 – 2018-04-22T06:00:00+08:00";
    const executors = await Promise.all(
      [0, 1, 2, 3, 4, 5].map(async (i) => {
        const state = new PgState(url("places"), "places", path.join(dir, `places-${i}`), dir);
        const who = { run: `run-${i}`, operator: "test", host: "here" };
        return { state, opened: await state.open(who, [`sys-${i}`], systemClock) };
      }),
    );
    try {
      const take = (i: number, started: ReadonlySet<string> = new Set(), on = window) =>
        executors[i]!.opened.takePlaces(on, 2, started, [`sys-${i}`]);
      // None has journalled a start yet: the window's places alone keep them to its two cutovers.
      const first = await Promise.all(executors.map((_, i) => take(i)));
      const admitted = first.flatMap((a) => a.admit).sort();
      expect(admitted).toHaveLength(2);
      for (const a of first) expect(a.taken.length).toBeLessThanOrEqual(2);
      // A place once given is kept: asked again, the same two go on and the others still wait.
      const again = await Promise.all(executors.map((_, i) => take(i)));
      expect(again.flatMap((a) => a.admit).sort()).toEqual(admitted);
      const waiting = executors.map((_, i) => `sys-${i}`).find((id) => !admitted.includes(id))!;
      const w = Number(waiting.slice(4));
      expect((await take(w)).wait).toEqual([waiting]);
      // Another window has its own places.
      expect((await take(w, new Set(), "another window")).admit).toEqual([waiting]);
      // Systems the journal says started there count as well (a state from before the places).
      const fresh = new PgState(url("places"), "places", path.join(dir, "places-fresh"), dir);
      const opened = await fresh.open({ run: "run-fresh", operator: "test", host: "here" }, ["sys-x"], systemClock);
      expect((await opened.takePlaces("a third window", 2, new Set(["old-a", "old-b"]), ["sys-x"])).wait).toEqual([
        "sys-x",
      ]);
      await opened.release();
      await fresh.close();
    } finally {
      for (const { state, opened } of executors) {
        await opened.release();
        await state.close();
      }
    }
  });
  test("a window's places that cannot be taken (a lock timeout) stop the command instead of admitting", async () => {
    pg.psql("CREATE DATABASE busy");
    pg.psql("ALTER DATABASE busy SET lock_timeout = '200ms'");
    const window = "a busy window";
    const holder = await Psql.connect(url("busy"), "test: another executor mid-transaction");
    await holder.query(`SELECT pg_advisory_lock(${PLACES_KEY}, hashtext(${literal(window)}))`);
    const state = new PgState(url("busy"), "busy", path.join(dir, "busy"), dir);
    const opened = await state.open({ run: "run-busy", operator: "test", host: "here" }, ["sys-b"], systemClock);
    try {
      await expect(opened.takePlaces(window, 2, new Set(), ["sys-b"])).rejects.toThrow(/lock timeout/);
      expect(pg.psql("SELECT count(*) FROM govcloud_cutover_window_places", "busy").trim()).toBe("0");
    } finally {
      await opened.release();
      await state.close();
      await holder.close();
    }
  });
});
