/**
 * Reads a self-inspection form (.csv, or every worksheet of an .xlsx that has the
 * form's header) into the same raw records a YAML file gives: one system a row, its id
 * the 系统编号 written (or, without one, derived stably from its name, see system-ids);
 * departments and server rooms created from the names used, with ids derived stably
 * from those names; dependencies and duplicates, written as system names, resolved to
 * ids within the form. A room's owner, location and age are
 * not on the form: the migration team adds them to rooms.yaml after the import rather
 * than govcloud guessing.
 */
import type { Diagnostic, Location } from "../diagnostics";
import { deriveId } from "../ids";
import type { IssuePath } from "../issues";
import type { RecordOrigin } from "../origin";
import type { RawRecord, RawSections } from "../sections";
import type { ReadTextOptions } from "../source-text";
import { closest } from "../suggest";
import {
  columnForField,
  columnForHeader,
  FORM_COLUMNS,
  ID_COLUMN_KEY,
  normalizeHeader,
  requiresCell,
  SERVER_GROUPS_KEY,
  type FormColumn,
} from "./columns";
import { readServerGroups } from "./server-groups";
import { readCell } from "./cells";
import { assignSystemIds, type IdRow } from "./system-ids";
import { isCellError, readCsvTable, readXlsxTable, type Cell, type Sheet, type TableRow } from "./table";

export const FORM_EXTENSIONS = [".csv", ".xlsx"];

/** Rows searched for the header: forms often carry a title and a "填报单位" line above it. */
const HEADER_SEARCH_ROWS = 20;
const MIN_HEADER_MATCHES = 3;
/** A row whose filled cells, at least this many, all hold one text is a note merged across the table. */
const MIN_NOTE_COPIES = 3;

export interface FormResult {
  readonly sections: RawSections | undefined;
  readonly diagnostics: Diagnostic[];
}

interface Header {
  readonly row: number;
  /** Column index → form column, and the header text as written in the file. */
  readonly columns: Map<number, { column: FormColumn; text: string }>;
  /** Column index → header text, for every non-empty header cell (known or not). */
  readonly texts: Map<number, string>;
  /** Cells in the header row, empty ones included (a CSV row longer than this has extra cells). */
  readonly width: number;
}

/** One sheet being read: the file part of its locations (`form.xlsx[王村镇]` when a workbook has several). */
interface SheetContext {
  readonly file: string;
  readonly sheet: string | undefined;
  readonly csv: boolean;
}

function matches(row: TableRow): number {
  return row.cells.filter((cell) => typeof cell === "string" && columnForHeader(cell) !== undefined).length;
}

function hasHeader(rows: TableRow[]): boolean {
  return rows.slice(0, HEADER_SEARCH_ROWS).some((row) => matches(row) >= MIN_HEADER_MATCHES);
}

function isFilled(cell: Cell | undefined): boolean {
  return cell !== null && cell !== undefined && (typeof cell !== "string" || cell.trim() !== "");
}

/** A, B, …, Z, AA: how a spreadsheet program names the column of a 0-based index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export async function readFormFile(
  bytes: Uint8Array,
  extension: string,
  file: string,
  options: ReadTextOptions,
): Promise<FormResult> {
  const csv = extension === ".csv";
  const table = csv ? readCsvTable(bytes, file, options, hasHeader) : await readXlsxTable(bytes, file, options);
  if (!table.ok) return { sections: undefined, diagnostics: table.diagnostics };
  const diagnostics = [...table.warnings];
  // Every sheet with a header row is a form (one per town, say); a cover or 说明 sheet is
  // skipped. With none, the first sheet's missing header is reported.
  const withHeader = table.sheets.filter((sheet) => hasHeader(sheet.rows));
  const sheets: Sheet[] = withHeader.length > 0 ? withHeader : table.sheets.slice(0, 1);
  const named = sheets.length > 1;
  const formRows: FormRow[] = [];
  let read = false;
  for (const sheet of sheets) {
    const context: SheetContext = {
      file: named ? `${file}[${sheet.name ?? ""}]` : file,
      sheet: named ? sheet.name : undefined,
      csv,
    };
    const header = findHeader(sheet.rows, context.file, diagnostics);
    if (!header) continue;
    read = true;
    formRows.push(
      ...readRows(
        sheet.rows.filter((row) => row.row > header.row),
        header,
        context,
        diagnostics,
      ),
    );
  }
  if (!read) return { sections: undefined, diagnostics };
  return { sections: rowsToSections(formRows, diagnostics), diagnostics };
}

function findHeader(rows: readonly TableRow[], file: string, diagnostics: Diagnostic[]): Header | undefined {
  const headerRow = rows.slice(0, HEADER_SEARCH_ROWS).find((row) => matches(row) >= MIN_HEADER_MATCHES);
  if (!headerRow) {
    const required = FORM_COLUMNS.filter((c) => c.required).map((c) => c.header);
    diagnostics.push({
      severity: "error",
      location: { kind: "file", file },
      field: "",
      message: `no header row found in the first ${HEADER_SEARCH_ROWS} rows`,
      fix: `the self-inspection form needs a header row with the columns ${required.join("、")}`,
    });
    return undefined;
  }
  const columns = new Map<number, { column: FormColumn; text: string }>();
  const texts = new Map<number, string>();
  const seen = new Map<string, string>();
  const allHeaders = FORM_COLUMNS.flatMap((c) => [c.header, c.key]);
  headerRow.cells.forEach((cell, index) => {
    if (!isFilled(cell)) return;
    if (isCellError(cell)) {
      const letter = `column ${columnLetter(index)}`;
      texts.set(index, letter);
      diagnostics.push({
        severity: "error",
        location: { kind: "cell", file, row: headerRow.row, header: letter },
        field: "",
        message: `header cell: ${cell.error}`,
        fix: cell.fix,
      });
      return;
    }
    const text = String(cell).trim();
    texts.set(index, text);
    const column = columnForHeader(text);
    const at: Location = { kind: "cell", file, row: headerRow.row, header: text };
    if (!column) {
      const suggestion = closest(normalizeHeader(text), allHeaders.map(normalizeHeader));
      const named = suggestion === undefined ? undefined : allHeaders.find((h) => normalizeHeader(h) === suggestion);
      diagnostics.push({
        severity: "error",
        location: at,
        field: "",
        message: `unknown column "${text}"${named ? `; did you mean "${named}"?` : ""}`,
        fix: named ? "rename the column" : "remove the column, or move its contents to 备注",
      });
      return;
    }
    const earlier = seen.get(column.key);
    if (earlier !== undefined) {
      diagnostics.push({
        severity: "error",
        location: at,
        field: column.key,
        message: `column given twice (also "${earlier}")`,
        fix: "keep one of the two columns",
      });
      return;
    }
    seen.set(column.key, text);
    columns.set(index, { column, text });
  });
  for (const column of FORM_COLUMNS) {
    if (column.required && !seen.has(column.key)) {
      diagnostics.push({
        severity: "error",
        location: { kind: "cell", file, row: headerRow.row, header: column.header },
        field: column.key,
        message: "required column is missing",
        fix: `add a column headed ${column.header} (or ${column.key})`,
      });
    }
  }
  return { row: headerRow.row, columns, texts, width: headerRow.cells.length };
}

interface FormRow extends IdRow {
  /** The file part of locations, and the sheet's name when a workbook has several forms. */
  readonly file: string;
  readonly values: Map<string, unknown>;
}

const BY_KEY = new Map(FORM_COLUMNS.map((c) => [c.key, c]));
const col = (key: string): FormColumn => BY_KEY.get(key)!;

/**
 * A note merged across the table, its text in every cell: how a CSV exported from such a
 * sheet holds it (the .xlsx reader keeps a horizontal merge's text in its first cell only).
 */
function isCopiedNote(cells: readonly Cell[]): boolean {
  const filled = cells.filter(isFilled);
  if (filled.length < MIN_NOTE_COPIES) return false;
  const first = filled[0];
  return typeof first === "string" && filled.every((cell) => typeof cell === "string" && cell.trim() === first.trim());
}

/** The rows under one sheet's header that are systems; notes, blank rows and repeated headers left out. */
function readRows(
  rows: readonly TableRow[],
  header: Header,
  context: SheetContext,
  diagnostics: Diagnostic[],
): FormRow[] {
  const { file } = context;
  const headerText = new Map<string, string>();
  for (const { column, text } of header.columns.values()) headerText.set(column.key, text);
  const cellAt = (row: number, column: FormColumn): Location => ({
    kind: "cell",
    file,
    row,
    header: headerText.get(column.key) ?? column.header,
  });
  const departmentIndex = [...header.columns].find(([, { column }]) => column.key === "department")?.[0];

  // A required column missing from the header was reported there, once, not on every row.
  const present = new Set([...header.columns.values()].map(({ column }) => column.key));
  const missingColumns = FORM_COLUMNS.filter((column) => column.required && !present.has(column.key)).map(
    (column) => column.key,
  );

  const formRows: FormRow[] = [];
  for (const tableRow of rows) {
    const filled = tableRow.cells.filter(isFilled).length;
    if (filled === 0) continue; // blank row
    if (matches(tableRow) >= MIN_HEADER_MATCHES) continue; // the header again: forms pasted one under another
    const skip = (why: string) =>
      diagnostics.push({
        severity: "warning",
        location: cellAt(tableRow.row, col("name")),
        field: "name",
        message: `row skipped: ${why}`,
        fix: "fill in the row if it is a system",
      });
    if (isCopiedNote(tableRow.cells)) {
      skip("every filled cell holds the same text (a note merged across the table?)");
      continue;
    }
    const values = new Map<string, unknown>();
    const failed = new Set<string>(missingColumns);
    const cellDiagnostics: Diagnostic[] = [];
    for (const [index, { column }] of header.columns) {
      const result = readCell(tableRow.cells[index] ?? null, column.kind);
      if (!result) continue;
      if (result.ok) {
        values.set(column.key, result.value);
        if (result.variant)
          cellDiagnostics.push({
            severity: "warning",
            location: cellAt(tableRow.row, column),
            field: column.key,
            message: `"${result.variant.written}" read as ${result.variant.canonical}`,
            fix: `write ${result.variant.canonical}, the value the form lists`,
          });
      } else {
        failed.add(column.key);
        cellDiagnostics.push({
          severity: "error",
          location: cellAt(tableRow.row, column),
          field: column.key,
          message: result.message,
          ...(result.fix ? { fix: result.fix } : {}),
        });
      }
    }
    // A note or a total line fills a cell or two and no 系统名称. A row that names its 部门
    // and fills another cell is a system whose name was left out; a 部门 alone is a group
    // heading (一、区直部门) and skipped like a note.
    const departmentFilled = departmentIndex !== undefined && isFilled(tableRow.cells[departmentIndex]);
    if (!values.has("name") && !failed.has("name") && filled <= 2) {
      if (filled === 2 && departmentFilled) {
        // Nearly empty: the one error that matters, not one for every required cell.
        diagnostics.push({
          severity: "error",
          location: cellAt(tableRow.row, col("name")),
          field: "name",
          message: "required cell is empty",
          fix: `fill in ${headerText.get("name") ?? col("name").header} and the rest of the row, or delete the row if it is not a system`,
        });
        continue;
      }
      skip("no 系统名称 and at most two cells filled (a note or a total line?)");
      continue;
    }
    diagnostics.push(...cellDiagnostics);
    tableRow.cells.forEach((cell, index) => {
      if (!isFilled(cell) || header.texts.has(index)) return;
      const location: Location = { kind: "cell", file, row: tableRow.row, header: `column ${columnLetter(index)}` };
      if (context.csv && index >= header.width) {
        diagnostics.push({
          severity: "error",
          location,
          field: "",
          message: `row has more cells than the header (an unquoted comma?): ${JSON.stringify(cell)} is outside the table`,
          fix: 'put a cell that holds the delimiter in double quotes, e.g. "低保审批, 救助", or save the file again from a spreadsheet program',
        });
      } else {
        diagnostics.push({
          severity: "error",
          location,
          field: "",
          message: `cell under a column with no header: ${isCellError(cell) ? cell.error : JSON.stringify(cell)}`,
          fix: "add a header to the column, or move the value to 备注",
        });
      }
    });
    for (const [, { column }] of header.columns) {
      if (!values.has(column.key) && !failed.has(column.key) && requiresCell(column)) {
        failed.add(column.key);
        diagnostics.push({
          severity: "error",
          location: cellAt(tableRow.row, column),
          field: column.key,
          message: "required cell is empty",
          fix: `fill in ${headerText.get(column.key) ?? column.header}`,
        });
      }
    }
    const row = tableRow.row;
    formRows.push({
      row,
      file,
      sheet: context.sheet,
      values,
      failed,
      columns: present,
      at: (column) => cellAt(row, column),
    });
  }
  if (formRows.length === 0) {
    diagnostics.push({
      severity: "error",
      location: cellAt(header.row, col("name")),
      field: "",
      message: "the form has no system rows under its header",
      fix: "fill in one row per system under the header",
    });
  }
  return formRows;
}

function rowsToSections(formRows: readonly FormRow[], diagnostics: Diagnostic[]): RawSections {
  const text = (row: FormRow, key: string) => row.values.get(key) as string | undefined;
  const departmentIds = new Map<string, string>();
  const roomIds = new Map<string, string>();
  const sections: RawSections = { policy: undefined, departments: [], rooms: [], systems: [] };
  const namedAt = (row: FormRow, key: string): RecordOrigin => fixedOrigin(row.file, row.at(col(key)), key);

  // Departments and rooms exist once per name, however many rows and sheets use it.
  for (const row of formRows) {
    const department = text(row, "department");
    if (department !== undefined && !departmentIds.has(department)) {
      const id = deriveId(department);
      departmentIds.set(department, id);
      sections.departments.push({
        value: { id, name: department, level: levelOf(department) },
        origin: namedAt(row, "department"),
        derived: true,
      });
    }
    const room = text(row, "server_room");
    if (room !== undefined && !roomIds.has(room)) {
      const id = deriveId(room);
      roomIds.set(room, id);
      sections.rooms.push({ value: { id, name: room }, origin: namedAt(row, "server_room"), derived: true });
    }
  }

  // Systems by name, to resolve 依赖系统 and 功能重复系统 (names, whatever the 系统编号).
  const systemIds = assignSystemIds(formRows, diagnostics);
  const byName = new Map<string, FormRow[]>();
  for (const row of formRows) {
    const name = text(row, "name");
    if (name !== undefined) byName.set(name, [...(byName.get(name) ?? []), row]);
  }
  const resolveNames = (row: FormRow, key: "depends_on" | "duplicates"): string[] => {
    const names = (row.values.get(key) as string[] | undefined) ?? [];
    const ids: string[] = [];
    for (const written of names) {
      // 部门/系统名称 says which department's system is meant, when the name alone is ambiguous.
      const qualified = /^(.+?)[/／](.+)$/.exec(written);
      const name = qualified && byName.has(qualified[2]!.trim()) ? qualified[2]!.trim() : written;
      const ofDepartment = qualified && name !== written ? qualified[1]!.trim() : undefined;
      const candidates = (byName.get(name) ?? []).filter(
        (c) => ofDepartment === undefined || text(c, "department") === ofDepartment,
      );
      const sameDepartment = candidates.filter((c) => text(c, "department") === text(row, "department"));
      const pick = ofDepartment !== undefined || sameDepartment.length === 0 ? candidates : sameDepartment;
      if (pick.length === 1) {
        const id = systemIds.of(pick[0]!);
        if (id !== undefined) ids.push(id);
        continue;
      }
      const departments = [...new Set(pick.map((c) => text(c, "department")))];
      let message: string;
      if (pick.length === 0) message = `no system named "${name}" in this form${suggestName(name, byName.keys())}`;
      else if (departments.length === 1) {
        const where = departments[0] ?? "the form";
        message = `"${name}" is used ${pick.length === 2 ? "twice" : `${pick.length} times`} in ${where} (${describeRows(pick)}), so it is not clear which system is meant`;
      } else
        message = `"${name}" names systems of several departments (${departments.map((d) => d ?? "no 部门").join("、")})`;
      const fix =
        pick.length === 0
          ? "write the 系统名称 exactly as on its own row, separated by ；"
          : departments.length === 1
            ? "rename one of the systems so each name is used once in its department"
            : "write 部门/系统名称 to say which department's system is meant";
      diagnostics.push({ severity: "error", location: row.at(col(key)), field: key, message, fix });
      row.failed.add(key);
    }
    return ids;
  };

  for (const row of formRows) {
    const department = text(row, "department");
    const room = text(row, "server_room");
    const group: Record<string, unknown> = {};
    for (const [key, field] of [
      ["servers", "count"],
      ["cores", "cores"],
      ["memory_gb", "memoryGb"],
      ["disk_gb", "diskGb"],
      ["os", "os"],
    ] as const) {
      if (row.values.has(key)) group[field] = row.values.get(key);
    }
    const system: Record<string, unknown> = {
      id: systemIds.record(row),
      name: text(row, "name"),
      department: department === undefined ? undefined : departmentIds.get(department),
      serverRoom: room === undefined ? undefined : roomIds.get(room),
      servers: serverGroups(row, group, diagnostics) ?? (Object.keys(group).length > 0 ? [group] : []),
      dependsOn: resolveNames(row, "depends_on"),
      duplicates: resolveNames(row, "duplicates"),
    };
    for (const column of FORM_COLUMNS) {
      const field = column.field;
      if (!field || field.length !== 1 || !row.values.has(column.key)) continue;
      const name = field[0] as string;
      if (!(name in system)) system[name] = row.values.get(column.key);
    }
    const retain: Record<string, unknown> = {};
    for (const [key, field] of [
      ["retain_approval", "approvalRef"],
      ["retain_approved_by", "approvedBy"],
      ["retain_reason", "reason"],
      ["retain_until", "until"],
    ] as const) {
      if (row.values.has(key)) retain[field] = row.values.get(key);
    }
    if (Object.keys(retain).length > 0) system.retain = retain;
    for (const key of Object.keys(system)) if (system[key] === undefined) delete system[key];

    const record: RawRecord = { value: system, origin: rowOrigin(row), skip: (path) => skipped(row, path) };
    sections.systems.push(record);
  }
  return sections;
}

/**
 * The groups of 服务器分组 when filled (undefined: the totals make one group), each with
 * its role; their sums must be the row's 服务器数量, CPU核数, 内存 and 存储.
 */
function serverGroups(
  row: FormRow,
  totals: Record<string, unknown>,
  diagnostics: Diagnostic[],
): Record<string, unknown>[] | undefined {
  const cell = row.values.get(SERVER_GROUPS_KEY) as string | undefined;
  if (cell === undefined) return undefined;
  const read = readServerGroups(cell);
  if (!read.ok) {
    diagnostics.push({
      severity: "error",
      location: row.at(col(SERVER_GROUPS_KEY)),
      field: SERVER_GROUPS_KEY,
      message: read.message,
      fix: read.fix,
    });
    row.failed.add(SERVER_GROUPS_KEY);
    return undefined;
  }
  for (const [key, field] of [
    ["servers", "count"],
    ["cores", "cores"],
    ["memory_gb", "memoryGb"],
    ["disk_gb", "diskGb"],
  ] as const) {
    const total = totals[field];
    const sum = Math.round(read.groups.reduce((n, g) => n + (g[field] as number), 0) * 1000) / 1000;
    if (typeof total === "number" && Math.abs(total - sum) > 1e-6) {
      diagnostics.push({
        severity: "error",
        location: row.at(col(key)),
        field: key,
        message: `${total} is not the sum of 服务器分组 (${sum})`,
        fix: `make ${col(key).header} the sum of the groups in 服务器分组, or correct the groups`,
      });
      row.failed.add(key);
    }
  }
  return read.groups;
}

/** "rows 2 and 3", or "row 2 of 王村镇 and row 4 of 南郊镇" when the rows are on named sheets. */
function describeRows(rows: readonly FormRow[]): string {
  const list = (items: string[]) =>
    items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
  if (rows.every((row) => row.sheet === undefined)) return `rows ${list(rows.map((row) => String(row.row)))}`;
  return list(rows.map((row) => `row ${row.row}${row.sheet === undefined ? "" : ` of ${row.sheet}`}`));
}

/** Schema issues on a cell that could not be read were already reported at the cell. */
function skipped(row: FormRow, path: IssuePath): boolean {
  const column = columnForField(path);
  return column !== undefined && row.failed.has(column.key);
}

function suggestName(name: string, names: Iterable<string>): string {
  const match = closest(name, names);
  return match === undefined ? "" : `; did you mean "${match}"?`;
}

/**
 * 镇, 乡 and 街道 are towns; a name with 区 or 县 is a district body; one with 市 (not the
 * 市 of 市场, as in 市场监督管理局) a city body; the rest district bodies.
 */
export function levelOf(department: string): "city" | "district" | "town" {
  if (/(镇|乡|街道|街道办事处)$/.test(department)) return "town";
  if (/[区县]/.test(department)) return "district";
  if (/市(?!场)/.test(department)) return "city";
  return "district";
}

/** Where a system's fields are on its row; an id derived from the name is at the name (the row may have no 系统编号 cell). */
function rowOrigin(row: FormRow): RecordOrigin {
  const fallback = col("name");
  const derivedId = !row.values.has(ID_COLUMN_KEY);
  const columnOf = (field: IssuePath) =>
    derivedId && field[0] === "id" ? fallback : (columnForField(field) ?? fallback);
  return {
    file: row.file,
    locate: (field) => row.at(columnOf(field)),
    fieldName: (field) => columnOf(field).key,
  };
}

/** Origin of a record created from a name: every field points at the cell that named it. */
function fixedOrigin(file: string, location: Location, key: string): RecordOrigin {
  return { file, locate: () => location, fieldName: () => key };
}
