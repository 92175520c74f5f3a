/** Inputs are regular files (src/migration/inventory/regular-file.ts): a pipe or a device never hangs a command. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readRegularFile, readRegularText } from "../../src/migration/inventory/regular-file";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-regular-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("reading an input", () => {
  it("reads a regular file whole", () => {
    const file = path.join(scratch, "a.yaml");
    fs.writeFileSync(file, "systems: []\n");
    expect(readRegularText(file)).toEqual({ ok: true, text: "systems: []\n" });
  });

  it("refuses a FIFO without waiting for a writer", () => {
    const fifo = path.join(scratch, "pipe.yaml");
    execFileSync("mkfifo", [fifo]);
    expect(readRegularFile(fifo)).toMatchObject({
      ok: false,
      message: expect.stringContaining("a named pipe (FIFO), not a regular file"),
    });
  });

  it("refuses a device, which never ends, and a folder", () => {
    expect(readRegularFile("/dev/zero")).toMatchObject({
      ok: false,
      message: expect.stringContaining("a character device"),
    });
    expect(readRegularFile(scratch)).toMatchObject({ ok: false, message: expect.stringContaining("a folder") });
  });

  it("measures before reading: a file above the limit is refused unread", () => {
    const file = path.join(scratch, "big.yaml");
    fs.writeFileSync(file, "x".repeat(2048));
    expect(readRegularFile(file, 1024)).toMatchObject({
      ok: false,
      message: "file is 2.0 KiB, above the 1.0 KiB limit",
    });
    expect(readRegularFile(file, 2048).ok).toBe(true);
  });

  it("says why a missing file cannot be read, with its code", () => {
    expect(readRegularFile(path.join(scratch, "missing.yaml"))).toMatchObject({
      ok: false,
      code: "ENOENT",
      fix: "check the path",
    });
  });
});
