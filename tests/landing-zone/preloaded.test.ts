/**
 * The offline preview loads the stack's inventory once and offers it to the program it
 * runs (program/preloaded.ts); `pulumi up` offers nothing and the program loads it.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadInventory } from "../../src/migration/inventory/load";
import program from "../../src/program";
import { offerInventory, preloadedInventory } from "../../src/program/preloaded";
import { runOffline } from "../../src/preview/harness";
import { readStackFile } from "../../src/preview/preview";
import { PROJECT_ROOT } from "./support";

const zhoucun = [path.join(PROJECT_ROOT, "inventories", "zhoucun")];

describe("an inventory offered to the program", () => {
  it("is taken only for exactly the paths it was loaded from, and only until withdrawn", async () => {
    const { inventory } = await loadInventory(zhoucun);
    const withdraw = offerInventory(zhoucun, inventory);
    expect(preloadedInventory(zhoucun)).toBe(inventory);
    expect(preloadedInventory([...zhoucun, path.join(PROJECT_ROOT, "inventories", "forms")])).toBeUndefined();
    withdraw();
    expect(preloadedInventory(zhoucun)).toBeUndefined();
  });

  it("is what the program builds from: a system left out of the offer is a change the lock does not hold", async () => {
    const { inventory } = await loadInventory(zhoucun, { displayRoot: PROJECT_ROOT });
    const { config, secretKeys } = await readStackFile(PROJECT_ROOT, "zhoucun");
    const run = (offered?: typeof inventory) => {
      const withdraw = offered ? offerInventory(zhoucun, offered) : () => {};
      return runOffline(program, { project: "govcloud", stack: "zhoucun", config, secretKeys }).finally(withdraw);
    };
    const loaded = await run();
    const built = loaded.outputs.systems as string[];
    const [dropped] = built;
    expect(loaded.resources.some((r) => r.name.startsWith(`${dropped!}-`))).toBe(true);
    // The program deploys the lock, not a fresh plan: an inventory without the system stops it.
    const offered = await run({ ...inventory, systems: inventory.systems.filter((s) => s.id !== dropped) }).catch(
      (e: unknown) => e,
    );
    expect(String(offered)).toContain(
      `the inventory changed in ways the plan lock does not hold (1): - system ${dropped}`,
    );
  }, 120_000);
});
