/** govcloud plan and govcloud generate, in-process. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli";

const project = path.resolve(__dirname, "..", "..");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-plan-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const run = (...argv: string[]) => runCli(project, argv);

function readTree(folder: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(folder, { recursive: true }).map(String).sort()) {
    const full = path.join(folder, entry);
    if (fs.statSync(full).isFile()) files.set(entry, fs.readFileSync(full));
  }
  return files;
}

describe("govcloud plan", () => {
  it("plans the sample and writes plan.json with the contract's fields", async () => {
    const out = path.join(scratch, "zhoucun");
    const result = await run("plan", "inventories/zhoucun", "--out", out);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(
      new RegExp(
        /^planned 103 systems: \d+ rehost, \d+ replatform, 6 consolidate, 18 retire, 2 retain, 2 exclude; /.source +
          /\d+ waves; deadlines 2018-06-30 missed by \d+, 2018-12-31 missed by \d+; wrote \d+ files to /.source,
      ),
    );
    const plan = JSON.parse(fs.readFileSync(path.join(out, "plan.json"), "utf8"));
    expect(Object.keys(plan.systems[0])).toEqual(
      expect.arrayContaining([
        "id",
        "name",
        "department",
        "disposition",
        "reasons",
        "domain",
        "wave",
        "cutoverDate",
        "consolidateInto",
        "targets",
      ]),
    );
    expect(Object.keys(plan.waves[0])).toEqual(expect.arrayContaining(["id", "start", "end", "systems"]));
    expect(Object.keys(plan.rooms[0])).toEqual(expect.arrayContaining(["id", "closeDate", "blockers", "steps"]));
    expect(Object.keys(plan.deadlines[0])).toEqual(
      expect.arrayContaining(["date", "requiredShare", "plannedShare", "met"]),
    );
  });

  it("gives byte-identical files for the same inputs", async () => {
    const a = path.join(scratch, "a");
    const b = path.join(scratch, "b");
    expect((await run("plan", "inventories/zhoucun", "--out", a, "--lang", "en")).code).toBe(0);
    expect((await run("plan", "inventories/zhoucun", "--out", b, "--lang", "en")).code).toBe(0);
    expect(readTree(b)).toEqual(readTree(a));
  });

  it("stops with the validation report and writes nothing when the inventory has errors", async () => {
    const out = path.join(scratch, "bad");
    const result = await run("plan", "tests/fixtures/validation/unresolved-references/input", "--out", out);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/unknown department "polise"/);
    expect(result.err).toMatch(/plan: 7 errors in the inventory; nothing written$/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("plans a bare spreadsheet on the seeds' schedule, or on the flags' one", async () => {
    const form = "inventories/forms/zhoucun-towns-self-inspection.xlsx";
    const seeds = path.join(scratch, "seeds");
    expect((await run("plan", form, "--out", seeds)).code).toBe(0);
    const plan = JSON.parse(fs.readFileSync(path.join(seeds, "plan.json"), "utf8")) as {
      settings: unknown;
      deadlines: { date: string }[];
    };
    expect(plan.settings).toMatchObject({ planningStart: "2018-01-01", policySource: "seeds" });
    expect(plan.deadlines.map((d: { date: string }) => d.date)).toEqual(["2018-06-30", "2018-12-31"]);

    const flags = path.join(scratch, "flags");
    // The flags are recorded in the lock: a scratch lock, not the committed one.
    const lock = path.join(scratch, "flags.lock.yaml");
    expect(
      (
        await run(
          "plan",
          form,
          "--out",
          flags,
          "--lock",
          lock,
          "--start",
          "2018-03-05",
          "--deadline",
          "2018-09-30:70%",
          "--deadline",
          "2018-12-31:100%",
        )
      ).code,
    ).toBe(0);
    expect(fs.readFileSync(lock, "utf8")).toContain(
      'planning:\n  start: 2018-03-05\n  deadlines:\n    - "2018-09-30:70%"\n    - "2018-12-31:100%"\n',
    );
    const later = JSON.parse(fs.readFileSync(path.join(flags, "plan.json"), "utf8")) as {
      settings: unknown;
      deadlines: { date: string }[];
      waves: { start: string }[];
    };
    // The seeds' approval milestone (end of March) still comes first: work from 2018-04-01, first window 14 days on.
    expect(later.settings).toMatchObject({
      planningStart: "2018-03-05",
      policySource: "flags",
      workStart: "2018-04-01",
      firstWindow: "2018-04-15",
    });
    expect(later.deadlines.map((d: { date: string }) => d.date)).toEqual(["2018-09-30", "2018-12-31"]);
    expect(later.waves[0]!.start).toBe("2018-04-15T22:00");
    const afterApproval = path.join(scratch, "after-approval");
    expect(
      (
        await run(
          "plan",
          form,
          "--out",
          afterApproval,
          "--lock",
          path.join(scratch, "after.lock.yaml"),
          "--start",
          "2018-05-02",
        )
      ).code,
    ).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(afterApproval, "plan.json"), "utf8")).settings).toMatchObject({
      workStart: "2018-05-02",
      firstWindow: "2018-05-19",
    });
  });

  it("refuses a lock it could not write before writing anything, exit 2 with the path", async () => {
    const out = path.join(scratch, "no-lock-folder");
    const lock = path.join(scratch, "missing-folder", "x.lock.yaml");
    const result = await run("plan", "inventories/zhoucun", "--out", out, "--lock", lock);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`${lock}: cannot write the plan lock here`);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("writes a linked lock through its link: the link stays, its target gets the lock", async () => {
    const kept = path.join(scratch, "kept-elsewhere");
    fs.mkdirSync(kept, { recursive: true });
    const target = path.join(kept, "zhoucun.lock.yaml");
    fs.copyFileSync("inventories/zhoucun.lock.yaml", target);
    const link = path.join(scratch, "linked.lock.yaml");
    fs.symlinkSync(path.relative(scratch, target), link);
    const result = await run(
      "plan",
      "inventories/zhoucun",
      "--out",
      path.join(scratch, "linked"),
      "--lock",
      link,
      "--start",
      "2018-06-01",
      "--replan",
    );
    expect(result.code, result.err).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, "utf8")).not.toBe(fs.readFileSync("inventories/zhoucun.lock.yaml", "utf8"));
    expect(fs.readdirSync(kept)).toEqual(["zhoucun.lock.yaml"]);
  });

  it("follows a relative lock link from the link's real folder; a cycle of links is exit 2", async () => {
    const real = path.join(scratch, "real");
    fs.mkdirSync(path.join(real, "proj"), { recursive: true });
    fs.mkdirSync(path.join(real, "shared"), { recursive: true });
    const target = path.join(real, "shared", "zhoucun.lock.yaml");
    fs.copyFileSync("inventories/zhoucun.lock.yaml", target);
    fs.symlinkSync("../shared/zhoucun.lock.yaml", path.join(real, "proj", "zhoucun.lock.yaml"));
    // The project reached through a linked folder: `..` in the lock's link is the real folder's parent.
    fs.symlinkSync(path.join(real, "proj"), path.join(scratch, "alias"));
    const lock = path.join(scratch, "alias", "zhoucun.lock.yaml");
    const out = path.join(scratch, "aliased");
    const result = await run("plan", "inventories/zhoucun", "--out", out, "--lock", lock, "--start", "2018-06-01");
    expect(result.code, result.err).toBe(0);
    expect(fs.readFileSync(target, "utf8")).toContain("2018-06-01");
    expect(fs.lstatSync(path.join(real, "proj", "zhoucun.lock.yaml")).isSymbolicLink()).toBe(true);

    fs.symlinkSync("loop-b.lock.yaml", path.join(scratch, "loop-a.lock.yaml"));
    fs.symlinkSync("loop-a.lock.yaml", path.join(scratch, "loop-b.lock.yaml"));
    const loop = await run(
      "plan",
      "inventories/zhoucun",
      "--out",
      path.join(scratch, "loop"),
      "--lock",
      path.join(scratch, "loop-a.lock.yaml"),
    );
    expect(loop.code).toBe(2);
    expect(loop.err).toMatch(/loop-a\.lock\.yaml: cannot (read|write) the plan lock.*(ELOOP|too many)/i);
    expect(fs.lstatSync(path.join(scratch, "loop-a.lock.yaml")).isSymbolicLink()).toBe(true);
  });

  it("answers bad flags with usage, exit 2", async () => {
    expect(await run("plan", "inventories/zhoucun", "--out", path.join(scratch, "x"), "--lang", "fr")).toMatchObject({
      code: 2,
      err: 'govcloud plan: --lang takes zh or en, not "fr" (see govcloud plan --help)',
    });
    const badDeadline = await run(
      "plan",
      "inventories/zhoucun",
      "--out",
      path.join(scratch, "y"),
      "--deadline",
      "2018-13-01:70%",
    );
    expect(badDeadline.code).toBe(2);
    expect(badDeadline.err.split("\n").at(-1)).toBe(
      'govcloud plan: --deadline "2018-13-01:70%" is not DATE:SHARE, e.g. 2027-06-30:70% (see govcloud plan --help)',
    );
    expect(fs.existsSync(path.join(scratch, "y"))).toBe(false);
    expect((await run("plan", "inventories/zhoucun")).err).toBe(
      "govcloud plan: --out <dir> is required (or --check to compare the lock only) (see govcloud plan --help)",
    );
  });
});

describe("govcloud generate", () => {
  it("writes the same valid estate for the same seed", async () => {
    const a = path.join(scratch, "gen-a");
    const b = path.join(scratch, "gen-b");
    const result = await run("generate", "--systems", "300", "--seed", "42", "--out", a);
    expect(result).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^generated 300 systems, \d+ departments, \d+ server rooms into /),
    });
    await run("generate", "--systems", "300", "--seed", "42", "--out", b);
    expect(readTree(b)).toEqual(readTree(a));
    expect((await run("validate", a)).code).toBe(0);
    const other = path.join(scratch, "gen-c");
    await run("generate", "--systems", "300", "--seed", "43", "--out", other);
    expect(readTree(other)).not.toEqual(readTree(a));
  });

  it("writes the estate's ground truth with --truth, and it is what the inventory says", async () => {
    const out = path.join(scratch, "gen-truth");
    const truthFile = path.join(scratch, "gen-truth.json");
    const result = await run("generate", "--systems", "200", "--seed", "7", "--out", out, "--truth", truthFile);
    expect(result).toMatchObject({ code: 0, out: expect.stringContaining("its ground truth into") });
    const truth = JSON.parse(fs.readFileSync(truthFile, "utf8"));
    expect(Object.keys(truth)).toEqual([
      "seed",
      "systems",
      "zombies",
      "reviewCandidates",
      "duplicateGroups",
      "declaredDuplicates",
      "similarNamesDifferentFunctions",
      "dependenciesOnZombies",
      "classified",
      "retained",
    ]);
    expect(truth.zombies.length).toBeGreaterThan(10);
    expect(truth.zombies.map((z: { criterion: string }) => z.criterion)).toEqual(
      expect.arrayContaining(["unused", "idle", "omStopped", "narrow"]),
    );
    const again = path.join(scratch, "gen-truth-2.json");
    await run(
      "generate",
      "--systems",
      "200",
      "--seed",
      "7",
      "--out",
      path.join(scratch, "gen-truth-2"),
      "--truth",
      again,
    );
    expect(fs.readFileSync(again, "utf8")).toBe(fs.readFileSync(truthFile, "utf8"));
    expect(
      (
        await run(
          "generate",
          "--systems",
          "20",
          "--out",
          path.join(scratch, "gen-truth-3"),
          "--truth",
          path.join(scratch, "gen-truth-3", "t.json"),
        )
      ).code,
    ).toBe(2);
  });

  it("refuses a bad size", async () => {
    expect((await run("generate", "--systems", "lots", "--out", scratch)).err).toBe(
      'govcloud generate: --systems takes a whole number from 1 to 1,000,000, not "lots" (see govcloud generate ' +
        "--help)",
    );
  });
});
