/**
 * One sheet of a table as an .xlsx workbook, the way departments receive forms and plans:
 * a bold title row merged across the table, a bold header, frozen under the header, one
 * row a record, dates as real date cells. Written with ExcelJS's streaming writer, row by
 * row: a province's 100,000-row table costs tens of megabytes, not the gigabyte and a
 * half the in-memory workbook holds. The workbook's and the archive's timestamps are
 * fixed, so the same rows always give the same bytes.
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { fixZipTimestamps } from "./zip-timestamps";

export type TableValue = string | number | null;

export interface TableWorkbook {
  readonly sheet: string;
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: Iterable<readonly TableValue[]>;
  /** Column widths in characters, by column index (0-based). */
  readonly widths: readonly number[];
  /** Columns (0-based) whose ISO dates (yyyy-mm-dd) become date cells. */
  readonly dateColumns: ReadonlySet<number>;
  /** A form to hand in: A4 landscape, fit to the page's width, the header row repeated on every page, this text in the page header. */
  readonly print?: { readonly pageHeader: string };
}

/** ExcelJS page-setup for a form printed on A4 landscape (paper size 9), one page wide. */
function printSetup(print: TableWorkbook["print"]) {
  if (!print) return {};
  const header = `&C&"-,Bold"${print.pageHeader.replace(/&/g, "&&")}`;
  return {
    pageSetup: {
      paperSize: 9,
      orientation: "landscape" as const,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "2:2",
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddHeader: header, evenHeader: header, oddFooter: "&C&P / &N", evenFooter: "&C&P / &N" },
  };
}

const FIXED = new Date(Date.UTC(2018, 0, 1));

export async function tableWorkbook(table: TableWorkbook): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  workbook.creator = "govcloud";
  workbook.lastModifiedBy = "govcloud";
  workbook.created = FIXED;
  workbook.modified = FIXED;
  const sheet = workbook.addWorksheet(table.sheet, {
    views: [{ state: "frozen", ySplit: 2 }],
    ...printSetup(table.print),
  });
  // The streaming writer needs columns defined before the first row is committed.
  sheet.columns = table.header.map((_, index) => ({
    width: table.widths[index] ?? 12,
    ...(table.dateColumns.has(index) ? { style: { numFmt: "yyyy-mm-dd" } } : {}),
  }));
  const title = sheet.addRow([table.title]);
  title.font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, table.header.length);
  title.commit();
  const header = sheet.addRow([...table.header]);
  header.font = { bold: true };
  if (table.print) header.alignment = { wrapText: true, vertical: "middle" };
  header.commit();
  for (const row of table.rows) {
    sheet
      .addRow(
        row.map((value, index) =>
          table.dateColumns.has(index) && typeof value === "string" ? new Date(`${value}T00:00:00Z`) : value,
        ),
      )
      .commit();
  }
  sheet.commit();
  await workbook.commit();
  return fixZipTimestamps(Buffer.concat(chunks));
}
