/** The Zhoucun sample dataset, planned once per test file, and helpers shared by the report tests. */
import * as path from "node:path";
import { loadInventory } from "../../src/migration/inventory/load";
import type { Inventory } from "../../src/migration/inventory/model";
import { buildPlan } from "../../src/migration/plan/plan";
import { wholeText, type FileContent } from "../../src/migration/plan/render/files";
import type { PolicyOverrides } from "../../src/migration/plan/resolved-policy";
import type { Plan } from "../../src/migration/plan/types";

export const project = path.resolve(__dirname, "..", "..");

let cached: Promise<Inventory> | undefined;

export function zhoucunInventory(): Promise<Inventory> {
  cached ??= loadInventory([path.join(project, "inventories", "zhoucun")], { displayRoot: project }).then((loaded) => {
    if (!loaded.ok) throw new Error("the Zhoucun sample dataset does not load");
    return loaded.inventory;
  });
  return cached;
}

export async function zhoucunPlan(overrides?: PolicyOverrides): Promise<{ inventory: Inventory; plan: Plan }> {
  const inventory = await zhoucunInventory();
  return { inventory, plan: buildPlan({ inventory, dataset: "zhoucun", overrides }) };
}

/** Every relative Markdown link target of a document, resolved against the document's folder. */
export function linkTargets(file: string, markdown: string): string[] {
  const folder = path.posix.dirname(file);
  const targets: string[] = [];
  for (const match of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
    const href = match[1]!;
    if (/^[a-z]+:/i.test(href) || href.startsWith("#")) continue;
    targets.push(path.posix.normalize(path.posix.join(folder, href.split("#")[0]!)));
  }
  return targets;
}

export function text(files: ReadonlyMap<string, FileContent>, file: string): string {
  const content = files.get(file);
  if (content === undefined || content instanceof Uint8Array) throw new Error(`${file} is missing or not text`);
  return wholeText(content);
}
