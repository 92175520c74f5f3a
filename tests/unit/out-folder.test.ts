import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeFolderAtomically } from "../../src/cli/out-folder";
import type { FileContent } from "../../src/migration/plan/render/pieces";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-out-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const read = (folder: string) =>
  fs
    .readdirSync(folder, { recursive: true })
    .map(String)
    .filter((f) => fs.statSync(path.join(folder, f)).isFile())
    .sort()
    .map((f) => [f, fs.readFileSync(path.join(folder, f), "utf8")]);

describe("writing an output folder", () => {
  it("writes text, bytes and pieces into nested folders, counting every file", async () => {
    const target = path.join(scratch, "plan");
    const big = "x".repeat(700_000);
    const files = new Map<string, FileContent>([
      ["summary.md", "# 摘要\n"],
      ["charts/a.svg", new TextEncoder().encode("<svg/>")],
      ["runbooks/a.md", { pieces: () => [big, big, "end\n"] }],
      ["runbooks/b.md", { pieces: () => [] }],
    ]);
    const seen: [number, number][] = [];
    await writeFolderAtomically(target, files, (done, total) => seen.push([done, total]));
    expect(read(target)).toEqual([
      [path.join("charts", "a.svg"), "<svg/>"],
      [path.join("runbooks", "a.md"), `${big}${big}end\n`],
      [path.join("runbooks", "b.md"), ""],
      ["summary.md", "# 摘要\n"],
    ]);
    expect(seen).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
  });

  it("replaces what was there, and leaves it untouched when a file fails half-way", async () => {
    const target = path.join(scratch, "replace");
    await writeFolderAtomically(target, new Map([["old.md", "old\n"]]));
    await writeFolderAtomically(target, new Map([["new.md", "new\n"]]));
    expect(read(target)).toEqual([["new.md", "new\n"]]);

    const failing = new Map<string, FileContent>([
      ["a.md", "a\n"],
      [
        "b.md",
        {
          *pieces() {
            yield "half";
            throw new Error("rendering failed");
          },
        },
      ],
    ]);
    await expect(writeFolderAtomically(target, failing)).rejects.toThrow("rendering failed");
    expect(read(target)).toEqual([["new.md", "new\n"]]);
    // No staging folder is left beside it.
    expect(fs.readdirSync(scratch).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });
});
