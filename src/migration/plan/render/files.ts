/**
 * Everything `govcloud plan` writes, as relative path → content. plan.json is the
 * machine contract; the reports are rendered from it for people.
 */
import type { Inventory } from "../../inventory/model";
import type { Plan } from "../types";

export type Language = "zh" | "en";

export function planJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

export async function renderPlanFiles(plan: Plan, inventory: Inventory, lang: Language): Promise<Map<string, string | Buffer>> {
  void inventory;
  void lang;
  return new Map<string, string | Buffer>([["plan.json", planJson(plan)]]);
}
