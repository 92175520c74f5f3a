/**
 * One fixture folder per validation rule: `input/` holds the files, `expected.txt` the
 * exact report (file paths relative to the fixture folder), `options.json` any load
 * options. UPDATE_FIXTURES=1 rewrites expected.txt from the current output: review the
 * diff before committing it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/migration/inventory/diagnostics";
import { loadInventory } from "../../src/migration/inventory/load";

const root = path.join(__dirname, "..", "fixtures", "validation");
const cases = fs
  .readdirSync(root)
  .filter((name) => fs.statSync(path.join(root, name)).isDirectory())
  .sort();

describe("validation fixtures", () => {
  it("has a fixture for every rule", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  for (const name of cases) {
    it(name, async () => {
      const folder = path.join(root, name);
      const optionsFile = path.join(folder, "options.json");
      const options = fs.existsSync(optionsFile)
        ? (JSON.parse(fs.readFileSync(optionsFile, "utf8")) as { maxFileBytes?: number })
        : {};
      const loaded = await loadInventory([path.join(folder, "input")], { displayRoot: folder, ...options });
      const report = loaded.diagnostics.map(formatDiagnostic).join("\n") + "\n";
      const expectedFile = path.join(folder, "expected.txt");
      if (process.env.UPDATE_FIXTURES) fs.writeFileSync(expectedFile, report);
      expect(report).toBe(fs.readFileSync(expectedFile, "utf8"));
      // A fixture named valid-* or with warnings only must load without errors.
      expect(loaded.ok).toBe(!report.split("\n").some((line) => line !== "" && !line.includes(": warning: ")));
    });
  }
});
