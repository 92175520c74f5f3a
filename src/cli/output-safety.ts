/**
 * Output safety, one mechanism for every command that writes: an output never lands
 * inside, on, or around one of the command's inputs, never replaces a symbolic link,
 * is written beside its target and swapped in whole, and what an earlier killed run
 * left staged is swept. What the operating system refuses (permissions, a read-only
 * disk, a name too long, a full disk) is the user's to fix: exit 2 with the path, the
 * system's reason and a fix, never "internal error".
 */
import * as fsSync from "node:fs";
import * as path from "node:path";
import { InputError } from "../migration/inventory/diagnostics";

export interface OutputTarget {
  /** Absolute path of the folder or file to write. */
  readonly out: string;
  /** As the user gave it, for messages. */
  readonly shown: string;
  /** The command's inputs (files or folders), as given or absolute. */
  readonly inputs: readonly string[];
  readonly cwd: string;
  /** The option that named the output, for messages ("--out", "--json", …). */
  readonly option?: string;
}

const refuse = (file: string, message: string, fix: string): InputError =>
  new InputError([{ severity: "error", location: { kind: "file", file }, field: "", message, fix }]);

/** The path with every existing part's symbolic links resolved: what the kernel would write to. */
function physical(absolute: string): string {
  const missing: string[] = [];
  let existing = absolute;
  for (;;) {
    try {
      return path.join(fsSync.realpathSync(existing), ...missing.reverse());
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return absolute;
      missing.push(path.basename(existing));
      existing = parent;
    }
  }
}

const within = (inner: string, outer: string) => inner === outer || inner.startsWith(`${outer}${path.sep}`);

/**
 * Refuses, before any work: an output that is a symbolic link (replacing it whole
 * would replace the link, not what it points at), and an output equal to an input,
 * inside one (plan --out in the dataset writes files the dataset then reads) or
 * holding one (replacing the folder would delete the input). Compared after resolving
 * links, so a second name for the same folder is caught too.
 */
export function assertSafeOutput(target: OutputTarget): void {
  const option = target.option ?? "--out";
  let link: fsSync.Stats | undefined;
  try {
    link = fsSync.lstatSync(target.out, { throwIfNoEntry: false });
  } catch {
    link = undefined; // a path that cannot exist (under a file, too long): the writer says why
  }
  if (link?.isSymbolicLink()) {
    const to = fsSync.readlinkSync(target.out);
    throw refuse(
      target.shown,
      `${option} is a symbolic link (to ${to}): govcloud replaces its output whole and would replace the link itself`,
      `give the link's target (${path.resolve(path.dirname(target.out), to)}) as ${option}, or remove the link`,
    );
  }
  refuseOverlap(target, ["is the input", "is inside the input", "holds the input"]);
}

type Overlap = "is the input" | "is inside the input" | "holds the input";

/**
 * Throws if the output stands in one of `refused` relations to an input (compared after
 * resolving links). `addsFiles`: the output is a folder written into, never replaced whole.
 */
function refuseOverlap(target: OutputTarget, refused: readonly Overlap[], fix?: string, addsFiles = false): void {
  const option = target.option ?? "--out";
  const out = physical(target.out);
  for (const given of target.inputs) {
    const input = physical(path.resolve(target.cwd, given));
    const relation: Overlap | undefined =
      input === out
        ? "is the input"
        : within(out, input)
          ? "is inside the input"
          : within(input, out)
            ? "holds the input"
            : undefined;
    if (!relation || !refused.includes(relation)) continue;
    throw refuse(
      target.shown,
      `${option} ${relation} ${given}: writing there would ` +
        `${addsFiles || relation === "is inside the input" ? "add files to it" : "replace it"}`,
      fix ?? `choose a ${option} outside every input`,
    );
  }
}

/**
 * Refuses, before any work, a folder a command adds files to over time (a cutover run's
 * state: its journal, setup and step logs) inside one of the command's inputs or equal to
 * one: a dataset that holds a run's logs is no longer the dataset its lock was written
 * for, and its history lands in the repository with it. Unlike an output written whole,
 * such a folder may hold an input, and may be reached through a link.
 */
export function assertFolderOutsideInputs(target: OutputTarget, fix: string): void {
  refuseOverlap(target, ["is the input", "is inside the input"], fix, true);
}

/**
 * Refuses, before any work, an output whose folder cannot take it: the staging folder
 * goes beside the target, so the nearest existing folder above it must be writable.
 */
export function assertWritableParent(target: OutputTarget): void {
  let folder = path.dirname(target.out);
  for (;;) {
    const stat = fsSync.statSync(folder, { throwIfNoEntry: false });
    if (stat || path.dirname(folder) === folder) break;
    folder = path.dirname(folder);
  }
  try {
    fsSync.accessSync(folder, fsSync.constants.W_OK);
  } catch (cause) {
    throw environmentError(cause, folder) ?? cause;
  }
}

/** What the operating system's refusals mean to the user, and what to do. */
const ENVIRONMENT: Record<string, [reason: string, fix: string]> = {
  EACCES: ["permission denied", "choose a folder you may write to, or change its permissions"],
  EPERM: ["operation not permitted", "choose a folder you may write to, or change its permissions"],
  EROFS: ["the file system is read-only", "choose a folder on a writable disk"],
  ENAMETOOLONG: ["the name is too long for the file system", "choose a shorter path"],
  ENOSPC: ["no space left on the disk", "free some space, or choose a folder on another disk"],
  EDQUOT: ["the disk quota is exceeded", "free some space, or choose a folder on another disk"],
  ENOTDIR: ["a part of the path is a file, not a folder", "choose a path whose folders are folders"],
  EISDIR: ["the path is a folder", "name a file"],
  ELOOP: ["too many symbolic links in the path", "choose a path without a loop of links"],
  EMFILE: ["too many open files", "raise the open-file limit (ulimit -n)"],
  EIO: ["an input/output error on the disk", "check the disk, or choose another one"],
  EBUSY: ["the path is busy (a mount point?)", "choose another path"],
  EXDEV: ["the path crosses file systems", "choose a path on one disk"],
};

/** The error as exit 2 when the environment refused; undefined when it is a bug. */
export function environmentError(cause: unknown, fallbackPath: string, shown = fallbackPath): InputError | undefined {
  const code = (cause as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== "string" || !(code in ENVIRONMENT)) return undefined;
  const [reason, fix] = ENVIRONMENT[code]!;
  const at = (cause as NodeJS.ErrnoException).path;
  const file = at && at !== fallbackPath ? at : shown;
  return refuse(file, `cannot write: ${reason} (${code})`, fix);
}

/** Runs `write`, turning what the environment refused into exit 2 naming the path. */
export async function asEnvironmentErrors<T>(out: string, shown: string, write: () => Promise<T> | T): Promise<T> {
  try {
    return await write();
  } catch (cause) {
    throw environmentError(cause, out, shown) ?? cause;
  }
}

/**
 * Staged outputs are named `.<target>.tmp-<pid>-<random>` beside the target: the pid
 * tells a run still writing (kept) from one killed half-way (swept).
 */
export function stagingPrefix(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.tmp-${process.pid}-`);
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === "EPERM"; // someone else's live process
  }
};

/** Removes what killed runs staged for `target` (best effort: a sweep never fails a run that succeeded). */
export function sweepStaleStaging(target: string): string[] {
  const parent = path.dirname(target);
  const prefix = `.${path.basename(target)}.tmp-`;
  const swept: string[] = [];
  let names: string[];
  try {
    names = fsSync.readdirSync(parent);
  } catch {
    return swept;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = /^(\d+)-/.exec(name.slice(prefix.length))?.[1];
    // Names without a pid were staged by versions before the pid was recorded: stale by now.
    if (pid !== undefined && (Number(pid) === process.pid || alive(Number(pid)))) continue;
    try {
      fsSync.rmSync(path.join(parent, name), { recursive: true, force: true });
      swept.push(name);
    } catch {
      // left for the next run
    }
  }
  return swept;
}

/**
 * Writes one file whole: into a staging file beside it, then renamed over it, so a
 * reader never sees half a file and a failure leaves the old one. The target is
 * checked with assertSafeOutput first.
 */
export async function writeFileAtomically(target: OutputTarget, content: string | Uint8Array): Promise<void> {
  assertSafeOutput(target);
  assertWritableParent(target);
  const { out, shown } = target;
  await asEnvironmentErrors(out, shown, () => {
    const existing = fsSync.statSync(out, { throwIfNoEntry: false });
    if (existing?.isDirectory())
      throw refuse(shown, `${target.option ?? "--out"} is a folder, not a file`, "name a file");
    fsSync.mkdirSync(path.dirname(out), { recursive: true });
    const staging = `${stagingPrefix(out)}${Math.random().toString(36).slice(2, 8)}`;
    try {
      fsSync.writeFileSync(staging, content, { flag: "wx" });
      fsSync.renameSync(staging, out);
    } catch (cause) {
      fsSync.rmSync(staging, { force: true });
      throw cause;
    }
    sweepStaleStaging(out);
  });
}
