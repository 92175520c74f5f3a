/**
 * Golden files: what `govcloud progress` writes for the month of journals on the Zhoucun
 * sample (tests/progress/month.ts), pinned byte for byte: the progress report and its
 * JSON, Appendix 2 and the Luzhou-style table (Markdown and CSV), the burn-up chart. The
 * workbooks are checked by tests/progress/forms-month.test.ts. Refresh on purpose with
 *
 *   UPDATE_GOLDEN=1 npx vitest run tests/golden
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli";
import { AS_OF, runMonth, type Month } from "../progress/month";

const UPDATE = Boolean(process.env.UPDATE_GOLDEN);
const folder = path.join(__dirname, "progress-zhoucun");
const PINNED = [
  "progress.md",
  "progress.json",
  "appendix2-actual.md",
  "appendix2-actual.csv",
  "migration-table-actual.md",
  "migration-table-actual.csv",
  "charts/burnup.svg",
  "charts/waves.svg",
];

let month: Month;
let out: string;
beforeAll(async () => {
  month = await runMonth();
  out = path.join(month.dir, "out");
  const r = await runCli(month.dir, [
    "progress",
    "zhoucun",
    "--as-of",
    AS_OF,
    ...month.states.flatMap((s) => ["--state", s]),
    "--out",
    out,
  ]);
  if (r.code !== 0) throw new Error(r.err);
}, 120_000);
afterAll(() => month?.cleanup());

describe("golden progress reports of the month", () => {
  for (const file of PINNED) {
    it(file, () => {
      const actual = fs.readFileSync(path.join(out, file), "utf8");
      const golden = path.join(folder, file);
      if (UPDATE) {
        fs.mkdirSync(path.dirname(golden), { recursive: true });
        fs.writeFileSync(golden, actual);
      }
      expect(
        actual,
        "if the change is intended, refresh with UPDATE_GOLDEN=1 npx vitest run tests/golden and review the diff",
      ).toBe(fs.readFileSync(golden, "utf8"));
    });
  }
});
