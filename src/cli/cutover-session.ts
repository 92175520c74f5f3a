/**
 * An executor's session on a state folder: its lock taken (a second executor is
 * refused), the journal opened (a torn tail set aside, a broken chain refused) and
 * folded, and an engine over both. Every writing cutover command goes through here.
 */
import { randomUUID } from "node:crypto";
import * as os from "node:os";
import * as path from "node:path";
import { fold } from "../migration/cutover/journal";
import { Engine, type EngineContext } from "../cutover/engine";
import { FileJournal, JournalDamaged, systemClock, type Clock } from "../cutover/journal-file";
import { automationDriver, offlineDriver } from "../cutover/pulumi";
import { StateBusy, takeStateLock } from "../cutover/state-lock";
import { InputError } from "../migration/inventory/diagnostics";
import type { ResolvedSystem } from "../migration/cutover/resolve";

export const journalFile = (stateDir: string) => path.join(stateDir, "journal.jsonl");

export interface Session {
  readonly engine: Engine;
  readonly journal: FileJournal;
  readonly run: string;
  close(): void;
}

export interface SessionOptions {
  readonly stateDir: string;
  readonly shown: string;
  readonly operator: string;
  readonly lockFile: string;
  readonly projectDir: string;
  readonly say: (line: string) => void;
  readonly windowOf: (rs: ResolvedSystem) => { start: Date; end: Date } | undefined;
  /** --now: window checks as if it were then (journalled). */
  readonly now?: Date;
  readonly clock?: Clock;
}

export function openSession(options: SessionOptions): Session {
  const clock = options.clock ?? systemClock;
  const run = randomUUID();
  const started = clock.now();
  let lock: ReturnType<typeof takeStateLock>;
  try {
    lock = takeStateLock(options.stateDir, run, started);
  } catch (cause) {
    if (cause instanceof StateBusy) {
      throw new InputError([
        {
          severity: "error",
          location: { kind: "file", file: `${options.shown}/executor.lock` },
          field: "",
          message: cause.message,
          fix: "wait for it to finish; if it died on another machine, remove the lock file after checking",
        },
      ]);
    }
    throw cause;
  }
  let journal: FileJournal;
  try {
    journal = FileJournal.open(
      journalFile(options.stateDir),
      { run, operator: options.operator, host: os.hostname() },
      clock,
    );
  } catch (cause) {
    lock.release();
    if (cause instanceof JournalDamaged) {
      throw new InputError(
        cause.problems.map((p) => ({
          severity: "error",
          location: { kind: "text", file: `${options.shown}/journal.jsonl`, line: p.line, column: 1 },
          field: "",
          message: p.message,
          fix: "restore the journal from its copy; never edit it (govcloud cutover journal verify)",
        })),
      );
    }
    throw cause;
  }
  if (lock.tookOverFrom)
    journal.append({
      type: "note",
      message: `took over the state lock of run ${lock.tookOverFrom.run} (pid ${lock.tookOverFrom.pid}, no longer running)`,
    });
  const folded = fold(journal.records);
  const offset = options.now ? options.now.getTime() - started.getTime() : 0;
  const ctx: EngineContext = {
    journal,
    fold: folded,
    clock,
    stateDir: options.stateDir,
    say: options.say,
    pulumi: (driver) =>
      driver === "automation"
        ? automationDriver(options.lockFile, options.projectDir)
        : offlineDriver(options.lockFile),
    windowNow: () => new Date(clock.now().getTime() + offset),
    windowOf: options.windowOf,
  };
  return {
    engine: new Engine(ctx),
    journal,
    run,
    close: () => {
      journal.close();
      lock.release();
    },
  };
}

/** Runs `work` over `items` with at most `parallel` at once, results in the items' order. */
export async function pool<T, R>(items: readonly T[], parallel: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, items.length)) }, worker));
  return results;
}
