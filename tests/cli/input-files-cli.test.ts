/** What commands read: regular files only, links in a dataset followed or reported, never a hang or a silent skip. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli";

const project = path.resolve(__dirname, "..", "..");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-inputs-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
const run = (...argv: string[]) => runCli(project, argv);

const dataset = path.join(scratch, "zhoucun");
fs.cpSync(path.join(project, "inventories", "zhoucun"), dataset, { recursive: true });
fs.copyFileSync(path.join(project, "inventories", "zhoucun.lock.yaml"), path.join(scratch, "zhoucun.lock.yaml"));
const fifo = path.join(scratch, "pipe.yaml");
execFileSync("mkfifo", [fifo]);

describe("a pipe or a device given as an input: exit 2, no hang", () => {
  it("as an inventory file", async () => {
    const result = await run("validate", fifo);
    expect(result.code).toBe(2);
    expect(result.err).toContain("a named pipe (FIFO), not a regular file");
  });

  it("inside a dataset folder", async () => {
    const folder = path.join(scratch, "with-pipe");
    fs.cpSync(dataset, folder, { recursive: true });
    execFileSync("mkfifo", [path.join(folder, "systems", "late.yaml")]);
    const result = await run("validate", folder);
    expect(result.code).toBe(2);
    expect(result.err).toContain("with-pipe/systems/late.yaml: a named pipe (FIFO), not a regular file");
  });

  it("as the plan lock, the site actions, or a preview to compare", async () => {
    const lock = await run("plan", dataset, "--lock", "/dev/zero", "--check");
    expect(lock.code).toBe(2);
    expect(lock.err).toContain("/dev/zero: cannot read the plan lock: a character device, not a regular file");
    const diff = await run("diff", fifo, "/dev/zero");
    expect(diff.code).toBe(2);
    expect(diff.err).toContain("a named pipe (FIFO), not a regular file");
    const actions = await run("cutover", "run", dataset, "--wave", "W1", "--actions", fifo, "--dry-run");
    expect(actions.code).toBe(2);
    expect(actions.err).toContain("cannot read the site actions: a named pipe (FIFO), not a regular file");
  });
});

describe("symbolic links inside a dataset", () => {
  it("are followed to files and folders; a loop is read once; a dangling one is an error at its path", async () => {
    const linked = path.join(scratch, "linked");
    fs.mkdirSync(linked);
    for (const name of ["departments.yaml", "policy.yaml", "rooms.yaml"])
      fs.symlinkSync(path.join(dataset, name), path.join(linked, name));
    fs.symlinkSync(path.join(dataset, "systems"), path.join(linked, "systems"));
    fs.symlinkSync(linked, path.join(linked, "loop"));
    const followed = await run("validate", linked);
    const direct = await run("validate", dataset);
    expect(followed.code).toBe(0);
    expect(followed.out).toBe(direct.out);

    fs.symlinkSync(path.join(scratch, "gone.yaml"), path.join(linked, "gone.yaml"));
    const dangling = await run("validate", linked);
    expect(dangling.code).toBe(2);
    expect(dangling.err).toContain("linked/gone.yaml: symbolic link to nothing (its target is missing)");
  });
});
