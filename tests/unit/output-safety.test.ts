/** Output safety (src/cli/output-safety.ts): the one check every writer makes. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/migration/inventory/diagnostics";
import { writeFolderAtomically } from "../../src/cli/out-folder";
import {
  assertSafeOutput,
  environmentError,
  sweepStaleStaging,
  writeFileAtomically,
} from "../../src/cli/output-safety";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-safety-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (cause) {
    if (cause instanceof InputError) return cause.diagnostics.map((d) => `${d.location.file}: ${d.message}`).join("\n");
    throw cause;
  }
  return "";
}

const target = (out: string, inputs: string[] = []) => ({ out, shown: out, inputs, cwd: scratch });

describe("where an output may go", () => {
  const dataset = path.join(scratch, "dataset");
  fs.mkdirSync(path.join(dataset, "systems"), { recursive: true });
  fs.writeFileSync(path.join(dataset, "systems", "a.yaml"), "systems: []\n");

  it("not inside an input, on it, or around it", () => {
    expect(refusal(() => assertSafeOutput(target(path.join(dataset, "out"), [dataset])))).toContain(
      "--out is inside the input",
    );
    expect(refusal(() => assertSafeOutput(target(dataset, [path.join(dataset, "systems", "a.yaml")])))).toContain(
      "--out holds the input",
    );
    const file = path.join(dataset, "systems", "a.yaml");
    expect(refusal(() => assertSafeOutput(target(file, [file])))).toContain("--out is the input");
    expect(refusal(() => assertSafeOutput(target(path.join(scratch, "elsewhere"), [dataset])))).toBe("");
  });

  it("not through a second name: a link to the dataset is the dataset", () => {
    const alias = path.join(scratch, "alias");
    fs.symlinkSync(dataset, alias);
    expect(refusal(() => assertSafeOutput(target(path.join(alias, "out"), [dataset])))).toContain(
      "is inside the input",
    );
  });

  it("never a symbolic link, which would be replaced by a folder: the link and its target stay", async () => {
    const real = path.join(scratch, "real-out");
    fs.mkdirSync(real);
    fs.writeFileSync(path.join(real, "keep.md"), "keep\n");
    const link = path.join(scratch, "link-out");
    fs.symlinkSync(real, link);
    await expect(writeFolderAtomically(target(link), new Map([["a.md", "a\n"]]))).rejects.toThrow(InputError);
    expect(refusal(() => assertSafeOutput(target(link)))).toContain(`--out is a symbolic link (to ${real})`);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readdirSync(real)).toEqual(["keep.md"]);
    await expect(writeFileAtomically(target(link), "x")).rejects.toThrow(InputError);
  });
});

describe("staging left by a killed run", () => {
  it("is swept by the next run that succeeds; a live run's staging is kept", async () => {
    const out = path.join(scratch, "swept");
    // A pid that cannot be running (above the kernel's pid_max), one from before pids were recorded, and a live one.
    const dead = path.join(scratch, ".swept.tmp-4194305-abc123");
    const legacy = path.join(scratch, ".swept.tmp-xyz789");
    const live = path.join(scratch, `.swept.tmp-${process.ppid}-def456`);
    for (const folder of [dead, legacy, live, `${dead}.old`]) fs.mkdirSync(folder);
    fs.writeFileSync(path.join(dead, "half.md"), "half");
    await writeFolderAtomically(target(out), new Map([["a.md", "a\n"]]));
    const left = fs.readdirSync(scratch).filter((name) => name.startsWith(".swept."));
    expect(left).toEqual([path.basename(live)]);
    expect(sweepStaleStaging(out)).toEqual([]);
  });

  it("a single file's staging too", async () => {
    const file = path.join(scratch, "form.csv");
    fs.writeFileSync(path.join(scratch, ".form.csv.tmp-4194305-abc123"), "half");
    await writeFileAtomically(target(file), "a,b\n");
    expect(fs.readFileSync(file, "utf8")).toBe("a,b\n");
    expect(fs.readdirSync(scratch).filter((name) => name.startsWith(".form.csv"))).toEqual([]);
  });
});

describe("what the system refuses is the user's to fix (exit 2), not a bug", () => {
  it("a name too long names the path, the reason and a fix", async () => {
    const out = path.join(scratch, "x".repeat(300));
    const error = await writeFolderAtomically(target(out), new Map([["a.md", "a\n"]])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    const [diagnostic] = (error as InputError).diagnostics;
    expect(diagnostic!.message).toContain("the name is too long for the file system (ENAMETOOLONG)");
    expect(diagnostic!.fix).toBe("choose a shorter path");
    expect(diagnostic!.location.file).toContain("x".repeat(300));
  });

  it("each refusal has its reason and fix; anything else stays a bug", () => {
    const failure = (code: string) => Object.assign(new Error(`${code}: failed`), { code, path: "/srv/out" });
    for (const [code, reason] of [
      ["EACCES", "permission denied"],
      ["EROFS", "the file system is read-only"],
      ["ENOSPC", "no space left on the disk"],
    ] as const) {
      const [diagnostic] = environmentError(failure(code), "/srv/out", "out")!.diagnostics;
      expect(diagnostic).toMatchObject({ location: { file: "out" }, message: `cannot write: ${reason} (${code})` });
      expect(diagnostic!.fix).toBeTruthy();
    }
    expect(environmentError(new TypeError("x is undefined"), "/srv/out")).toBeUndefined();
  });
});
