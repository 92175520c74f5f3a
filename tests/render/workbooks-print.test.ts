/**
 * Every workbook govcloud writes prints as a form: A4 landscape, one page wide, the header
 * row repeated on every page, the title and a date from the data in the page header.
 * Checked on the files read back; where LibreOffice is installed, also printed to PDF and
 * the pages counted.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { formRowsToXlsx, inventoryToFormRows } from "../../src/migration/inventory/form/write-form";
import { createContext } from "../../src/migration/plan/render/context";
import { migrationTable, migrationTableXlsx } from "../../src/migration/plan/render/migration-table";
import { appendix2Table, formXlsx, luzhouTable } from "../../src/migration/progress/forms";
import { planProgress } from "../../src/migration/progress/status";
import { project, zhoucunPlan } from "./support";

const AS_OF = "2018-06-30";

interface Written {
  readonly file: string;
  readonly bytes: Buffer;
  readonly title: string;
  readonly date: string;
  readonly sheets: number;
}

async function everyWorkbook(): Promise<Written[]> {
  const { inventory, plan } = await zhoucunPlan();
  const form = inventoryToFormRows(inventory);
  const zh = migrationTable(createContext(plan, inventory, "zh"));
  const en = migrationTable(createContext(plan, inventory, "en"));
  const ctx = createContext(plan, inventory, "zh");
  const rows = planProgress(plan, new Map(), AS_OF);
  const appendix2 = appendix2Table(ctx, rows, AS_OF);
  const luzhou = luzhouTable(ctx, rows, AS_OF);
  return [
    {
      file: "form.xlsx",
      bytes: await formRowsToXlsx("周村区政务信息系统自查表", form.header, form.rows, "2018-01-31"),
      title: "周村区政务信息系统自查表",
      date: "填报截止 2018-01-31",
      sheets: 2,
    },
    {
      file: "migration-table.xlsx",
      bytes: await migrationTableXlsx(zh),
      title: zh.title,
      date: "规划起始日 2018-01-01",
      sheets: 1,
    },
    {
      file: "migration-table-en.xlsx",
      bytes: await migrationTableXlsx(en),
      title: en.title,
      date: "Planning start 2018-01-01",
      sheets: 1,
    },
    {
      file: "appendix2-actual.xlsx",
      bytes: await formXlsx(appendix2),
      title: appendix2.name,
      date: `截至 ${AS_OF}`,
      sheets: 1,
    },
    {
      file: "migration-table-actual.xlsx",
      bytes: await formXlsx(luzhou),
      title: luzhou.name,
      date: `截至 ${AS_OF}`,
      sheets: 1,
    },
  ];
}

describe("every workbook govcloud writes", async () => {
  const workbooks = await everyWorkbook();

  it.each(workbooks.map((w) => [w.file, w] as const))(
    "%s prints on A4 landscape, one page wide, the header repeated, title and date in the page header",
    async (_, written) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(written.bytes as unknown as ArrayBuffer);
      expect(workbook.worksheets).toHaveLength(written.sheets);
      for (const sheet of workbook.worksheets) {
        expect(sheet.pageSetup, sheet.name).toMatchObject({
          paperSize: 9,
          orientation: "landscape",
          fitToPage: true,
          fitToWidth: 1,
          fitToHeight: 0,
          printTitlesRow: "2:2",
        });
        for (const header of [sheet.headerFooter.oddHeader, sheet.headerFooter.evenHeader]) {
          expect(header).toContain(written.title);
          expect(header).toContain(`&R${written.date}`);
        }
        expect(sheet.headerFooter.oddFooter).toBe("&C&P / &N");
        expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
      }
    },
  );

  it("are all written by the one table writer, which sets that page setup (no other workbook writer in src)", () => {
    const writers: string[] = [];
    const walk = (folder: string) => {
      for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        const file = path.join(folder, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.ts$/.test(entry.name) && /WorkbookWriter|\.xlsx\.write/.test(fs.readFileSync(file, "utf8")))
          writers.push(path.relative(project, file));
      }
    };
    walk(path.join(project, "src"));
    expect(writers).toEqual([path.join("src", "migration", "inventory", "form", "table-workbook.ts")]);
  });
});

function which(command: string): string | undefined {
  for (const folder of (process.env.PATH ?? "").split(path.delimiter)) {
    const file = path.join(folder, command);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

const soffice = which("soffice");

/** Pages of a PDF and the size of each (LibreOffice writes one /Page object with its /MediaBox a page). */
function pdfPages(pdf: Buffer): { width: number; height: number }[] {
  const text = pdf.toString("latin1");
  const pages: { width: number; height: number }[] = [];
  for (const match of text.matchAll(/\/Type\s*\/Page(?!s)[^]*?\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g))
    pages.push({ width: Number(match[1]), height: Number(match[2]) });
  return pages;
}

describe.skipIf(!soffice)("printed with LibreOffice", async () => {
  const workbooks = await everyWorkbook();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "govcloud-print-"));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
  for (const written of workbooks) fs.writeFileSync(path.join(scratch, written.file), written.bytes);
  // A profile of its own: another LibreOffice running on the machine does not lock this one out.
  execFileSync(
    soffice!,
    [
      `-env:UserInstallation=file://${path.join(scratch, "profile")}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      scratch,
      ...workbooks.map((w) => path.join(scratch, w.file)),
    ],
    { stdio: "ignore", timeout: 300_000 },
  );

  /** Pages each workbook prints on: the tables one page wide, as tall as their rows need. */
  const STATED: Record<string, number> = {
    // The form on one page (41 columns, 103 systems), its 填表说明 on two.
    "form.xlsx": 3,
    // 101 rows each: portrait and as wide as the columns, the migration table took 12 pages.
    "migration-table.xlsx": 2,
    "migration-table-en.xlsx": 2,
    "appendix2-actual.xlsx": 1,
    "migration-table-actual.xlsx": 2,
  };

  it.each(workbooks.map((w) => [w.file] as const))(
    "%s prints on A4 landscape on the stated number of pages",
    (file) => {
      const pages = pdfPages(fs.readFileSync(path.join(scratch, file.replace(/\.xlsx$/, ".pdf"))));
      expect(pages.length).toBe(STATED[file]);
      for (const page of pages) {
        expect(page.width).toBeCloseTo(841.89, 0);
        expect(page.height).toBeCloseTo(595.3, 0);
      }
    },
  );
});
