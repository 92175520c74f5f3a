import { describe, expect, it } from "vitest";
import { terminalProgress } from "../../src/cli/progress";

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream };
}

describe("progress on stderr", () => {
  it("writes nothing when stderr is not a terminal, so logs and CI output stay byte-identical", () => {
    const { writes, stream: s } = stream(false);
    const progress = terminalProgress("plan", s);
    progress.step("planning 100,000 systems");
    progress.count("reading inventory files", 3, 10);
    progress.clear();
    expect(writes).toEqual([]);
  });

  it("redraws one line on a terminal and clears it before results are printed", () => {
    const { writes, stream: s } = stream(true);
    const progress = terminalProgress("plan", s);
    progress.step("planning 100000 systems");
    progress.count("reading inventory files", 10, 10);
    progress.clear();
    progress.clear();
    expect(writes).toEqual([
      "\r\x1b[Kplan: planning 100000 systems…",
      "\r\x1b[Kplan: reading inventory files 10/10…",
      "\r\x1b[K",
    ]);
  });

  it("paces counts: a burst within 100 ms is drawn once, the last of a count always", () => {
    const { writes, stream: s } = stream(true);
    const progress = terminalProgress("preview", s);
    progress.step("start");
    for (let i = 1; i <= 500; i++) progress.count("resources registered", i, 500);
    expect(writes.filter((w) => w.includes("resources registered")).pop()).toContain("500/500");
    expect(writes.length).toBeLessThan(10);
  });
});
