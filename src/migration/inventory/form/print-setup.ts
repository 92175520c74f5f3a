/**
 * How every workbook govcloud writes prints: on A4 landscape, one page wide (as many
 * pages tall as the rows need), the header row repeated on every page, the title and
 * the date the data speaks for in the page header, "page / pages" in the footer. The
 * date is always one from the data (the census deadline, the planning start, the as-of
 * date of a progress report), never the day the file was written, so the same data
 * gives the same bytes.
 */

/** What the page header says: the table's title, and the date with what it is (e.g. 截至 2018-05-31). */
export interface PageHeader {
  readonly title: string;
  readonly date: string;
}

/** A4 in the paper-size codes of SpreadsheetML. */
const A4 = 9;

/** `&` starts a code in a page header: a literal one is doubled. */
function headerText(text: string): string {
  return text.replace(/&/g, "&&");
}

/**
 * ExcelJS worksheet properties for the page setup. `headerRows` are the rows repeated on
 * every page, e.g. "2:2" for the header under a title row.
 */
export function a4LandscapePrint(page: PageHeader, headerRows: string) {
  const header = `&L&"-,Bold"${headerText(page.title)}&R${headerText(page.date)}`;
  const footer = "&C&P / &N";
  return {
    pageSetup: {
      paperSize: A4,
      orientation: "landscape" as const,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: headerRows,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.7, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddHeader: header, evenHeader: header, oddFooter: footer, evenFooter: footer },
  };
}

/** CJK characters and full-width forms take two columns of a spreadsheet's width; the rest one. */
const WIDE = new RegExp(
  [
    /[\u1100-\u115F]/.source, // Hangul Jamo (leading consonants)
    /[\u2E80-\u303E]/.source, // CJK radicals, ideographic description characters, CJK symbols and punctuation
    /[\u3041-\u33FF]/.source, // kana, Bopomofo, Hangul compatibility Jamo, enclosed CJK letters, CJK compatibility
    /[\u3400-\u4DBF\u4E00-\u9FFF]/.source, // CJK unified ideographs (and extension A)
    /[\uA000-\uA4CF]/.source, // Yi syllables and radicals
    /[\uAC00-\uD7A3]/.source, // Hangul syllables
    /[\uF900-\uFAFF]/.source, // CJK compatibility ideographs
    /[\uFE30-\uFE4F]/.source, // CJK compatibility forms
    /[\uFF00-\uFF60\uFFE0-\uFFE6]/.source, // full-width forms
  ].join("|"),
);

/** The width of a text in spreadsheet columns (the width of a "0"): wide characters count double. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
}
