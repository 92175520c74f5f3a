/**
 * `govcloud … | head`: when the reader of standard output stops, govcloud drops the rest of
 * its output and finishes its work, with no EPIPE crash trace.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { expect, it } from "vitest";

const IO = path.resolve(__dirname, "..", "..", "dist", "cli", "io.js");

it("keeps working, quietly, after the reader of its output has gone", () => {
  // 200,000 lines through the CLI's own output, then a line on stderr to show the work went on.
  const script = `const { processIo } = require(${JSON.stringify(IO)});
for (let i = 0; i < 200000; i++) processIo.out("line " + i);
setTimeout(() => processIo.err("finished"), 50);`;
  const run = spawnSync("bash", ["-o", "pipefail", "-c", `node -e '${script.replace(/'/g, "'\\''")}' | head -1`], {
    encoding: "utf8",
  });
  expect(run.stdout).toBe("line 0\n");
  expect(run.stderr).toBe("finished\n");
  expect(run.status).toBe(0);
});
