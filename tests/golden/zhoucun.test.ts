/**
 * Golden files: the reports `govcloud plan` writes for the Zhoucun sample dataset, in
 * Chinese (zhoucun-zh/) and English (zhoucun-en/), pinned byte for byte (the workbook by
 * its cell values, read back with exceljs). When the planner or the reports change on
 * purpose, refresh them and review the diff like any other change:
 *
 *   UPDATE_GOLDEN=1 npx vitest run tests/golden
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildPlan } from "../../src/migration/plan/plan";
import { renderPlanFiles, wholeText } from "../../src/migration/plan/render/files";
import type { Language } from "../../src/migration/plan/render/labels";
import type { Plan, SystemPlan } from "../../src/migration/plan/types";
import { zhoucunInventory } from "../render/support";

const UPDATE = Boolean(process.env.UPDATE_GOLDEN);
const REFRESH =
  "if the change is intended, refresh with UPDATE_GOLDEN=1 npx vitest run tests/golden and review the diff";

/**
 * What is pinned: the reports a reader reads whole (the summary, Appendix 2, the cloud
 * demand, the migration table in every format, the lists, the rooms, the charts) and, of
 * the pages written per system and per department, one runbook of each shape (the
 * disposition and its sequence of phases) with its department's page. The rest repeat
 * those shapes with other data; the rules behind them are behavioural tests (tests/plan,
 * tests/render), so a change of rule fails a few pages here, not two hundred. plan.json
 * is data, not a report: its contract is tests/cli/plan-cli.test.ts, the sample's
 * decisions are the committed lock (`plan --check` in .ci/run).
 */
function pinned(plan: Plan): (file: string) => boolean {
  const shapes = new Map<string, SystemPlan>();
  for (const system of plan.systems) {
    if (!system.runbook) continue;
    const shape = `${system.disposition}|${system.runbook.steps.map((step) => step.phase).join(",")}`;
    if (!shapes.has(shape)) shapes.set(shape, system);
  }
  const runbooks = new Set([...shapes.values()].map((system) => `runbooks/${system.id}.md`));
  const departments = new Set([...shapes.values()].map((system) => `departments/${system.department}.md`));
  return (file) =>
    runbooks.has(file) ||
    departments.has(file) ||
    (!file.startsWith("runbooks/") && !file.startsWith("departments/") && /\.(md|svg)$/.test(file)) ||
    file === "migration-table.csv" ||
    file === "migration-table.xlsx";
}

function filesUnder(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder, { recursive: true })
    .map(String)
    .filter((f) => fs.statSync(path.join(folder, f)).isFile())
    .map((f) => f.split(path.sep).join("/"))
    .sort();
}

/** The workbook's content as exceljs reads it back: sheets, merged ranges, every cell's value and number format. */
async function workbookContent(bytes: Buffer): Promise<unknown> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => {
    const rows: unknown[] = [];
    sheet.eachRow({ includeEmpty: true }, (row, number) => {
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        const value = cell.value instanceof Date ? cell.value.toISOString() : cell.value;
        cells.push([column, value, cell.numFmt ?? null]);
      });
      rows.push([number, cells]);
    });
    return { name: sheet.name, merges: [...(sheet.model.merges ?? [])].sort(), views: sheet.views, rows };
  });
}

async function render(lang: Language): Promise<{ plan: Plan; files: Map<string, string | Buffer> }> {
  const inventory = await zhoucunInventory();
  const plan = buildPlan({ inventory, dataset: "zhoucun" });
  const files = await renderPlanFiles(plan, inventory, lang);
  // plan.json comes in pieces (a province's does not fit one string): compared whole.
  return {
    plan,
    files: new Map(
      [...files].map(([file, content]) => [
        file,
        content instanceof Uint8Array ? Buffer.from(content) : wholeText(content),
      ]),
    ),
  };
}

for (const lang of ["zh", "en"] as const) {
  describe(`golden reports, ${lang}`, async () => {
    const folder = path.join(__dirname, `zhoucun-${lang}`);
    const { plan, files } = await render(lang);
    const expected = [...files.keys()].filter(pinned(plan)).sort();

    if (UPDATE) {
      fs.rmSync(folder, { recursive: true, force: true });
      for (const file of expected) {
        const target = path.join(folder, file);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, files.get(file)!);
      }
    }

    it("pins exactly the files the plan writes", () => {
      expect(filesUnder(folder), `the golden folder differs from what is written; ${REFRESH}`).toEqual(expected);
    });

    for (const file of expected) {
      const golden = path.join(folder, file);
      it(file, async () => {
        expect(fs.existsSync(golden), `${file} has no golden copy; ${REFRESH}`).toBe(true);
        const actual = files.get(file)!;
        if (file.endsWith(".xlsx")) {
          expect(await workbookContent(actual as Buffer), `${file}: ${REFRESH}`).toEqual(
            await workbookContent(fs.readFileSync(golden)),
          );
        } else {
          expect(actual, `${file}: ${REFRESH}`).toBe(fs.readFileSync(golden, "utf8"));
        }
      });
    }
  });
}

describe("rendering is deterministic", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("gives byte-identical files, the workbook included, whatever the clock says", async () => {
    for (const lang of ["zh", "en"] as const) {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(new Date("2021-03-04T05:06:07Z"));
      const first = (await render(lang)).files;
      vi.setSystemTime(new Date("2033-11-12T13:14:15Z"));
      const second = (await render(lang)).files;
      vi.useRealTimers();
      expect([...second.keys()]).toEqual([...first.keys()]);
      for (const [file, content] of first) {
        const again = second.get(file)!;
        const same =
          typeof content === "string"
            ? content === again
            : Buffer.isBuffer(again) && Buffer.compare(content, again) === 0;
        expect(same, `${lang}: ${file} differs between two renderings`).toBe(true);
      }
    }
  });
});
