/**
 * The fast YAML writer (yaml-emit.ts) must write exactly what the `yaml` library writes
 * for the same data, or step aside: every file is compared byte for byte with the
 * library's rendering, over the sample, generated estates and arbitrary inventories.
 */
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateEstate } from "../../src/migration/generate/estate";
import { loadInventory } from "../../src/migration/inventory/load";
import type { Inventory } from "../../src/migration/inventory/model";
import { renderInventoryFiles } from "../../src/migration/inventory/write-yaml";
import { emitBlockYaml } from "../../src/migration/inventory/yaml-emit";
import { inventoryArbitrary } from "../support/arbitraries";

const options = {
  modeline: (subfolder: string) => `# yaml-language-server: $schema=${subfolder ? "../" : ""}schema.json`,
  provenance: "test",
};
const both = (inventory: Inventory) => ({
  fast: renderInventoryFiles(inventory, options),
  library: renderInventoryFiles(inventory, { ...options, libraryOnly: true }),
});

describe("the fast YAML writer", () => {
  it("writes the sample inventory and its self-inspection form byte for byte as the library does", async () => {
    for (const source of [
      path.join("inventories", "zhoucun"),
      path.join("inventories", "forms", "zhoucun-towns-self-inspection.xlsx"),
    ]) {
      const loaded = await loadInventory([path.resolve(__dirname, "..", "..", source)]);
      const { fast, library } = both(loaded.inventory);
      expect([...fast.entries()]).toEqual([...library.entries()]);
    }
  });

  it("writes generated estates byte for byte as the library does", () => {
    for (const seed of [1, 2, 3]) {
      const { fast, library } = both(generateEstate({ systems: 300, seed }));
      expect([...fast.entries()]).toEqual([...library.entries()]);
    }
  });

  it("writes arbitrary inventories (any text in any field) byte for byte as the library does", () => {
    fc.assert(
      fc.property(inventoryArbitrary, (inventory) => {
        const { fast, library } = both(inventory);
        expect([...fast.entries()]).toEqual([...library.entries()]);
      }),
      { numRuns: 100 },
    );
  });

  it("takes the common case itself and leaves the rest to the library", () => {
    const comment = () => undefined;
    expect(
      emitBlockYaml({ systems: [{ id: "a", name: "区公安分局门户", users: 3, tags: ["x", "y"] }] }, " title", comment),
    ).toBe("# title\n\nsystems:\n  - id: a\n    name: 区公安分局门户\n    users: 3\n    tags:\n      - x\n      - y\n");
    for (const awkward of [
      "true",
      "0123",
      "1e5",
      "",
      " padded",
      "a: b",
      "# not a comment",
      "line\nbreak",
      "- dash",
      "null",
      "---",
    ]) {
      expect(emitBlockYaml({ value: awkward }, " title", comment)).toBeUndefined();
    }
    expect(emitBlockYaml({ value: {} }, " title", comment)).toBeUndefined();
    expect(emitBlockYaml({ value: [[1]] }, " title", comment)).toBeUndefined();
  });
});
