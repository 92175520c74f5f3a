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
import {
  asEnvironmentErrors,
  assertSafeOutput,
  assertWritableParent,
  environmentError,
  stagingPrefix,
  sweepStaleStaging,
  type OutputTarget,
} from "./output-safety";

/**
 * May the command write to --out? Checked before any work: it must be safe
 * (assertSafeOutput); a missing or empty folder, yes; a folder with files only with
 * --force; a file, or a path that cannot be a folder, never (exit 2).
 */
export async function outFolderWritable(
  target: OutputTarget,
  force: boolean,
  command: string,
  io: Io,
): Promise<boolean> {
  assertSafeOutput(target);
  const { out, shown } = target;
  const stat = await fs.stat(out).catch((cause: NodeJS.ErrnoException) => {
    if (cause.code === "ENOENT") return undefined;
    throw (
      environmentError(cause, out, shown) ??
      new UsageError(`--out ${shown} cannot be a folder: ${cause.message}`, command)
    );
  });
  if (stat?.isDirectory() === false)
    throw new UsageError(`--out ${shown} is a file, not a folder (choose a folder)`, command);
  assertWritableParent(target);
  if (!stat || force || (await asEnvironmentErrors(out, shown, () => fs.readdir(out))).length === 0) return true;
  io.err(
    `${command}: ${shown} is not empty; nothing written (fix: ` +
      `choose a new folder, or add --force to replace its contents)`,
  );
  return false;
}

/**
 * Writes every file into a staging folder beside the target, then swaps it in, so a
 * failure half-way leaves the target as it was, and no stale file of an earlier run
 * survives. The target is checked first (assertSafeOutput: no symbolic link, away
 * from the inputs); paths the system refuses are the user's to fix (exit 2).
 */
export async function writeFolderAtomically(
  target: string | OutputTarget,
  files: ReadonlyMap<string, FileContent>,
  onFile?: (done: number, total: number) => void,
): Promise<void> {
  const checked: OutputTarget =
    typeof target === "string" ? { out: target, shown: target, inputs: [], cwd: path.dirname(target) } : target;
  assertSafeOutput(checked);
  const { out, shown } = checked;
  await asEnvironmentErrors(out, shown, async () => {
    const existing = await fs.stat(out).catch(() => undefined);
    if (existing && !existing.isDirectory())
      throw new UsageError(`--out ${shown} is a file, not a folder (choose a folder)`);
    await fs.mkdir(path.dirname(out), { recursive: true });
    const staging = await fs.mkdtemp(stagingPrefix(out));
    const old = `${staging}.old`;
    let moved = false;
    try {
      await fs.chmod(staging, 0o777 & ~process.umask()); // mkdtemp makes 0700; a folder of reports is for others too
      writeFiles(staging, files, onFile);
      if (existing) {
        await fs.rename(out, old);
        moved = true;
      }
      await fs.rename(staging, out);
      if (moved) await fs.rm(old, { recursive: true, force: true });
    } catch (cause) {
      if (moved) await fs.rename(old, out).catch(() => undefined);
      await fs.rm(staging, { recursive: true, force: true });
      throw cause;
    }
    // A run killed half-way (kill -9, power) left its staging folder: gone once a run succeeds.
    sweepStaleStaging(out);
  });
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
