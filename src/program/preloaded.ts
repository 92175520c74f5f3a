/**
 * An inventory already loaded in this process, offered to the program: the offline
 * preview loads and checks the stack's inventory first (to report its errors with file
 * and line, without running the program), and the program it then runs takes that
 * inventory instead of parsing the same files again. Under `pulumi up` nothing is
 * offered and the program loads the inventory itself.
 *
 * The offer sits on a global symbol, not in a module variable: the preview and the
 * program may be loaded from different copies of these modules (src under the tests,
 * dist from Pulumi.yaml's main).
 */
import type { Inventory } from "../migration/inventory/model";

const OFFER = Symbol.for("govcloud.preloadedInventory");
interface Offer {
  readonly key: string;
  readonly inventory: Inventory;
}
type Holder = { [OFFER]?: Offer };

const keyOf = (paths: readonly string[]) => JSON.stringify(paths);

/** Offers `inventory`, loaded from exactly these absolute paths, until the returned function is called. */
export function offerInventory(paths: readonly string[], inventory: Inventory): () => void {
  const offer = { key: keyOf(paths), inventory };
  (globalThis as Holder)[OFFER] = offer;
  return () => {
    if ((globalThis as Holder)[OFFER] === offer) delete (globalThis as Holder)[OFFER];
  };
}

/** The inventory on offer, if it was loaded from exactly these absolute paths. */
export function preloadedInventory(paths: readonly string[]): Inventory | undefined {
  const offer = (globalThis as Holder)[OFFER];
  return offer?.key === keyOf(paths) ? offer.inventory : undefined;
}
