import * as fsSync from "node:fs";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { schemaModeline } from "../../migration/inventory/json-schema";
import { FORM_EXTENSIONS } from "../../migration/inventory/form/read-form";
import { loadInventory } from "../../migration/inventory/load";
import { renderInventoryFiles } from "../../migration/inventory/write-yaml";
import { isPieces, type FileContent, type Pieces } from "../../migration/plan/render/pieces";
import { EXIT, plural, printDiagnostics, UsageError, type Io } from "../io";
import { megabytes } from "./validate";

export const importHelp = `Usage: govcloud import <form.csv|form.xlsx> --out <dir> [--force]

Converts a department's self-inspection form (自查表) into the canonical YAML of a
dataset folder: departments.yaml, rooms.yaml and systems/<department-id>.yaml, each
checked by editors against the generated JSON Schema.

The form's columns are read by header (Chinese canonical, English alias), in any
order; the header may sit below a title row. Departments and server rooms are
created from the names used, with ids derived stably from the names (pinyin
initials plus a short hash). 依赖系统 and 功能重复系统 list system names of the
same form, separated by ； or ;. Dates may be written 2018-03-01, 2018/3/1 or
2018年3月1日. Forms saved by Excel as GB18030 CSV are read too.

The form is validated first: on any error nothing is written (exit 2).

Options:
  --out <dir>       folder to write (created; must be empty unless --force)
  --force           replace the folder's contents
  --max-file-mb N   refuse files larger than N MiB (default 32)
  -h, --help        show this help`;

export async function importCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: "string" }, force: { type: "boolean", default: false }, "max-file-mb": { type: "string" } },
  });
  if (positionals.length !== 1) throw new UsageError("import takes exactly one form file", "import");
  if (!values.out) throw new UsageError("--out <dir> is required", "import");
  const form = positionals[0]!;
  if (!FORM_EXTENSIONS.includes(path.extname(form).toLowerCase())) {
    throw new UsageError(`"${form}" is not a form: import reads ${FORM_EXTENSIONS.join(" or ")} files (YAML is already canonical)`, "import");
  }
  const out = path.resolve(io.cwd, values.out);
  assertOutsideInputs(out, [form], io.cwd);

  const loaded = await loadInventory([form], { displayRoot: io.cwd, maxFileBytes: megabytes(values["max-file-mb"]) });
  const { errors } = printDiagnostics(io, loaded.diagnostics);
  if (errors > 0) {
    io.err(`import: ${plural(errors, "error")} in ${form}; nothing written`);
    return EXIT.input;
  }
  if (!(await outFolderWritable(out, values.out, values.force ?? false, "import", io))) return EXIT.input;

  const files = renderInventoryFiles(loaded.inventory, {
    modeline: (subfolder) => schemaModeline(path.join(out, subfolder)),
    provenance: `Imported by \`govcloud import\` from ${path.basename(form)}; edit freely, then \`govcloud validate\` the folder.`,
  });
  await writeFolderAtomically(out, files);
  const { inventory } = loaded;
  io.out(
    `imported ${plural(inventory.systems.length, "system")}, ${plural(inventory.departments.length, "department")}, ${plural(inventory.rooms.length, "server room")} into ${values.out} (${plural(files.size, "file")})`,
  );
  return EXIT.ok;
}

/**
 * May the command write to --out? A missing or empty folder, yes; a folder with files
 * only with --force; a file, or a path that cannot be a folder, never (exit 2).
 */
export async function outFolderWritable(out: string, shown: string, force: boolean, command: string, io: Io): Promise<boolean> {
  const stat = await fs.stat(out).catch((cause: NodeJS.ErrnoException) => {
    if (cause.code === "ENOENT") return undefined;
    throw new UsageError(`--out ${shown} cannot be a folder: ${cause.message}`, command);
  });
  if (!stat) return true;
  if (!stat.isDirectory()) throw new UsageError(`--out ${shown} is a file, not a folder (choose a folder)`, command);
  if (force || (await fs.readdir(out)).length === 0) return true;
  io.err(`${command}: ${shown} is not empty; nothing written (fix: choose a new folder, or add --force to replace its contents)`);
  return false;
}

/** Refuses an --out folder that holds one of the inputs: replacing it would delete them. */
export function assertOutsideInputs(out: string, inputs: readonly string[], cwd: string): void {
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    if (absolute === out || absolute.startsWith(`${out}${path.sep}`)) {
      throw new UsageError(`--out ${out} holds the input ${input}: writing there would replace it (choose another folder)`);
    }
  }
}

/**
 * Writes every file into a staging folder beside the target, then swaps it in, so a
 * failure half-way leaves the target as it was, and no stale file of an earlier run
 * survives. Output paths that cannot be folders are the user's to fix (exit 2).
 */
export async function writeFolderAtomically(target: string, files: ReadonlyMap<string, FileContent>): Promise<void> {
  const existing = await fs.stat(target).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new UsageError(`--out ${target} is a file, not a folder (choose a folder)`);
  const parent = path.dirname(target);
  try {
    await fs.mkdir(parent, { recursive: true });
  } catch (cause) {
    throw new UsageError(`cannot create ${parent}: ${(cause as Error).message} (choose a folder that can be created)`);
  }
  const staging = await fs.mkdtemp(path.join(parent, `.${path.basename(target)}.tmp-`));
  const old = `${staging}.old`;
  let moved = false;
  try {
    await fs.chmod(staging, 0o777 & ~process.umask()); // mkdtemp makes 0700; a folder of reports is for others too
    writeFiles(staging, files);
    if (existing) {
      await fs.rename(target, old);
      moved = true;
    }
    await fs.rename(staging, target);
    if (moved) await fs.rm(old, { recursive: true, force: true });
  } catch (cause) {
    if (moved) await fs.rename(old, target).catch(() => undefined);
    await fs.rm(staging, { recursive: true, force: true });
    throw cause;
  }
}

/**
 * The files themselves, with blocking calls: a province's plan is a hundred thousand
 * files, and one synchronous write costs a tenth of an asynchronous one's round trip
 * through the thread pool (about 15 µs against 165 µs a file here). Each folder is
 * created once.
 */
function writeFiles(root: string, files: ReadonlyMap<string, FileContent>): void {
  const folders = new Set<string>();
  for (const [relative, content] of files) {
    const file = path.join(root, relative);
    const folder = path.dirname(file);
    if (!folders.has(folder)) {
      fsSync.mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    if (isPieces(content)) writePieces(file, content);
    else fsSync.writeFileSync(file, content);
  }
}

/** Text in pieces, gathered into writes of about a megabyte. */
function writePieces(file: string, content: Pieces): void {
  const handle = fsSync.openSync(file, "w");
  try {
    let pending: string[] = [];
    let size = 0;
    for (const piece of content.pieces()) {
      pending.push(piece);
      size += piece.length;
      if (size >= 1 << 20) {
        fsSync.writeSync(handle, pending.join(""));
        pending = [];
        size = 0;
      }
    }
    if (pending.length > 0) fsSync.writeSync(handle, pending.join(""));
  } finally {
    fsSync.closeSync(handle);
  }
}
