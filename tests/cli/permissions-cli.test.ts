/**
 * Permissions the operating system enforces: an unreadable folder inside a dataset and
 * a read-only output parent are exit 2 with the path, the reason and a fix. Root reads
 * and writes everything, so as root the binary runs as nobody (setpriv); needs
 * `npm run build` first, like the other tests that spawn dist/cli/main.js.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const project = path.resolve(__dirname, "..", "..");
const binary = path.join(project, "dist", "cli", "main.js");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-perms-"));
afterAll(() => {
  fs.chmodSync(path.join(scratch, "ds", "secret"), 0o755);
  fs.rmSync(scratch, { recursive: true, force: true });
});

const root = process.getuid?.() === 0;
const hasSetpriv = spawnSync("setpriv", ["--version"]).status === 0;

function govcloud(...args: string[]) {
  const command = root
    ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "node", binary]
    : ["node", binary];
  const result = spawnSync(command[0]!, [...command.slice(1), ...args], {
    cwd: project,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, err: result.stderr };
}

describe.runIf(!root || hasSetpriv)("permissions", () => {
  fs.chmodSync(scratch, 0o755);
  const dataset = path.join(scratch, "ds");
  fs.cpSync(path.join(project, "tests/fixtures/validation/valid-minimal/input"), dataset, { recursive: true });
  fs.mkdirSync(path.join(dataset, "secret"));
  fs.copyFileSync(path.join(dataset, "inventory.yaml"), path.join(dataset, "secret", "more.yaml"));
  fs.chmodSync(path.join(dataset, "secret"), 0o000);
  const readOnly = path.join(scratch, "read-only");
  fs.mkdirSync(readOnly, { mode: 0o555 });
  fs.chmodSync(readOnly, 0o555);

  it("an unreadable folder inside a dataset is an error at its path, not a skip or a crash", () => {
    const result = govcloud("validate", dataset);
    expect(result.code).toBe(2);
    expect(result.err).toContain("ds/secret: cannot read the folder: EACCES");
    expect(result.err).toContain(
      "(fix: give read permission to the folder (chmod a+rx), or move it out of the dataset)",
    );
  });

  it("a read-only output parent is refused before any work, naming the folder", () => {
    const result = govcloud("import", "tests/fixtures/forms/zhoucun-towns.csv", "--out", path.join(readOnly, "out"));
    expect(result.code).toBe(2);
    expect(result.err).toContain(`${readOnly}: cannot write: permission denied (EACCES)`);
    expect(fs.readdirSync(readOnly)).toEqual([]);
  });
});
