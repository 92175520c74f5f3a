/**
 * Hostile input against every command, in-process (issue 17): a seeded corpus of the
 * classes found by hand (hostile scalars, broken line breaks, truncated and flipped
 * bytes, pipes, devices, dangling links, formula and escape cells, extreme numbers and
 * years, deep nesting) run through validate, plan, form, import, diff, generate, waves,
 * progress and cutover. Every answer is exit 0, 1 (a policy) or 2 with a message, never
 * 70 or a stack trace; no input is ever changed (hashed before and after); a hang fails
 * the test by its time-out. FUZZ_SEED and FUZZ_CASES choose another corpus.
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Random } from "../../src/migration/generate/random";
import { runCli, type CliResult } from "../support/cli";

const project = path.resolve(__dirname, "..", "..");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-fuzz-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const SEED = Number(process.env.FUZZ_SEED ?? 17);
const CASES = Number(process.env.FUZZ_CASES ?? 24);

const BASE_YAML = fs.readFileSync(
  path.join(project, "tests/fixtures/validation/valid-minimal/input/inventory.yaml"),
  "utf8",
);
const BASE_FORM = fs.readFileSync(path.join(project, "tests/fixtures/forms/zhoucun-towns.csv"), "utf8");

/** Scalars an attacker, a careless user or a broken export would put in a field. */
const HOSTILE_SCALARS = [
  '""',
  '"\\0"',
  '"\\e[2J\\e]0;pwned\\a"',
  "\"=cmd|' /C calc'!A0\"",
  '"@SUM(A1)"',
  '"+86 533"',
  "-1",
  "0",
  "99999999999",
  "1e308",
  ".nan",
  ".inf",
  "10000-01-01",
  "0000-00-00",
  "1899-12-30",
  '"周村\\u200b区"',
  '"Cafe\\u0301"',
  `"${"长".repeat(5000)}"`,
  `${"[".repeat(3000)}${"]".repeat(3000)}`,
  "{a: {b: {c: {d: {e: 1}}}}}",
  "[]",
  "null",
  "!!binary aGVsbG8=",
  "&a [*a]",
];

const mutateYaml = (random: Random, text: string): string => {
  const lines = text.split("\n");
  for (let n = random.int(1, 3); n > 0; n--) {
    const index = random.int(0, lines.length - 1);
    const line = lines[index]!;
    const colon = line.indexOf(": ");
    if (colon > 0) lines[index] = `${line.slice(0, colon + 2)}${random.pick(HOSTILE_SCALARS)}`;
  }
  return lines.join("\n");
};

const mutateCsvCell = (random: Random, text: string): string => {
  const rows = text.split("\n");
  const row = random.int(1, rows.length - 1);
  const cells = rows[row]!.split(",");
  const cell = random.int(0, cells.length - 1);
  cells[cell] = random.pick([
    '=HYPERLINK("http://x")',
    "\u001b[31m红\u0007",
    "0",
    "-45000",
    "99999999999",
    "周村\u200b区",
    "\u0000",
    '"unclosed',
    "",
  ]);
  rows[row] = cells.join(",");
  return rows.join("\n");
};

const lineBreaks = (random: Random, text: string): string =>
  random.pick([(t: string) => t.replace(/\n/g, "\r"), (t: string) => t.replace(/\n/g, "\r\n"), (t: string) => t])(text);

const damageBytes = (random: Random, text: string): Buffer => {
  const bytes = Buffer.from(text);
  if (random.chance(0.5)) return bytes.subarray(0, random.int(0, bytes.length));
  for (let n = random.int(1, 8); n > 0; n--) bytes[random.int(0, bytes.length - 1)] = random.int(0, 255);
  return bytes;
};

/** One hostile input: a path (a file, a folder, a pipe, a device or a link) and what kind it is. */
function hostileInput(random: Random, index: number): { path: string; kind: string } {
  const folder = path.join(scratch, `case-${index}`);
  fs.mkdirSync(folder, { recursive: true });
  const kind = random.pick(["yaml", "yaml", "yaml", "csv", "csv", "bytes", "fifo", "device", "dangling", "folder"]);
  const file = path.join(folder, kind === "csv" ? "form.csv" : "inventory.yaml");
  switch (kind) {
    case "yaml":
      fs.writeFileSync(file, lineBreaks(random, mutateYaml(random, BASE_YAML)));
      return { path: file, kind };
    case "csv":
      fs.writeFileSync(file, lineBreaks(random, mutateCsvCell(random, BASE_FORM)));
      return { path: file, kind };
    case "bytes":
      fs.writeFileSync(file, damageBytes(random, BASE_YAML));
      return { path: file, kind };
    case "fifo":
      execFileSync("mkfifo", [file]);
      return { path: file, kind };
    case "device":
      return { path: "/dev/zero", kind };
    case "dangling":
      fs.symlinkSync(path.join(folder, "gone.yaml"), file);
      return { path: folder, kind };
    default:
      fs.writeFileSync(path.join(folder, "a.yaml"), mutateYaml(random, BASE_YAML));
      return { path: folder, kind };
  }
}

/** Every regular file under a path and its hash; pipes and devices by what they are. */
function fingerprint(target: string): Record<string, string> {
  const result: Record<string, string> = {};
  const visit = (at: string) => {
    const stat = fs.lstatSync(at, { throwIfNoEntry: false });
    if (!stat) result[at] = "missing";
    else if (stat.isSymbolicLink()) result[at] = `link ${fs.readlinkSync(at)}`;
    else if (stat.isDirectory()) for (const name of fs.readdirSync(at).sort()) visit(path.join(at, name));
    else if (stat.isFile()) result[at] = createHash("sha256").update(fs.readFileSync(at)).digest("hex");
    else result[at] = stat.isFIFO() ? "fifo" : "device";
  };
  visit(target);
  return result;
}

/** The commands, each given the hostile input where it takes one. */
function commandsFor(input: string, index: number): string[][] {
  const out = (name: string) => path.join(scratch, `out-${index}`, name);
  return [
    ["validate", input],
    ["plan", input, "--out", out("plan"), "--lock", out("plan.lock.yaml")],
    ["plan", input, "--check", "--lock", input],
    ["form", input, "--out", out("form.csv")],
    ["form", input, "--out", input],
    ["import", input, "--out", out("imported")],
    ["diff", input, input],
    ["progress", input, "--as-of", "2018-06-30", "--state", input, "--out", out("progress")],
    ["waves", input, "--lock", input],
    ["cutover", "run", input, "--wave", "W1", "--dry-run", "--actions", input],
  ];
}

/** Flags a careless user types. */
const HOSTILE_FLAGS: string[][] = [
  ["generate", "--systems", "1e9", "--out", "x"],
  ["generate", "--systems", "-1", "--out", "x"],
  ["generate", "--systems", "NaN", "--out", "x"],
  ["generate", "--systems", "3", "--seed", "99999999999999999999", "--out", "x"],
  ["plan", "inventories/zhoucun", "--start", "9999-01-01", "--check"],
  ["plan", "inventories/zhoucun", "--start", "2018-02-30", "--check"],
  ["plan", "inventories/zhoucun", "--deadline", "10000-01-01:100%", "--check"],
  ["plan", "inventories/zhoucun", "--max-file-mb", "-5", "--check"],
  ["progress", "inventories/zhoucun", "--as-of", "0000-01-01", "--out", "x"],
  ["diff", "--max-chars", "1e400", "a", "b"],
  ["preview", "--stack", "../../etc/passwd"],
  ["preview", "--stack", "\u001b[2J"],
  ["cutover", "status", "--state", "/dev/zero"],
  ["nonsense\u0007"],
];

function expectAnswered(result: CliResult, argv: readonly string[]): void {
  const what = `govcloud ${argv.join(" ").slice(0, 200)}\n${result.err.slice(0, 2000)}`;
  expect([0, 1, 2], what).toContain(result.code);
  expect(result.err, what).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)?/);
  // Nothing printed obeys the terminal: control characters arrive escaped.
  expect(`${result.out}${result.err}`, what).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  if (result.code === 2) expect(result.err.trim(), what).not.toBe("");
}

/**
 * A written plan: plan.json parses and holds only finite numbers and real dates; SVG holds only characters XML allows.
 */
function expectWellFormed(folder: string): void {
  const json = fs.readFileSync(path.join(folder, "plan.json"), "utf8");
  expect(() => JSON.parse(json) as unknown).not.toThrow();
  expect(json).not.toMatch(/\bNaN\b|Infinity|Invalid Date/);
  for (const chart of fs.readdirSync(path.join(folder, "charts")))
    expect(fs.readFileSync(path.join(folder, "charts", chart), "utf8")).not.toMatch(
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/,
    );
}

describe("hostile input against every command", () => {
  const random = new Random(SEED);
  for (let index = 0; index < CASES; index++) {
    const input = hostileInput(random, index);
    it(`case ${index}: ${input.kind}`, async () => {
      const before = fingerprint(input.path);
      for (const argv of commandsFor(input.path, index)) {
        const result = await runCli(scratch, argv);
        expectAnswered(result, argv);
        if (argv[0] === "plan" && argv[2] === "--out" && result.code === 0) expectWellFormed(argv[3]!);
      }
      expect(fingerprint(input.path)).toEqual(before);
    });
  }

  it("hostile flags", async () => {
    for (const argv of HOSTILE_FLAGS) {
      const result = await runCli(
        project,
        argv.map((a) => (a === "x" ? path.join(scratch, "flags-out") : a)),
      );
      expectAnswered(result, argv);
    }
  });
});
