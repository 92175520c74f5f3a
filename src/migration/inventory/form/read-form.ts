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
import { columnForField, FORM_COLUMNS, ID_COLUMN_KEY, SERVER_GROUPS_KEY } from "./columns";
import { findHeader, hasHeader } from "./header";
import { col, readRows, type FormRow, type SheetContext } from "./rows";
import { readServerGroups } from "./server-groups";
import { assignSystemIds, type SystemIds } from "./system-ids";
import { readCsvTable, readXlsxTable, type Sheet } from "./table";

export const FORM_EXTENSIONS = [".csv", ".xlsx"];

export interface FormResult {
  readonly sections: RawSections | undefined;
  readonly diagnostics: Diagnostic[];
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

  const systemIds = assignSystemIds(formRows, diagnostics);
  const resolveNames = nameResolver(formRows, systemIds, diagnostics);

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
 * Resolves 依赖系统 and 功能重复系统, written as system names (whatever the 系统编号), to
 * ids within the form; an unknown or ambiguous name is reported at its cell.
 */
function nameResolver(
  formRows: readonly FormRow[],
  systemIds: SystemIds,
  diagnostics: Diagnostic[],
): (row: FormRow, key: "depends_on" | "duplicates") => string[] {
  const text = (row: FormRow, key: string) => row.values.get(key) as string | undefined;
  const byName = new Map<string, FormRow[]>();
  for (const row of formRows) {
    const name = text(row, "name");
    if (name !== undefined) byName.set(name, [...(byName.get(name) ?? []), row]);
  }
  return (row: FormRow, key: "depends_on" | "duplicates"): string[] => {
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
        message =
          `"${name}" is used ${pick.length === 2 ? "twice" : `${pick.length} times`} in ${where} ` +
          `(${describeRows(pick)}), so it is not clear which system is meant`;
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

/**
 * Where a system's fields are on its row; an id derived from the name is at the name (the row may have no 系统编号 cell).
 */
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
