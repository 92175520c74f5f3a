/** Every writing command keeps its hands off its inputs, links and unwritable folders: exit 2, nothing changed. */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli";

const project = path.resolve(__dirname, "..", "..");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-out-safety-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
const run = (...argv: string[]) => runCli(project, argv);

/** Every file under a path and its bytes' hash: equal before and after means untouched. */
function fingerprint(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const stat = fs.lstatSync(root);
  if (!stat.isDirectory()) return { [root]: createHash("sha256").update(fs.readFileSync(root)).digest("hex") };
  for (const entry of fs.readdirSync(root, { recursive: true }).map(String).sort()) {
    const full = path.join(root, entry);
    files[entry] = fs.lstatSync(full).isFile() ? createHash("sha256").update(fs.readFileSync(full)).digest("hex") : "/";
  }
  return files;
}

const dataset = path.join(scratch, "zhoucun");
fs.cpSync(path.join(project, "inventories", "zhoucun"), dataset, { recursive: true });
const form = path.join(scratch, "towns.csv");
fs.copyFileSync(path.join(project, "tests/fixtures/forms/zhoucun-towns.csv"), form);

describe("an output inside an input is refused, the input untouched", () => {
  it("plan --out inside the dataset", async () => {
    const before = fingerprint(dataset);
    const result = await run("plan", dataset, "--out", path.join(dataset, "plan"));
    expect(result.code).toBe(2);
    expect(result.err).toContain(`--out is inside the input ${dataset}: writing there would add files to it`);
    expect(fingerprint(dataset)).toEqual(before);
  });

  it("form --out over the workbook it reads, or into the dataset", async () => {
    const before = fingerprint(form);
    const over = await run("form", form, "--out", form);
    expect(over.code).toBe(2);
    expect(over.err).toContain(`--out is the input ${form}`);
    expect(fingerprint(form)).toEqual(before);
    const into = await run("form", dataset, "--out", path.join(dataset, "self-inspection.xlsx"));
    expect(into.code).toBe(2);
    expect(fs.existsSync(path.join(dataset, "self-inspection.xlsx"))).toBe(false);
  });

  it("progress --out over the journals it reads", async () => {
    const state = path.join(scratch, "state");
    fs.mkdirSync(state);
    const result = await run("progress", dataset, "--as-of", "2018-06-30", "--state", state, "--out", state, "--force");
    expect(result.code).toBe(2);
  });

  it("cutover run's state folder (its journal and step logs) in the dataset, or a --work there", async () => {
    const before = fingerprint(dataset);
    const inside = await run("cutover", "run", dataset, "--wave", "w", "--state", path.join(dataset, "state"));
    expect(inside.code).toBe(2);
    expect(inside.err).toContain(`--state is inside the input ${dataset}: writing there would add files to it`);
    expect(inside.err).toContain(
      "(fix: choose a --state outside the dataset (the default is .govcloud/cutover, in the current folder))",
    );
    const equal = await run("cutover", "run", dataset, "--wave", "w", "--state", dataset);
    expect(equal.err).toContain(`--state is the input ${dataset}: writing there would add files to it`);
    const retire = await run("cutover", "retire", dataset, "agri", "--by", "张三", "--state", path.join(dataset, "s"));
    expect(retire.code).toBe(2);
    expect(retire.err).toContain(`--state is inside the input ${dataset}`);
    const work = ["--state", "postgres://cutover@127.0.0.1:1/govcloud", "--work", path.join(dataset, "logs")];
    const logs = await run("cutover", "run", dataset, "--wave", "w", ...work);
    expect(logs.code).toBe(2);
    expect(logs.err).toContain(`--work is inside the input ${dataset}`);
    expect(fingerprint(dataset)).toEqual(before);
    // Run from inside the dataset, the default state folder would land in it: said as the default.
    const defaulted = await runCli(dataset, ["cutover", "run", ".", "--wave", "w"]);
    expect(defaulted.code).toBe(2);
    expect(defaulted.err).toContain("the default --state folder .govcloud/cutover is inside the input .");
    expect(defaulted.err).toContain("(fix: run from outside the dataset, or give a --state folder outside it)");
    // A state folder that holds the dataset adds nothing to it: the run goes on (and stops at the missing lock).
    const around = await run("cutover", "run", dataset, "--wave", "w", "--state", scratch);
    expect(around.err).not.toContain("--state");
    expect(around.err).toContain("lock");
  });

  it("an --out that is a symbolic link stays a link", async () => {
    const real = path.join(scratch, "real");
    fs.mkdirSync(real);
    const link = path.join(scratch, "link");
    fs.symlinkSync(real, link);
    const result = await run("import", form, "--out", link, "--force");
    expect(result.code).toBe(2);
    expect(result.err).toContain(`--out is a symbolic link (to ${real})`);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
  });
});

describe("a folder the system will not write to: exit 2 with the path and a fix", () => {
  it("a name too long", async () => {
    const result = await run("import", form, "--out", path.join(scratch, "n".repeat(300)));
    expect(result.code).toBe(2);
    expect(result.err).toContain("ENAMETOOLONG");
    expect(result.err).toContain("(fix: choose a shorter path)");
  });

  // A read-only disk refuses root too (a folder's mode does not): a read-only tmpfs where this runs as root.
  const readOnly = path.join(scratch, "read-only");
  let mounted = false;
  if (process.getuid?.() === 0) {
    fs.mkdirSync(readOnly);
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", readOnly], { stdio: "ignore" });
      mounted = true;
    } catch {
      // not allowed in this container: the unit test of the mapping covers the message
    }
  }
  afterAll(() => {
    if (mounted) execFileSync("umount", [readOnly]);
  });

  it.runIf(mounted)("a read-only parent, refused before any work", async () => {
    for (const argv of [
      ["import", form, "--out", path.join(readOnly, "out")],
      ["form", dataset, "--out", path.join(readOnly, "form.csv")],
      ["generate", "--systems", "3", "--out", path.join(readOnly, "estate")],
    ]) {
      const result = await run(...argv);
      expect(result.code, argv.join(" ")).toBe(2);
      expect(result.err).toContain(`${readOnly}: cannot write: the file system is read-only (EROFS)`);
    }
  });
});
