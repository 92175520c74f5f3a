/**
 * Reading the plan lock from disk, for the commands and the Pulumi program alike: a
 * missing lock is a dataset not planned yet; a damaged one is every problem with file,
 * line and field (InputError).
 */
import * as path from "node:path";
import { InputError } from "../inventory/diagnostics";
import { readRegularYamlText } from "../inventory/regular-file";
import { lockPathFor, parseLock } from "./file";
import type { Lock } from "./model";

export interface LockOnDisk {
  /** Absolute path. */
  readonly file: string;
  /** As shown in messages: relative to the working folder. */
  readonly shown: string;
  readonly text: string | undefined;
  readonly lock: Lock | undefined;
}

/** The lock at `--lock`, or beside the dataset; exit 2 (InputError) when it cannot be read as a lock. */
export function readLockFile(inventoryPaths: readonly string[], explicit: string | undefined, cwd: string): LockOnDisk {
  const file = explicit ? path.resolve(cwd, explicit) : lockPathFor(inventoryPaths.map((p) => path.resolve(cwd, p)));
  const shown = path.relative(cwd, file).split(path.sep).join("/") || file;
  const read = readRegularYamlText(file);
  if (!read.ok) {
    if (read.code === "ENOENT") return { file, shown, text: undefined, lock: undefined };
    throw new InputError([
      {
        severity: "error",
        location: { kind: "file", file: shown },
        field: "",
        message: `cannot read the plan lock: ${read.message}`,
        fix: read.fix,
      },
    ]);
  }
  const { text } = read;
  const parsed = parseLock(text, shown);
  if (!parsed.lock) throw new InputError(parsed.diagnostics);
  return { file, shown, text, lock: parsed.lock };
}
