/**
 * Where a cutover run keeps what happened: a state folder on this machine (journal.jsonl,
 * executor.lock, run.json) or a PostgreSQL database shared by a team on several machines.
 * Both keep the same records with the same hash chain, verified by the same reading
 * (readJournalText). The engine sees only a JournalStore; the commands see a CutoverState.
 */
import type { WindowAdmission } from "../migration/cutover/capacity";
import type { JournalEvent, JournalRecord, RecordHead } from "../migration/cutover/journal";
import type { Clock, ReadJournal } from "./journal-file";

/** An open journal the engine appends to. */
export interface JournalStore {
  /** The records when it was opened (the fold starts from them). */
  readonly records: readonly JournalRecord[];
  /** Appends; resolves once the record is durable (fsync'd, or committed). */
  commit(event: JournalEvent): Promise<JournalRecord>;
  /** Keeps a step's log where the journal is (a file store has it already). */
  saveLog(relative: string, bytes: Buffer): Promise<void>;
  close(): void | Promise<void>;
}

/** The run a state belongs to, so later commands need only --state. */
export interface RunSetup {
  readonly inventory: readonly string[];
  readonly lock: string;
  readonly actions: string;
  readonly wave: string;
  readonly systems: readonly string[];
}

export type Who = Pick<RecordHead, "run" | "operator" | "host">;

/** A run's state, wherever it is kept. */
export interface CutoverState {
  /** How messages name it: the folder, or the database URL without its password. */
  readonly shown: string;
  /** How messages name the journal in it (a file, or the table). */
  readonly journalShown: string;
  /** This machine's folder for step logs and the actions' working folder ({run.dir}). */
  readonly workDir: string;
  readSetup(): Promise<RunSetup | undefined>;
  /** Records the run's dataset; a second run of the same dataset adds its systems. */
  writeSetup(setup: RunSetup): Promise<void>;
  readJournal(): Promise<ReadJournal>;
  /** SHA-256 of each step log kept in the state (undefined: missing). */
  logHashes(paths: readonly string[]): Promise<Map<string, string | undefined>>;
  /**
   * Opens the journal for appending, holding the systems it will work on: a folder holds
   * the whole state (one executor), a database each system's row (one executor per system).
   * Throws StateBusy naming who holds them.
   */
  open(who: Who, systems: readonly string[], clock: Clock): Promise<OpenedJournal>;
  /** Ends the state's connections (none for a folder). */
  close(): Promise<void>;
}

export interface OpenedJournal {
  readonly journal: JournalStore;
  /** Notes for the journal on opening (a lock taken over, a torn line set aside). */
  readonly notes: readonly string[];
  /**
   * Takes places in a cutover window for `candidates` (admitToWindow): at most `capacity`
   * with the systems already `started` there and those other executors of this state were
   * given. Atomic against them: two executors starting at one instant never both get the last place.
   */
  readonly takePlaces: (
    window: string,
    capacity: number,
    started: ReadonlySet<string>,
    candidates: readonly string[],
  ) => Promise<WindowAdmission>;
  /** Closes the journal and gives the systems back. */
  release(): Promise<void>;
}

/** Another executor holds what this one needs. */
export class StateBusy extends Error {
  constructor(
    message: string,
    /** Where the lock is, for the message's location. */
    readonly where: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = "StateBusy";
  }
}

/** A second run of the same dataset and wave adds its systems; another wave replaces the setup. */
export function mergeSetup(before: RunSetup | undefined, mine: RunSetup): RunSetup {
  if (!before || before.wave !== mine.wave || JSON.stringify(before.inventory) !== JSON.stringify(mine.inventory))
    return mine;
  return { ...mine, systems: [...new Set([...before.systems, ...mine.systems])] };
}
