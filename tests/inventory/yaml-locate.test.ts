/**
 * The quick locator (yaml-locate.ts) must give every path the position the `yaml`
 * library's syntax tree gives it, or step aside: compared on every path (each key and
 * item, with and without `key`, and missing fields and items) of the project's YAML files,
 * of rendered estates, of arbitrary inventories and of random small documents.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LineCounter, parseDocument } from "yaml";
import { generateEstate } from "../../src/migration/generate/estate";
import type { IssuePath } from "../../src/migration/inventory/issues";
import { renderInventoryFiles } from "../../src/migration/inventory/write-yaml";
import { treePosition } from "../../src/migration/inventory/yaml-file";
import { quickLocator } from "../../src/migration/inventory/yaml-locate";
import { quickYamlData } from "../../src/migration/inventory/yaml-quick";
import { inventoryArbitrary } from "../support/arbitraries";

const ROOT = path.resolve(__dirname, "..", "..");

/**
 * Every path of the data (`real`), and paths that do not exist (a key and an item beside
 * each container, a field below each value), as diagnostics name them.
 */
function pathsOf(value: unknown, at: IssuePath = []): { path: IssuePath; real: boolean }[] {
  const paths = [{ path: at, real: true }];
  const missing = (...more: IssuePath[]) => paths.push(...more.map((path) => ({ path, real: false })));
  if (Array.isArray(value)) {
    value.forEach((item, i) => paths.push(...pathsOf(item, [...at, i])));
    missing([...at, value.length], [...at, "nope"]);
  } else if (value !== null && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) paths.push(...pathsOf(inner, [...at, key]));
    missing([...at, "missing"], [...at, "missing", "deeper"], [...at, 0]);
  } else {
    missing([...at, "below"]);
  }
  return paths;
}

/** Compares the locator with the library on every path; how many of the real ones it answered, of how many. */
function compare(text: string): { answered: number; paths: number } {
  const quick = quickYamlData(text);
  if (!quick) return { answered: 0, paths: 0 };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const locate = quickLocator(text);
  let answered = 0;
  const paths = pathsOf(quick.data);
  for (const { path: p, real } of paths)
    for (const key of [false, true]) {
      const found = locate(p, key);
      if (found === undefined) continue;
      if (real) answered++;
      expect(found, `${JSON.stringify(p)} key=${key} in:\n${text}`).toEqual(treePosition(doc, lineCounter, p, key));
    }
  return { answered, paths: paths.filter((p) => p.real).length * 2 };
}

function yamlFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

describe("the quick locator", () => {
  it("places every path of the project's YAML files as the library does", () => {
    const files = [
      ...yamlFiles(path.join(ROOT, "inventories")),
      ...yamlFiles(path.join(ROOT, "tests", "fixtures")),
      ...yamlFiles(path.join(ROOT, "stacks")),
    ];
    let answered = 0;
    let paths = 0;
    for (const file of files) {
      const result = compare(fs.readFileSync(file, "utf8"));
      answered += result.answered;
      paths += result.paths;
    }
    // Flow collections ({ role: app, … }) and empty values are left to the library.
    expect(answered / paths).toBeGreaterThan(0.5);
  });

  it("places every path of rendered estates and arbitrary inventories as the library does", () => {
    const options = { modeline: () => "# yaml-language-server: $schema=x", provenance: "test" };
    let answered = 0;
    let paths = 0;
    for (const content of renderInventoryFiles(generateEstate({ systems: 200, seed: 5 }), options).values()) {
      const result = compare(content);
      answered += result.answered;
      paths += result.paths;
    }
    // What govcloud writes is block YAML: the locator answers nearly every path of it.
    expect(answered / paths).toBeGreaterThan(0.95);
    fc.assert(
      fc.property(inventoryArbitrary, (inventory) => {
        for (const content of renderInventoryFiles(inventory, options).values()) compare(content);
      }),
      { numRuns: 100 },
    );
  });

  it("places paths of random small documents as the library does, or steps aside", () => {
    const scalar = fc.string({ unit: fc.constantFrom(..."ab1 :-#\"'[]{}|>,.~\\"), minLength: 0, maxLength: 5 });
    const key = fc.string({ unit: fc.constantFrom(..."ab1 -\"'."), minLength: 1, maxLength: 4 });
    const indent = fc.constantFrom("", "  ", "    ", "\u3000", "  \u00a0");
    const line = fc
      .tuple(
        indent,
        fc.constantFrom("", "- ", "- - ", "---", "--- "),
        fc.option(key),
        scalar,
        fc.constantFrom("", " # c"),
      )
      .map(([i, dash, k, v, c]) => `${i}${dash}${k === null ? "" : `${k}: `}${v}${c}`);
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        compare(`${lines.join("\n")}\n`);
      }),
      { numRuns: 20_000 },
    );
  });

  it("steps aside for what the lines alone do not show", () => {
    for (const text of [
      "a: 1\r\nb: 2\r\n",
      '%YAML 1.2\n---\na: "x"\n',
      'a: "one\n  two"\nb: 1\n',
      "a: [1,\n  2]\nb: 1\n",
      '"a\\u0062": 1\n',
    ])
      expect(quickLocator(text)(["b"], false), JSON.stringify(text)).toBeUndefined();
    expect(quickLocator("a: [1, 2]\n")(["a", 0], false)).toBeUndefined();
    // Found in review: a full-width space leading a line is not indentation; an indented `---` is text.
    for (const text of [
      "- id: x\n  \u3000name: y\n",
      "a:\n\u3000b: 1\n",
      "a:\n  ---\n  x\nb: 1\n",
      "a:\n  -\n    ---\n    x\n",
    ])
      compare(text);
    expect(quickLocator("systems:\n  - id: portal\n    users: 12\n")(["systems", 0, "users"], false)).toEqual({
      line: 3,
      column: 12,
    });
  });
});
