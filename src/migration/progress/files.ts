/**
 * Everything `govcloud progress` writes, as relative path → content, in a fixed order:
 * the same plan, journals and date always give the same bytes.
 */
import type { RenderContext } from "../plan/render/context";
import type { FileContent } from "../plan/render/pieces";
import type { Actual } from "./actuals";
import { renderBurnup } from "./burnup";
import { renderWaveGantt } from "./gantt";
import { appendix2Table, formCsv, formMarkdown, formXlsx, luzhouTable, type FormTable } from "./forms";
import { deadlineOutlook, fundingOutlook, roomOutlook } from "./outlook";
import { progressJson, progressMarkdown, progressReport, type ProgressReport } from "./report";
import { planProgress } from "./status";

export async function renderProgressFiles(
  ctx: RenderContext,
  actuals: ReadonlyMap<string, Actual>,
  asOf: string,
  journals: readonly string[],
): Promise<{ files: Map<string, FileContent>; report: ProgressReport }> {
  const rows = planProgress(ctx.plan, actuals, asOf);
  const report = progressReport(
    ctx,
    rows,
    asOf,
    journals,
    deadlineOutlook(ctx.plan, rows, asOf),
    roomOutlook(ctx.plan, rows),
    fundingOutlook(ctx.plan, rows, asOf),
  );
  const forms: FormTable[] = [appendix2Table(ctx, rows, asOf), luzhouTable(ctx, rows, asOf)];
  const files = new Map<string, FileContent>([
    ["progress.md", progressMarkdown(ctx, report)],
    ["progress.json", progressJson(report)],
  ]);
  for (const form of forms) {
    files.set(`${form.file}.md`, formMarkdown(form));
    files.set(`${form.file}.csv`, formCsv(form));
    files.set(`${form.file}.xlsx`, await formXlsx(form));
  }
  files.set("charts/burnup.svg", renderBurnup(ctx.plan, rows, asOf));
  files.set("charts/waves.svg", renderWaveGantt(ctx.plan, rows, asOf));
  return { files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), report };
}
