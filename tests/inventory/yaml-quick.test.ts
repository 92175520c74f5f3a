/**
 * The quick read (js-yaml) must give exactly the data the `yaml` library gives, or step
 * aside: compared on every YAML file the project holds, on rendered arbitrary
 * inventories, and on random scalars in every position.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { generateEstate } from "../../src/migration/generate/estate";
import { renderInventoryFiles } from "../../src/migration/inventory/write-yaml";
import { quickYamlData } from "../../src/migration/inventory/yaml-quick";
import { inventoryArbitrary } from "../support/arbitraries";

const ROOT = path.resolve(__dirname, "..", "..");

/** What the `yaml` library reads, or "error" when it reports one. */
function library(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) return "error";
  try {
    return JSON.parse(JSON.stringify(doc.toJS({ maxAliasCount: 100 }) ?? null));
  } catch {
    return "error";
  }
}

function expectSameOrDeclined(text: string): boolean {
  const quick = quickYamlData(text);
  if (quick === undefined) return false;
  expect(JSON.parse(JSON.stringify(quick.data ?? null))).toEqual(library(text));
  return true;
}

function yamlFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : yamlFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

describe("the quick YAML read", () => {
  it("reads every YAML file of the project as the library does, or declines", () => {
    const files = [
      ...yamlFiles(path.join(ROOT, "inventories")),
      ...yamlFiles(path.join(ROOT, "tests", "fixtures")),
      ...yamlFiles(path.join(ROOT, "stacks")),
    ];
    expect(files.length).toBeGreaterThan(60);
    const quick = files.filter((file) => expectSameOrDeclined(fs.readFileSync(file, "utf8")));
    // The sample and most fixtures are plain, well-formed YAML: the quick read takes them.
    expect(quick.length).toBeGreaterThan(files.length / 2);
  });

  it("reads rendered inventories (arbitrary text in every field) as the library does", () => {
    const options = { modeline: () => "# yaml-language-server: $schema=x", provenance: "test" };
    let taken = 0;
    for (const content of renderInventoryFiles(generateEstate({ systems: 200, seed: 5 }), options).values())
      if (expectSameOrDeclined(content)) taken++;
    expect(taken).toBeGreaterThan(0);
    fc.assert(
      fc.property(inventoryArbitrary, (inventory) => {
        for (const content of renderInventoryFiles(inventory, options).values()) expectSameOrDeclined(content);
      }),
      { numRuns: 100 },
    );
  });

  it("reads random scalars, keys and flow collections as the library does, or declines", () => {
    const token = fc.string({
      unit: fc.constantFrom(..."0123456789+-._eExXoObB:aA ,#\"'~nNtTfFlusi\\[]{}&*!?|>%@`\t"),
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(token, (value) => {
        for (const text of [`k: ${value}\n`, `- ${value}\n`, `a:\n  - ${value}\n  - x\n`, `${value}: 1\n`])
          expectSameOrDeclined(text);
      }),
      { numRuns: 20_000 },
    );
  });

  it("leaves to the library what the two read differently, and what is not well-formed", () => {
    for (const text of [
      "k: +.5\n",
      "k: 0b101\n",
      "k: 1_000\n",
      "k: -0x1F\n",
      "k: 49E611\n",
      "a: &x 1\nb: *x\n",
      "- ? a\n",
      "- ~: 1\n",
      "k: {~}\n",
      "a:\n  - - b\n",
      'k: "a"#b\n',
      "k: 1\nk: 2\n",
      "k: [\n",
      "---\na: 1\n---\nb: 2\n",
      "6E1814: 1\n",
      "\t7 #: 1\n",
      "---s: 1\n",
      "...\n",
      "k: {[]}\n",
    ]) {
      expect(quickYamlData(text), text).toBeUndefined();
    }
    expect(quickYamlData("systems:\n  - id: portal\n    users: 12\n    approvalDate: 2014-05-08\n")).toEqual({
      data: { systems: [{ id: "portal", users: 12, approvalDate: "2014-05-08" }] },
    });
  });
});
