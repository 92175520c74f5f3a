/**
 * The command line, run in-process through `main` with captured output, and once as
 * the installed binary to prove the `bin` entry works.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli";

const project = path.resolve(__dirname, "..", "..");
const fixtures = path.join(project, "tests", "fixtures");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-cli-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const run = (...argv: string[]) => runCli(project, argv);

describe("govcloud", () => {
  it.each(["validate", "import", "form", "schema"])("%s --help explains the command and exits 0", async (command) => {
    const result = await run(command, "--help");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(new RegExp(`^Usage: govcloud ${command}`));
  });

  it("lists its commands", async () => {
    const result = await run("--help");
    expect(result.code).toBe(0);
    for (const command of ["validate", "import", "form", "schema"]) expect(result.out).toContain(`  ${command}`);
  });

  it("suggests a command for a slip, exit 2", async () => {
    expect(await run("valdiate")).toEqual({
      code: 2,
      out: "",
      err: 'govcloud: unknown command "valdiate"; did you mean "validate"? (see govcloud --help)',
    });
  });

  it("answers an unknown option with usage, exit 2, no stack trace", async () => {
    const result = await run("validate", "--strict-mode", "inventories");
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^govcloud validate: Unknown option '--strict-mode'.*\(see govcloud validate --help\)$/);
    expect(result.err).not.toMatch(/\n\s+at /);
  });
});

describe("govcloud validate", () => {
  it("exits 0 with a summary for a valid dataset", async () => {
    const result = await run("validate", "tests/fixtures/validation/valid-minimal/input");
    expect(result).toEqual({
      code: 0,
      out: "valid: 2 systems, 2 departments, 1 server room, policy set; 0 errors, 0 warnings in 1 file",
      err: "",
    });
  });

  it("prints warnings but exits 0", async () => {
    const result = await run("validate", "tests/fixtures/validation/warnings/input");
    expect(result.code).toBe(0);
    expect(result.err).toContain("warning: systems[0].cpuAvgPct: 0 % average CPU for a system used daily");
  });

  it("reports every error at once and exits 2", async () => {
    const result = await run("validate", "tests/fixtures/validation/unresolved-references/input");
    expect(result.code).toBe(2);
    expect(result.err.split("\n")).toHaveLength(8);
    expect(result.err).toMatch(
      /^tests\/fixtures\/validation\/unresolved-references\/input\/inventory\.yaml:9:13: departments\[1\]\.parent: /,
    );
    expect(result.err).toMatch(/invalid: .*; 7 errors, 0 warnings in 1 file$/);
  });

  it("says so when a path does not exist", async () => {
    const result = await run("validate", "inventories/nowhere");
    expect(result.code).toBe(2);
    expect(result.err).toContain("inventories/nowhere: no such file or folder (fix: check the path)");
  });

  it("refuses a file of an unsupported type", async () => {
    const file = path.join(scratch, "notes.txt");
    fs.writeFileSync(file, "hello");
    const result = await run("validate", file);
    expect(result.code).toBe(2);
    expect(result.err).toContain('unsupported file type ".txt" (fix: inventories are .yaml, .yml, .csv, .xlsx files)');
  });

  function writeLargeInventory(file: string, bytes: number): void {
    const system = fs.readFileSync(
      path.join(fixtures, "validation", "valid-minimal", "input", "inventory.yaml"),
      "utf8",
    );
    const header = system.slice(0, system.indexOf("systems:\n") + "systems:\n".length);
    const entry = system.slice(system.indexOf("  - id: portal"), system.indexOf("  - id: case-files"));
    const parts = [header];
    let size = header.length;
    for (let i = 0; size < bytes; i++) {
      const copy = entry.replace("id: portal", `id: portal-${i}`);
      parts.push(copy);
      size += Buffer.byteLength(copy);
    }
    fs.writeFileSync(file, parts.join(""));
  }

  it("answers a 50 MB file at once: split it, or raise the limit", async () => {
    const file = path.join(scratch, "large.yaml");
    writeLargeInventory(file, 50 * 1024 * 1024);
    const result = await run("validate", file);
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      "large.yaml: file is 50.0 MiB, above the 32.0 MiB limit for one inventory file (fix: " +
        "split it into a folder of smaller files",
    );
  });

  it("reads a 4 MB file (8,000 systems)", async () => {
    const file = path.join(scratch, "medium.yaml");
    writeLargeInventory(file, 4 * 1024 * 1024);
    const result = await run("validate", file);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^valid: \d{4} systems/);
  });
});

describe("govcloud import", () => {
  const form = "tests/fixtures/validation/form-valid-chinese-headers/input/form.csv";

  it("writes the dataset folder, which validates and loads as the same model", async () => {
    const out = path.join(scratch, "imported");
    const result = await run("import", form, "--out", out);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^imported 3 systems, 2 departments, 2 server rooms into .* \(4 files\)$/);
    const files = fs.readdirSync(out, { recursive: true }).map(String).sort();
    expect(files).toEqual([
      "departments.yaml",
      "rooms.yaml",
      "systems",
      expect.stringMatching(/^systems\/qmzj-[0-9a-f]{6}\.yaml$/),
      expect.stringMatching(/^systems\/wcz-[0-9a-f]{6}\.yaml$/),
    ]);
    const first = fs.readFileSync(path.join(out, "rooms.yaml"), "utf8").split("\n")[0];
    expect(first).toBe(
      `# yaml-language-server: ` +
        `$schema=${path.relative(out, path.join(project, "inventories/schema/inventory.schema.json"))}`,
    );
    expect((await run("validate", out)).code).toBe(0);
  });

  it("a form and the YAML imported from it validate together: names give one department and room", async () => {
    const out = path.join(scratch, "imported-twice");
    expect((await run("import", form, "--out", out)).code).toBe(0);
    expect(await run("validate", out, form)).toMatchObject({
      code: 2,
      err: expect.stringMatching(/duplicate system id/),
    });
    const departmentsOnly = path.join(scratch, "departments-only");
    fs.mkdirSync(departmentsOnly);
    fs.copyFileSync(path.join(out, "departments.yaml"), path.join(departmentsOnly, "departments.yaml"));
    fs.copyFileSync(path.join(out, "rooms.yaml"), path.join(departmentsOnly, "rooms.yaml"));
    expect(await run("validate", departmentsOnly, form)).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^valid: 3 systems, 2 departments, 2 server rooms/),
    });
  });

  it("writes nothing when the form has errors", async () => {
    const out = path.join(scratch, "never");
    const result = await run("import", "tests/fixtures/validation/form-bad-cells/input/form.csv", "--out", out);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/import: 9 errors in .*form\.csv; nothing written$/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("does not overwrite a folder unless told to, and --force leaves no stale file", async () => {
    const out = path.join(scratch, "existing");
    fs.mkdirSync(path.join(out, "systems"), { recursive: true });
    fs.writeFileSync(path.join(out, "systems", "stale.yaml"), "systems: []\n");
    const refused = await run("import", form, "--out", out);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(
      "is not empty; nothing written (fix: choose a new folder, or add --force to replace its contents)",
    );
    const forced = await run("import", form, "--out", out, "--force");
    expect(forced.code).toBe(0);
    expect(fs.existsSync(path.join(out, "systems", "stale.yaml"))).toBe(false);
    expect(fs.readdirSync(scratch).filter((name) => name.includes(".tmp-"))).toEqual([]);
  });

  it("needs --out and a form", async () => {
    expect((await run("import", form)).err).toBe(
      "govcloud import: --out <dir> is required (see govcloud import --help)",
    );
    expect((await run("import", "inventories/zhoucun/policy.yaml", "--out", scratch)).err).toContain(
      "is not a form: import reads .csv or .xlsx files",
    );
  });
});

describe("govcloud schema", () => {
  it("the committed JSON Schemas are generated from the zod models (fails when stale)", async () => {
    expect(await run("schema", "--check")).toEqual({
      code: 0,
      out:
        "inventories/schema/inventory.schema.json is up to date\ninventories/schema/plan-lock.schema.json is up " +
        "to date\ninventories/schema/cutover.schema.json is up to date",
      err: "",
    });
  });
});

describe("the installed binary", () => {
  it("runs as `govcloud` through package.json's bin", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8")) as {
      bin: { govcloud: string };
    };
    const bin = path.join(project, manifest.bin.govcloud);
    expect(fs.readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node")).toBe(true);
    expect(execFileSync(process.execPath, [bin, "--version"], { encoding: "utf8" }).trim()).toMatch(/^\d+\.\d+\.\d+$/);
    // npx runs the file itself: it must be executable (the build sets the bit; tsc does not).
    if (process.platform !== "win32")
      expect(execFileSync(bin, ["--version"], { encoding: "utf8" }).trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const bad = spawnSync(process.execPath, [bin, "validate", "tests/fixtures/validation/yaml-syntax/input"], {
      cwd: project,
      encoding: "utf8",
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("YAML syntax: Sequence item without - indicator");
  });
});

describe("output folders and limits", () => {
  const form = "tests/fixtures/validation/form-valid-chinese-headers/input/form.csv";

  it("refuses an --out that is a file, or under one, with exit 2", async () => {
    const file = path.join(scratch, "a-file");
    fs.writeFileSync(file, "x");
    expect(await run("import", form, "--out", file)).toMatchObject({
      code: 2,
      err: expect.stringContaining(`--out ${file} is a file, not a folder (choose a folder)`),
    });
    expect(await run("import", form, "--out", path.join(file, "sub"))).toMatchObject({
      code: 2,
      err: expect.stringContaining("cannot write: a part of the path is a file, not a folder (ENOTDIR)"),
    });
  });

  it("refuses an --out that holds the input, even with --force", async () => {
    const result = await run("import", form, "--out", "tests/fixtures/validation", "--force");
    expect(result.code).toBe(2);
    expect(result.err).toContain(
      "holds the input tests/fixtures/validation/form-valid-chinese-headers/input/form.csv: " +
        "writing there would replace it",
    );
  });

  it("answers a bad --max-file-mb as usage, exit 2", async () => {
    expect(await run("validate", form, "--max-file-mb", "abc")).toEqual({
      code: 2,
      out: "",
      err: 'govcloud validate: --max-file-mb takes a positive number, not "abc" (see govcloud validate --help)',
    });
  });

  it("creates the output folder readable by others, as mkdir would", async () => {
    const out = path.join(scratch, "mode");
    expect((await run("import", form, "--out", out)).code).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o777 & ~process.umask());
  });
});
