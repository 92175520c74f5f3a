/**
 * The output folder of import, generate and plan: checked before any work is written,
 * filled in a staging folder beside it and swapped in whole, so that a failure leaves
 * the folder as it was and no stale file of an earlier run survives.
 */
import * as fsSync from "node:fs";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { isPieces, type FileContent, type Pieces } from "../migration/plan/render/pieces";
import { UsageError, type Io } from "./io";

/**
 * May the command write to --out? A missing or empty folder, yes; a folder with files
 * only with --force; a file, or a path that cannot be a folder, never (exit 2).
 */
export async function outFolderWritable(
  out: string,
  shown: string,
  force: boolean,
  command: string,
  io: Io,
): Promise<boolean> {
  const stat = await fs.stat(out).catch((cause: NodeJS.ErrnoException) => {
    if (cause.code === "ENOENT") return undefined;
    throw new UsageError(`--out ${shown} cannot be a folder: ${cause.message}`, command);
  });
  if (!stat) return true;
  if (!stat.isDirectory()) throw new UsageError(`--out ${shown} is a file, not a folder (choose a folder)`, command);
  if (force || (await fs.readdir(out)).length === 0) return true;
  io.err(
    `${command}: ${shown} is not empty; nothing written (fix: choose a new folder, or add --force to replace its contents)`,
  );
  return false;
}

/** Refuses an --out folder that holds one of the inputs: replacing it would delete them. */
export function assertOutsideInputs(out: string, inputs: readonly string[], cwd: string): void {
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    if (absolute === out || absolute.startsWith(`${out}${path.sep}`)) {
      throw new UsageError(
        `--out ${out} holds the input ${input}: writing there would replace it (choose another folder)`,
      );
    }
  }
}

/**
 * Writes every file into a staging folder beside the target, then swaps it in, so a
 * failure half-way leaves the target as it was, and no stale file of an earlier run
 * survives. Output paths that cannot be folders are the user's to fix (exit 2).
 */
export async function writeFolderAtomically(
  target: string,
  files: ReadonlyMap<string, FileContent>,
  onFile?: (done: number, total: number) => void,
): Promise<void> {
  const existing = await fs.stat(target).catch(() => undefined);
  if (existing && !existing.isDirectory())
    throw new UsageError(`--out ${target} is a file, not a folder (choose a folder)`);
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
    writeFiles(staging, files, onFile);
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
function writeFiles(
  root: string,
  files: ReadonlyMap<string, FileContent>,
  onFile?: (done: number, total: number) => void,
): void {
  const folders = new Set<string>();
  let done = 0;
  for (const [relative, content] of files) {
    const file = path.join(root, relative);
    const folder = path.dirname(file);
    if (!folders.has(folder)) {
      fsSync.mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    if (isPieces(content)) writePieces(file, content);
    else fsSync.writeFileSync(file, content);
    onFile?.(++done, files.size);
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
