/**
 * Reads a self-inspection form (.csv or .xlsx) into the same raw records a YAML file
 * gives: one system a row; departments and server rooms created from the names used,
 * with ids derived stably from those names; dependencies and duplicates, written as
 * system names, resolved to ids within the form. A room's owner, location and age are
 * not on the form: the migration team adds them to rooms.yaml after the import rather
 * than govcloud guessing.
 */
import type { Diagnostic, Location } from "../diagnostics";
import { deriveId } from "../ids";
import type { IssuePath } from "../issues";
import { SystemSchema } from "../model";
import { isRequiredAt } from "../schema-walk";
import type { RecordOrigin } from "../origin";
import type { RawRecord, RawSections } from "../sections";
import type { ReadTextOptions } from "../source-text";
import { closest } from "../suggest";
import { columnForField, columnForHeader, FORM_COLUMNS, normalizeHeader, type FormColumn } from "./columns";
import { readCell } from "./cells";
import { readCsvTable, readXlsxTable, type TableRow } from "./table";

export const FORM_EXTENSIONS = [".csv", ".xlsx"];

/** Rows searched for the header: forms often carry a title and a "填报单位" line above it. */
const HEADER_SEARCH_ROWS = 20;
const MIN_HEADER_MATCHES = 3;

export interface FormResult {
  readonly sections: RawSections | undefined;
  readonly diagnostics: Diagnostic[];
}

interface Header {
  readonly row: number;
  /** Column index → form column, and the header text as written in the file. */
  readonly columns: Map<number, { column: FormColumn; text: string }>;
}

function matches(row: TableRow): number {
  return row.cells.filter((cell) => typeof cell === "string" && columnForHeader(cell) !== undefined).length;
}

function hasHeader(rows: TableRow[]): boolean {
  return rows.slice(0, HEADER_SEARCH_ROWS).some((row) => matches(row) >= MIN_HEADER_MATCHES);
}

export async function readFormFile(bytes: Uint8Array, extension: string, file: string, options: ReadTextOptions): Promise<FormResult> {
  const table = extension === ".csv" ? readCsvTable(bytes, file, options) : await readXlsxTable(bytes, file, options, hasHeader);
  if (!table.ok) return { sections: undefined, diagnostics: table.diagnostics };
  const diagnostics = [...table.warnings];
  const header = findHeader(table.rows, file, diagnostics);
  if (!header) return { sections: undefined, diagnostics };
  const sections = rowsToSections(table.rows.filter((row) => row.row > header.row), header, file, diagnostics);
  return { sections, diagnostics };
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
  const seen = new Map<string, string>();
  const allHeaders = FORM_COLUMNS.flatMap((c) => [c.header, c.key]);
  headerRow.cells.forEach((cell, index) => {
    if (cell === null || String(cell).trim() === "") return;
    const text = String(cell).trim();
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
      diagnostics.push({ severity: "error", location: at, field: column.key, message: `column given twice (also "${earlier}")`, fix: "keep one of the two columns" });
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
  return { row: headerRow.row, columns };
}

interface FormRow {
  readonly row: number;
  readonly values: Map<string, unknown>;
  readonly failed: Set<string>;
}

function rowsToSections(rows: readonly TableRow[], header: Header, file: string, diagnostics: Diagnostic[]): RawSections {
  const headerText = new Map<string, string>();
  for (const { column, text } of header.columns.values()) headerText.set(column.key, text);
  const cellAt = (row: number, column: FormColumn): Location => ({ kind: "cell", file, row, header: headerText.get(column.key) ?? column.header });
  const byKey = new Map(FORM_COLUMNS.map((c) => [c.key, c]));
  const col = (key: string) => byKey.get(key)!;

  // A required column missing from the header was reported there, once, not on every row.
  const present = new Set([...header.columns.values()].map(({ column }) => column.key));
  const missingColumns = FORM_COLUMNS.filter((column) => column.required && !present.has(column.key)).map((column) => column.key);

  const formRows: FormRow[] = [];
  for (const tableRow of rows) {
    const values = new Map<string, unknown>();
    const failed = new Set<string>(missingColumns);
    const cellDiagnostics: Diagnostic[] = [];
    for (const [index, { column }] of header.columns) {
      const result = readCell(tableRow.cells[index] ?? null, column.kind);
      if (!result) continue;
      if (result.ok) values.set(column.key, result.value);
      else {
        failed.add(column.key);
        cellDiagnostics.push({ severity: "error", location: cellAt(tableRow.row, column), field: column.key, message: result.message, ...(result.fix ? { fix: result.fix } : {}) });
      }
    }
    const filled = tableRow.cells.filter((cell) => cell !== null && String(cell).trim() !== "").length;
    if (filled === 0) continue; // blank row
    if (!values.has("name") && !failed.has("name") && filled <= 2) {
      diagnostics.push({
        severity: "warning",
        location: cellAt(tableRow.row, col("name")),
        field: "name",
        message: "row skipped: no 系统名称 and at most two cells filled (a note or a total line?)",
        fix: "fill in the row if it is a system",
      });
      continue;
    }
    diagnostics.push(...cellDiagnostics);
    for (const [, { column }] of header.columns) {
      if (!values.has(column.key) && !failed.has(column.key) && requiresCell(column)) {
        failed.add(column.key);
        diagnostics.push({ severity: "error", location: cellAt(tableRow.row, column), field: column.key, message: "required cell is empty", fix: `fill in ${headerText.get(column.key) ?? column.header}` });
      }
    }
    formRows.push({ row: tableRow.row, values, failed });
  }

  const text = (row: FormRow, key: string) => row.values.get(key) as string | undefined;
  const departmentIds = new Map<string, string>();
  const roomIds = new Map<string, string>();
  const sections: RawSections = { policy: undefined, departments: [], rooms: [], systems: [] };
  const namedAt = (row: number, key: string): RecordOrigin => fixedOrigin(file, cellAt(row, col(key)), key);

  for (const row of formRows) {
    const department = text(row, "department");
    if (department !== undefined && !departmentIds.has(department)) {
      const id = deriveId(department);
      departmentIds.set(department, id);
      sections.departments.push({ value: { id, name: department, level: levelOf(department) }, origin: namedAt(row.row, "department") });
    }
    const room = text(row, "server_room");
    if (room !== undefined && !roomIds.has(room)) {
      const id = deriveId(room);
      roomIds.set(room, id);
      sections.rooms.push({ value: { id, name: room }, origin: namedAt(row.row, "server_room") });
    }
  }

  // Systems by name, to resolve 依赖系统 and 功能重复系统.
  const systemId = (row: FormRow) => deriveId(text(row, "name") ?? `row ${row.row}`, `${text(row, "department") ?? ""}/${text(row, "name") ?? row.row}`);
  const byName = new Map<string, FormRow[]>();
  for (const row of formRows) {
    const name = text(row, "name");
    if (name !== undefined) byName.set(name, [...(byName.get(name) ?? []), row]);
  }
  const resolveNames = (row: FormRow, key: "depends_on" | "duplicates"): string[] => {
    const names = (row.values.get(key) as string[] | undefined) ?? [];
    const ids: string[] = [];
    for (const name of names) {
      const candidates = byName.get(name) ?? [];
      const sameDepartment = candidates.filter((c) => text(c, "department") === text(row, "department"));
      const pick = sameDepartment.length === 1 ? sameDepartment : candidates;
      if (pick.length === 1) {
        ids.push(systemId(pick[0]!));
        continue;
      }
      const message =
        pick.length === 0
          ? `no system named "${name}" in this form${suggestName(name, byName.keys())}`
          : `"${name}" names systems of several departments (${pick.map((c) => text(c, "department")).join("、")})`;
      const fix = pick.length === 0 ? "write the 系统名称 exactly as on its own row, separated by ；" : "rename one of the systems so names are unique";
      diagnostics.push({ severity: "error", location: cellAt(row.row, col(key)), field: key, message, fix });
      row.failed.add(key);
    }
    return ids;
  };

  for (const row of formRows) {
    const department = text(row, "department");
    const room = text(row, "server_room");
    const group: Record<string, unknown> = {};
    for (const [key, field] of [["servers", "count"], ["cores", "cores"], ["memory_gb", "memoryGb"], ["disk_gb", "diskGb"], ["os", "os"]] as const) {
      if (row.values.has(key)) group[field] = row.values.get(key);
    }
    const system: Record<string, unknown> = {
      id: systemId(row),
      name: text(row, "name"),
      department: department === undefined ? undefined : departmentIds.get(department),
      serverRoom: room === undefined ? undefined : roomIds.get(room),
      servers: Object.keys(group).length > 0 ? [group] : [],
      dependsOn: resolveNames(row, "depends_on"),
      duplicates: resolveNames(row, "duplicates"),
    };
    for (const column of FORM_COLUMNS) {
      const field = column.field;
      if (!field || field.length !== 1 || !row.values.has(column.key)) continue;
      const name = field[0] as string;
      if (!(name in system)) system[name] = row.values.get(column.key);
    }
    const retain = text(row, "retain_approval");
    if (retain !== undefined) system.retain = { approvalRef: retain };
    for (const key of Object.keys(system)) if (system[key] === undefined) delete system[key];

    const record: RawRecord = { value: system, origin: rowOrigin(file, row.row, cellAt), skip: (path) => skipped(row, path) };
    sections.systems.push(record);
  }
  return sections;
}

/** A cell must be filled when the model field it fills is required. */
function requiresCell(column: FormColumn): boolean {
  return column.field !== undefined && isRequiredAt(SystemSchema, column.field);
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

/** 镇, 乡 and 街道 are towns; names starting with 市 are city bodies; the rest district bodies. */
export function levelOf(department: string): "city" | "district" | "town" {
  if (/(镇|乡|街道|街道办事处)$/.test(department)) return "town";
  if (/^市/.test(department)) return "city";
  return "district";
}

function rowOrigin(file: string, row: number, cellAt: (row: number, column: FormColumn) => Location): RecordOrigin {
  const fallback = FORM_COLUMNS.find((c) => c.key === "name")!;
  return {
    file,
    locate: (field) => cellAt(row, columnForField(field) ?? fallback),
    fieldName: (field) => (columnForField(field) ?? fallback).key,
  };
}

/** Origin of a record created from a name: every field points at the cell that named it. */
function fixedOrigin(file: string, location: Location, key: string): RecordOrigin {
  return { file, locate: () => location, fieldName: () => key };
}
