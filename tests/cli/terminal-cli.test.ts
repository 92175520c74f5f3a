/** What users wrote is echoed to the terminal, never obeyed: control characters are shown as escapes. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { escapeForTerminal } from "../../src/cli/io";
import { runCli } from "../support/cli";

const project = path.resolve(__dirname, "..", "..");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-terminal-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("text for the terminal", () => {
  it(
    "shows ESC, BEL, CR, NUL, C1 controls and bidirectional overrides as escapes; " +
      "keeps tabs, line breaks and Chinese",
    () => {
      expect(escapeForTerminal("\u001b[2J清屏\u0007\r\u0000\u009b\u202e")).toBe(
        "\\u{1b}[2J清屏\\u{07}\\u{0d}\\u{00}\\u{9b}\\u{202e}",
      );
      expect(escapeForTerminal("a\tb\nc")).toBe("a\tb\nc");
    },
  );

  it("every command's messages pass through it: a file name with an ANSI sequence is echoed escaped", async () => {
    const file = path.join(scratch, "\u001b[2J\u001b]0;pwned\u0007.yaml");
    const result = await runCli(project, ["validate", file]);
    expect(result.code).toBe(2);
    expect(result.err).toContain("\\u{1b}[2J\\u{1b}]0;pwned\\u{07}.yaml: no such file or folder");
    expect(result.err).not.toMatch(/[\u0007\u001b]/);
  });
});
