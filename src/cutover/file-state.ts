/**
 * The embedded state: a folder on this machine with the journal (journal.jsonl), the
 * lock that keeps it to one executor (executor.lock), the run's dataset (run.json) and
 * the step logs (logs/). The folder is also the actions' working folder.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { admitToWindow } from "../migration/cutover/capacity";
import { FileJournal, readJournal, sha256, type Clock, type ReadJournal } from "./journal-file";
import { StateBusy as LockHeld, takeStateLock } from "./state-lock";
import { mergeSetup, StateBusy, type CutoverState, type OpenedJournal, type RunSetup, type Who } from "./store";

export class FileState implements CutoverState {
  readonly journalShown: string;

  constructor(
    readonly workDir: string,
    readonly shown: string,
  ) {
    this.journalShown = `${shown}/journal.jsonl`;
  }

  get journalFile(): string {
    return path.join(this.workDir, "journal.jsonl");
  }

  private get setupFile(): string {
    return path.join(this.workDir, "run.json");
  }

  async readSetup(): Promise<RunSetup | undefined> {
    try {
      return JSON.parse(fs.readFileSync(this.setupFile, "utf8")) as RunSetup;
    } catch {
      return undefined;
    }
  }

  async writeSetup(setup: RunSetup): Promise<void> {
    fs.mkdirSync(this.workDir, { recursive: true });
    const merged = mergeSetup(await this.readSetup(), setup);
    fs.writeFileSync(`${this.setupFile}.tmp`, `${JSON.stringify(merged, null, 2)}\n`);
    fs.renameSync(`${this.setupFile}.tmp`, this.setupFile);
  }

  async readJournal(): Promise<ReadJournal> {
    return readJournal(this.journalFile);
  }

  async logHashes(paths: readonly string[]): Promise<Map<string, string | undefined>> {
    const out = new Map<string, string | undefined>();
    for (const p of paths) {
      try {
        out.set(p, sha256(fs.readFileSync(path.join(this.workDir, p))));
      } catch {
        out.set(p, undefined);
      }
    }
    return out;
  }

  async close(): Promise<void> {}

  /** One executor per folder, whatever systems it works on. */
  async open(who: Who, _systems: readonly string[], clock: Clock): Promise<OpenedJournal> {
    let lock: ReturnType<typeof takeStateLock>;
    try {
      lock = takeStateLock(this.workDir, who.run, clock.now());
    } catch (cause) {
      if (cause instanceof LockHeld)
        throw new StateBusy(
          cause.message,
          `${this.shown}/executor.lock`,
          "wait for it to finish; if it died on another machine, remove the lock file after checking",
        );
      throw cause;
    }
    let journal: FileJournal;
    try {
      journal = FileJournal.open(this.journalFile, who, clock);
    } catch (cause) {
      lock.release();
      throw cause;
    }
    const notes = lock.tookOverFrom
      ? [`took over the state lock of run ${lock.tookOverFrom.run} (pid ${lock.tookOverFrom.pid}, no longer running)`]
      : [];
    return {
      journal,
      notes,
      // The folder's lock makes this executor the only one: the journal says who started.
      takePlaces: async (_window, capacity, started, candidates) => admitToWindow(capacity, started, candidates),
      release: async () => {
        journal.close();
        lock.release();
      },
    };
  }
}
