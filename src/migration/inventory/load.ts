/**
 * Loads a dataset from any mix of paths: YAML files, folders of them, and spreadsheet
 * forms (.csv, .xlsx). Every file is read, every record checked, then the cross-record
 * rules run on the merge; all problems come back together, sorted, never thrown.
 */
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { hasErrors, sortDiagnostics, type Diagnostic } from "./diagnostics";
import { readFormFile, FORM_EXTENSIONS } from "./form/read-form";
import type { Inventory } from "./model";
import { checkCrossRecordRules } from "./rules";
import { PolicySchema } from "./model";
import { checkRecords, checkSections, emptyChecked, parseRecord, type RawRecord, type RawSections } from "./sections";
import { readRegularFile } from "./regular-file";
import {
  decodeTextFile,
  DEFAULT_MAX_FILE_BYTES,
  inventoryFileTooLarge,
  lineBreaksAsLf,
  type ReadTextOptions,
} from "./source-text";
import { readYamlInventory } from "./yaml-file";

/**
 * Plan locks (src/migration/lock) are named <dataset>.lock.yaml, and a dataset folder's
 * site actions (src/migration/cutover) cutover.yaml: never inventory files.
 */
export function isCompanionFile(name: string): boolean {
  return /\.lock\.ya?ml$/i.test(name) || /^cutover\.ya?ml$/i.test(name);
}

export const YAML_EXTENSIONS = [".yaml", ".yml"];
export const INVENTORY_EXTENSIONS = [...YAML_EXTENSIONS, ...FORM_EXTENSIONS];

export interface LoadOptions {
  /** File names in messages are shown relative to this folder (default: the working directory). */
  readonly displayRoot?: string;
  readonly maxFileBytes?: number;
  /** Told after each file is read (for a progress display): files read so far, and in all. */
  readonly onFile?: (done: number, total: number) => void;
}

export interface LoadedInventory {
  /** Records that passed their schema, each section sorted by id. */
  readonly inventory: Inventory;
  readonly diagnostics: readonly Diagnostic[];
  readonly files: readonly string[];
  readonly ok: boolean;
}

export async function loadInventory(paths: readonly string[], options: LoadOptions = {}): Promise<LoadedInventory> {
  const displayRoot = options.displayRoot ?? process.cwd();
  const display = (file: string) => path.relative(displayRoot, file).split(path.sep).join("/") || ".";
  const diagnostics: Diagnostic[] = [];
  const files = await expandPaths(paths, display, diagnostics);

  const merged: RawSections = { policy: undefined, departments: [], rooms: [], systems: [] };
  const extraPolicies: RawRecord[] = [];
  // A file's systems are checked as soon as it is read: their raw records, most of a city's
  // data, are then garbage while still young instead of living until the last file is read.
  const checked = emptyChecked();
  let policies = 0;
  for (const [index, file] of files.entries()) {
    const raw = await readInventoryFile(file, display(file), { maxBytes: options.maxFileBytes }, diagnostics);
    options.onFile?.(index + 1, files.length);
    if (!raw) continue;
    if (raw.policy) {
      policies++;
      if (merged.policy) extraPolicies.push(raw.policy);
      else merged.policy = raw.policy;
    }
    // Departments and rooms wait: a form's derived ones are merged across files first.
    merged.departments.push(...raw.departments);
    merged.rooms.push(...raw.rooms);
    checkRecords("systems", raw.systems, checked, diagnostics);
  }
  mergeDerived(merged);
  checkSections(merged, diagnostics, checked);
  // Only one policy counts, but a second one's own mistakes are reported too.
  for (const extra of extraPolicies) parseRecord(PolicySchema, extra, diagnostics);
  checkCrossRecordRules(checked, policies, diagnostics);

  const byId = <T extends { id: string }>(list: readonly { record: T }[]) =>
    list.map((entry) => entry.record).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const inventory: Inventory = {
    policy: checked.policy?.record,
    departments: byId(checked.departments),
    rooms: byId(checked.rooms),
    systems: byId(checked.systems),
  };
  const sorted = sortDiagnostics(diagnostics);
  return { inventory, diagnostics: sorted, files: files.map(display), ok: !hasErrors(sorted) };
}

/**
 * Departments and rooms a form created from a name are one record wherever that name
 * appears: in several forms, or in the YAML imported from one. A derived record is
 * dropped when a record with the same id and name is already there (an explicit one
 * wins over a derived one); the same id with another name stays, to be reported.
 */
function mergeDerived(sections: RawSections): void {
  for (const section of ["departments", "rooms"] as const) {
    const key = (record: RawRecord) => {
      const value = record.value as { id?: unknown; name?: unknown } | null;
      return typeof value?.id === "string" && typeof value.name === "string"
        ? `${value.id}\u0000${value.name}`
        : undefined;
    };
    const explicit = new Set(
      sections[section]
        .filter((r) => !r.derived)
        .map(key)
        .filter((k) => k !== undefined),
    );
    const seen = new Set<string>();
    sections[section] = sections[section].filter((record) => {
      if (!record.derived) return true;
      const k = key(record);
      if (k === undefined) return true;
      if (explicit.has(k) || seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  }
}

async function readInventoryFile(
  file: string,
  shown: string,
  text: ReadTextOptions,
  diagnostics: Diagnostic[],
): Promise<RawSections | undefined> {
  const extension = path.extname(file).toLowerCase();
  // Measured before it is read: a file above the limit (or a pipe, a device) is answered without filling memory.
  const read = readRegularFile(file, text.maxBytes ?? DEFAULT_MAX_FILE_BYTES, inventoryFileTooLarge);
  if (!read.ok) {
    diagnostics.push({
      severity: "error",
      location: { kind: "file", file: shown },
      field: "",
      message: read.message,
      fix: read.fix,
    });
    return undefined;
  }
  const { bytes } = read;
  if (FORM_EXTENSIONS.includes(extension)) {
    const form = await readFormFile(bytes, extension, shown, text);
    diagnostics.push(...form.diagnostics);
    return form.sections;
  }
  const decoded = decodeTextFile(bytes, shown, text);
  if (!decoded.ok) {
    diagnostics.push(...decoded.diagnostics);
    return undefined;
  }
  diagnostics.push(...decoded.warnings);
  // The YAML parser counts lines by LF only: a file with lone CRs (or a mix) would put every error on line 1.
  const result = readYamlInventory(lineBreaksAsLf(decoded.text), shown);
  diagnostics.push(...result.diagnostics);
  return result.sections;
}

/** Files named directly, and inventory files inside folders (recursively, sorted, hidden ones skipped). */
async function expandPaths(
  paths: readonly string[],
  display: (file: string) => string,
  diagnostics: Diagnostic[],
): Promise<string[]> {
  const found: string[] = [];
  if (paths.length === 0) {
    diagnostics.push({
      severity: "error",
      location: { kind: "file", file: "." },
      field: "",
      message: "no inventory path given",
      fix: "name a dataset folder or file, e.g. inventories/zhoucun",
    });
  }
  for (const given of paths) {
    const absolute = path.resolve(given);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch {
      diagnostics.push({
        severity: "error",
        location: { kind: "file", file: display(absolute) },
        field: "",
        message: "no such file or folder",
        fix: "check the path",
      });
      continue;
    }
    if (stat.isDirectory()) {
      const inside = await walk(absolute, display, diagnostics);
      if (inside.length === 0) {
        diagnostics.push({
          severity: "error",
          location: { kind: "file", file: display(absolute) },
          field: "",
          message: `folder holds no inventory files (${INVENTORY_EXTENSIONS.join(", ")})`,
          fix: "name a dataset folder such as inventories/zhoucun",
        });
      }
      found.push(...inside);
    } else if (INVENTORY_EXTENSIONS.includes(path.extname(absolute).toLowerCase())) {
      found.push(absolute);
    } else {
      diagnostics.push({
        severity: "error",
        location: { kind: "file", file: display(absolute) },
        field: "",
        message: `unsupported file type "${path.extname(absolute) || "(none)"}"`,
        fix: `inventories are ${INVENTORY_EXTENSIONS.join(", ")} files`,
      });
    }
  }
  return [...new Set(found)];
}

/**
 * The inventory files of a folder. Symbolic links are followed (a dataset assembled
 * from links is read as it looks), a link that leads back to a folder being read is
 * read once, and what cannot be read (a dangling link, a folder without permission) is
 * an error at its path, never a silent skip. A pipe or device named like an inventory
 * file is listed, to be refused by what it is when read.
 */
async function walk(
  folder: string,
  display: (file: string) => string,
  diagnostics: Diagnostic[],
  reading: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const problem = (file: string, message: string, fix: string) =>
    diagnostics.push({ severity: "error", location: { kind: "file", file: display(file) }, field: "", message, fix });
  let entries;
  let real;
  try {
    real = await fs.realpath(folder);
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (cause) {
    problem(
      folder,
      `cannot read the folder: ${(cause as Error).message}`,
      "give read permission to the folder (chmod a+rx), or move it out of the dataset",
    );
    return [];
  }
  if (reading.has(real)) return []; // a link back to a folder already being read
  const inside = new Set([...reading, real]);
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith(".") || entry.name.startsWith("~$")) continue; // hidden files, Excel lock files
    if (isCompanionFile(entry.name)) continue; // a plan lock beside a dataset, or the folder's site actions
    const full = path.join(folder, entry.name);
    let isFolder = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      const target = await fs.stat(full).catch(() => undefined);
      if (!target) {
        problem(full, "symbolic link to nothing (its target is missing)", "repair or remove the link");
        continue;
      }
      isFolder = target.isDirectory();
    }
    if (isFolder) files.push(...(await walk(full, display, diagnostics, inside)));
    else if (INVENTORY_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) files.push(full);
  }
  return files;
}
