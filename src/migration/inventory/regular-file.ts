/**
 * Reading an input file, for every command: only a regular file is read. A FIFO would
 * block the read until a writer comes (forever, from a user's typo), a device such as
 * /dev/zero never ends, and a socket is not a file; each is refused by what it is, and
 * a file larger than the caller's limit is refused by its size before it is read, so
 * memory holds at most the limit.
 */
import * as fs from "node:fs";
import { formatSize, lineBreaksAsLf } from "./source-text";

export interface Refusal {
  readonly ok: false;
  readonly message: string;
  readonly fix: string;
  readonly code?: string;
}

/**
 * The limit for govcloud's own files (locks, previews, journals, site actions): far
 * above a province's (a 100,000-system lock is tens of MiB), below what one string
 * can hold.
 */
export const MAX_OWN_FILE_BYTES = 256 * 1024 * 1024;

export type ReadFile = { readonly ok: true; readonly bytes: Buffer } | Refusal;

export type TooLarge = (size: number, maxBytes: number) => { message: string; fix: string };

const tooLargeByDefault: TooLarge = (size, maxBytes) => ({
  message: `file is ${formatSize(size)}, above the ${formatSize(maxBytes)} limit`,
  fix: "check that this is the file meant",
});

function kind(stat: fs.Stats): string {
  if (stat.isDirectory()) return "a folder";
  if (stat.isFIFO()) return "a named pipe (FIFO)";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  if (stat.isSocket()) return "a socket";
  return "not a regular file";
}

/** The file's bytes, or why it cannot be read; never blocks on a pipe, never reads past `maxBytes`. */
export function readRegularFile(
  file: string,
  maxBytes = Number.POSITIVE_INFINITY,
  tooLarge: TooLarge = tooLargeByDefault,
): ReadFile {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading otherwise waits for a writer.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    return {
      ok: false,
      code,
      message: `cannot read: ${(cause as Error).message}`,
      fix: code === "ENOENT" ? "check the path" : "check the path and its permissions",
    };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile())
      return {
        ok: false,
        message: `${kind(stat)}, not a regular file: govcloud reads files only`,
        fix: "give the path of a saved file (copy what a pipe or device gives into a file first)",
      };
    if (stat.size > maxBytes) return { ok: false, ...tooLarge(stat.size, maxBytes) };
    const bytes = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = fs.readSync(fd, bytes, read, stat.size - read, read);
      if (n === 0) break; // shrank while read
      read += n;
    }
    return { ok: true, bytes: read === stat.size ? bytes : bytes.subarray(0, read) };
  } catch (cause) {
    return { ok: false, message: `cannot read: ${(cause as Error).message}`, fix: "check the file and its disk" };
  } finally {
    fs.closeSync(fd);
  }
}

/** The same, as UTF-8 text with its bytes as they are, for the commands' own files (journals, previews). */
export function readRegularText(
  file: string,
  maxBytes = MAX_OWN_FILE_BYTES,
): { readonly ok: true; readonly text: string } | Refusal {
  const read = readRegularFile(file, maxBytes);
  return read.ok ? { ok: true, text: read.bytes.toString("utf8") } : read;
}

/**
 * One of the commands' own YAML files (the plan lock, a stack's settings, the site actions)
 * as text, line breaks as LF like the inventory's, so every error names the line an editor
 * shows (a journal is read as its bytes are: its lines are hashed).
 */
export function readRegularYamlText(
  file: string,
  maxBytes = MAX_OWN_FILE_BYTES,
): { readonly ok: true; readonly text: string } | Refusal {
  const read = readRegularText(file, maxBytes);
  return read.ok ? { ok: true, text: lineBreaksAsLf(read.text) } : read;
}
