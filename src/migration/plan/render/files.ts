/**
 * Everything `govcloud plan` writes, as relative path → content. plan.json is the
 * machine contract; the reports are rendered from it for people: summary.md for the
 * leaders, a page per department, runbook and server room, the Appendix 2 progress form,
 * the migration plan table (Markdown, CSV, Excel) and two charts. The same plan always
 * gives the same bytes: everything is sorted, nothing reads the clock.
 */
import type { Inventory } from "../../inventory/model";
import type { Plan } from "../types";
import { renderAppendix2 } from "./appendix2";
import { createContext } from "./context";
import { renderDemand } from "./demand";
import { renderDepartments } from "./departments";
import { renderGantt } from "./gantt";
import type { Language } from "./labels";
import { compare } from "./markdown";
import { migrationTable, migrationTableCsv, migrationTableMarkdown, migrationTableXlsx } from "./migration-table";
import { jsonPieces, type FileContent, type Pieces } from "./pieces";
import { renderProgress } from "./progress-chart";
import { renderRooms } from "./rooms";
import { renderRunbooks } from "./runbooks";
import { renderSummary } from "./summary";

export type { Language } from "./labels";
export { wholeText, type FileContent } from "./pieces";

/** plan.json: JSON.stringify(plan, null, 2) and a newline, written a system at a time. */
export function planJson(plan: Plan): Pieces {
  return {
    *pieces() {
      yield* jsonPieces(plan);
      yield "\n";
    },
  };
}

export async function renderPlanFiles(
  plan: Plan,
  inventory: Inventory,
  lang: Language,
): Promise<Map<string, FileContent>> {
  const ctx = createContext(plan, inventory, lang);
  const table = migrationTable(ctx);
  const reports = new Map<string, FileContent>([
    ...renderSummary(ctx),
    ...renderDemand(ctx),
    ...renderDepartments(ctx),
    ...renderRunbooks(ctx),
    ...renderRooms(ctx),
    ["appendix2-progress.md", renderAppendix2(ctx)],
    ["migration-table.md", migrationTableMarkdown(ctx, table)],
    ["migration-table.csv", migrationTableCsv(table)],
    ["migration-table.xlsx", await migrationTableXlsx(table)],
    ["charts/gantt.svg", renderGantt(ctx)],
    ["charts/progress.svg", renderProgress(ctx)],
  ]);
  const files = new Map<string, FileContent>([["plan.json", planJson(plan)]]);
  for (const path of [...reports.keys()].sort(compare)) files.set(path, reports.get(path)!);
  return files;
}
