/** Reading the bytes a step moved: rsync's own --stats output (real rsync), and the units shown. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expect, test } from "vitest";
import { bytesPerSecond, formatBytes, rsyncStatsBytes } from "../../src/migration/cutover/measure";

test("rsync --stats: the transferred size, the last run's when a log holds several", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-measure-"));
  try {
    fs.mkdirSync(path.join(dir, "src", "deep"), { recursive: true });
    fs.writeFileSync(path.join(dir, "src", "deep", "a"), Buffer.alloc(1_234_567, 1));
    fs.writeFileSync(path.join(dir, "src", "b"), "学籍\n");
    const first = execFileSync("rsync", ["-a", "--stats", `${dir}/src/`, `${dir}/dst/`], { encoding: "utf8" });
    expect(rsyncStatsBytes(first)).toBe(1_234_567 + Buffer.byteLength("学籍\n"));
    const again = execFileSync("rsync", ["-a", "--stats", `${dir}/src/`, `${dir}/dst/`], { encoding: "utf8" });
    expect(rsyncStatsBytes(`${first}\n${again}`)).toBe(0); // nothing changed: nothing moved
    expect(rsyncStatsBytes("no stats here")).toBeUndefined();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("units and pace", () => {
  expect(formatBytes(512)).toBe("512 B");
  expect(formatBytes(1536)).toBe("1.5 KB");
  expect(formatBytes(3 * 1024 ** 3)).toBe("3.0 GB");
  expect(bytesPerSecond(1000, 500)).toBe(2000);
  expect(bytesPerSecond(1000, 0)).toBeUndefined();
});
