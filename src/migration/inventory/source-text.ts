/**
 * Reads an inventory file's bytes into text, answering the inputs that are not text at
 * all (empty, binary, a spreadsheet under a .yaml name, too large, wrong encoding)
 * with a diagnostic instead of a parser's stack trace.
 */
import type { Diagnostic } from "./diagnostics";

/**
 * Largest file read, by default. The YAML parser holds about 50 times a file's size in
 * memory while it reads it (a 50 MB file: 2.7 GB, and minutes of garbage collection),
 * so a large inventory belongs in a folder of files, one per department, which are
 * read one after the other. --max-file-mb raises the limit on a machine with the memory.
 */
export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;

/** The answer to an inventory file above the limit, whether it was read or only measured. */
export function inventoryFileTooLarge(size: number, maxBytes: number): { message: string; fix: string } {
  return {
    message: `file is ${formatSize(size)}, above the ${formatSize(maxBytes)} limit for one inventory file`,
    fix:
      "split it into a folder of smaller files, e.g. one per department " +
      "(govcloud reads every file of a folder), or raise the limit with --max-file-mb if this machine has about " +
      "60 times the file's size in free memory",
  };
}

export interface ReadTextOptions {
  readonly maxBytes?: number;
  /** Try GB18030 when the bytes are not UTF-8 (Excel saves Chinese CSV that way). */
  readonly allowGb18030?: boolean;
}

export type TextResult = { ok: true; text: string; warnings: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

function fileError(file: string, message: string, fix?: string): TextResult {
  return {
    ok: false,
    diagnostics: [{ severity: "error", location: { kind: "file", file }, field: "", message, ...(fix ? { fix } : {}) }],
  };
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * Every line break as LF: YAML counts CRLF and a lone CR (files from old Mac editors, some
 * exports) as line breaks too, and a position reported must be the line an editor shows.
 */
export const lineBreaksAsLf = (text: string): string => text.replace(/\r\n?/g, "\n");

export function decodeTextFile(bytes: Uint8Array, file: string, options: ReadTextOptions = {}): TextResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (bytes.length > maxBytes) {
    const { message, fix } = inventoryFileTooLarge(bytes.length, maxBytes);
    return fileError(file, message, fix);
  }
  if (ZIP_MAGIC.every((byte, i) => bytes[i] === byte)) {
    return fileError(
      file,
      "this is a ZIP archive (an .xlsx workbook?), not a text file",
      "give a workbook the .xlsx extension so it is read as a self-inspection form",
    );
  }
  let text: string;
  const warnings: Diagnostic[] = [];
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  } else {
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    const body = bytes.subarray(start);
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(body);
    } catch {
      const nul = body.indexOf(0);
      if (nul >= 0) return binary(file, nul);
      if (!options.allowGb18030) {
        return fileError(
          file,
          `not UTF-8 text (invalid byte at offset ${firstInvalidUtf8(body)})`,
          "save the file as UTF-8",
        );
      }
      text = new TextDecoder("gb18030").decode(body);
      warnings.push({
        severity: "warning",
        location: { kind: "file", file },
        field: "",
        message: "not UTF-8; read as GB18030 (the encoding Excel uses for Chinese CSV)",
        fix: "save the form as UTF-8 CSV or as .xlsx to be sure every character is read as written",
      });
    }
  }
  const nul = text.indexOf("\u0000");
  if (nul >= 0) return binary(file, nul);
  if (text.trim() === "") return fileError(file, "file is empty", "fill it in, or remove it from the dataset folder");
  return { ok: true, text, warnings };
}

function binary(file: string, offset: number): TextResult {
  return fileError(
    file,
    `binary data (NUL byte at offset ${offset}), not an inventory`,
    "inventories are UTF-8 YAML files or .csv/.xlsx self-inspection forms",
  );
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix, found by bisection: decode is all-or-nothing.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid));
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  // A prefix may be invalid only because it cuts a multi-byte character: step past those.
  return low;
}

/** 200 bytes, 12.5 KiB, 50.0 MiB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}
