/**
 * The plan lock on disk, for the commands: write it whole or not at all, and report
 * what the lock forbids with the line of the entry concerned.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Diagnostic } from "../migration/inventory/diagnostics";
import { InputError } from "../migration/inventory/diagnostics";
import type { LockOnDisk } from "../migration/lock/disk";
import { lockPosition, renderLock } from "../migration/lock/file";
import type { HoldProblem } from "../migration/lock/hold";
import { lockModeline } from "../migration/lock/json-schema";
import type { Lock } from "../migration/lock/model";

/** The lock's bytes as govcloud writes them at `file`. */
export function lockText(lock: Lock, file: string): string {
  return renderLock(lock, lockModeline(path.dirname(file)));
}

/**
 * Refuses, before anything is written, a lock whose folder cannot take it: reports without their lock would be half a
 * plan.
 */
export function assertLockWritable(file: string): void {
  try {
    fs.accessSync(path.dirname(throughLink(file)), fs.constants.W_OK);
  } catch (cause) {
    throw new InputError([
      {
        severity: "error",
        location: { kind: "file", file },
        field: "",
        message: `cannot write the plan lock here: ${(cause as Error).message}`,
        fix: "choose a --lock path in a folder that exists and is writable",
      },
    ]);
  }
}

/**
 * The file a lock path names: a symbolic link's target (a lock kept in another repository and
 * linked into this one stays a link, and its target gets the new lock), else the path itself.
 * Links are followed as the system follows them (from each link's real folder); a cycle of
 * links is an error (ELOOP), never a file written in place of a link.
 */
function throughLink(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== "ENOENT") throw cause;
  }
  // No file there yet: a dangling link names the file to create.
  if (!fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) return file;
  return throughLink(path.resolve(fs.realpathSync(path.dirname(file)), fs.readlinkSync(file)));
}

/** Writes the lock through a temporary file and a rename: a reader never sees half a lock. */
export function writeLockFile(file: string, text: string): void {
  let temporary: string | undefined;
  try {
    const target = throughLink(file);
    temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, target);
  } catch (cause) {
    if (temporary) fs.rmSync(temporary, { force: true });
    throw new InputError([
      {
        severity: "error",
        location: { kind: "file", file },
        field: "",
        message: `cannot write the plan lock: ${(cause as Error).message}`,
        fix: "check that its folder exists and is writable",
      },
    ]);
  }
}

/** What the lock forbids, as diagnostics on the lock's lines. */
export function problemDiagnostics(problems: readonly HoldProblem[], onDisk: LockOnDisk): Diagnostic[] {
  return problems.map((p) => {
    const field = p.path.join(".");
    if (onDisk.text === undefined)
      return {
        severity: "error",
        location: { kind: "file", file: onDisk.shown },
        field,
        message: p.message,
        fix: p.fix,
      };
    return {
      severity: "error",
      location: { kind: "text", file: onDisk.shown, ...lockPosition(onDisk.text, p.path) },
      field,
      message: p.message,
      fix: p.fix,
    };
  });
}
