/**
 * An executor's session on a run's state: the systems it works on held (a second
 * executor on them is refused), the journal opened (a torn tail set aside, a broken
 * chain refused) and folded, and an engine over both. Every writing cutover command goes
 * through here; which store keeps the state (a folder, PostgreSQL) is the state's affair.
 */
import { randomUUID } from "node:crypto";
import * as os from "node:os";
import * as path from "node:path";
import { fold } from "../migration/cutover/journal";
import { Engine, type EngineContext } from "../cutover/engine";
import { FileState } from "../cutover/file-state";
import { JournalDamaged, systemClock, type Clock } from "../cutover/journal-file";
import { PgState } from "../cutover/pg-state";
import { PsqlError, PsqlUnreachable } from "../cutover/psql";
import { automationDriver, offlineDriver } from "../cutover/pulumi";
import { StateBusy, type CutoverState, type JournalStore, type OpenedJournal } from "../cutover/store";
import { InputError } from "../migration/inventory/diagnostics";
import type { ResolvedSystem } from "../migration/cutover/resolve";
import { UsageError } from "./io";

export const DEFAULT_STATE = ".govcloud/cutover";
/** With a PostgreSQL state: this machine's folder for step logs (they are kept in the database too). */
export const DEFAULT_WORK = ".govcloud/cutover-work";

const POSTGRES_URL = /^postgres(ql)?:\/\//;

/** Whether --state names a PostgreSQL database rather than a folder. */
export const isPostgresState = (given: string): boolean => POSTGRES_URL.test(given);

/** A state's folder as messages show it: relative to the current folder, with forward slashes. */
export const shownPath = (cwd: string, p: string): string => path.relative(cwd, p).split(path.sep).join("/") || ".";

/** The state --state names: a folder (the default), or a PostgreSQL database by its URL. */
export function stateOf(given: string | undefined, work: string | undefined, cwd: string): CutoverState {
  if (given === undefined || !isPostgresState(given)) {
    if (work !== undefined)
      throw new UsageError("--work is for a postgres:// state; a state folder keeps its own logs", "cutover");
    const dir = path.resolve(cwd, given ?? DEFAULT_STATE);
    return new FileState(dir, shownPath(cwd, dir));
  }
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new UsageError(
      `--state ${JSON.stringify(given)} is not a PostgreSQL URL (fix: ` +
        `postgres://USER@HOST:PORT/DATABASE, the password in PGPASSWORD or ~/.pgpass)`,
      "cutover",
    );
  }
  if (!url.hostname || url.pathname.length <= 1)
    throw new UsageError(
      `--state ${JSON.stringify(given)} names no ${url.hostname ? "database" : "host"} (fix: ` +
        `postgres://USER@HOST:PORT/DATABASE)`,
      "cutover",
    );
  url.password = "";
  const workDir = path.resolve(cwd, work ?? DEFAULT_WORK);
  return new PgState(given, url.toString(), workDir, cwd);
}

/** A state's own failures as the CLI reports them: exit 2 with where and a fix, never a stack trace. */
export function stateFailure(state: CutoverState, cause: unknown): InputError | undefined {
  const at = (message: string, fix: string, file = state.shown) =>
    new InputError([{ severity: "error", location: { kind: "file", file }, field: "--state", message, fix }]);
  if (cause instanceof StateBusy) return at(cause.message, cause.fix, cause.where);
  if (cause instanceof PsqlUnreachable)
    return at(
      `cannot reach the PostgreSQL state: ${cause.message}`,
      "check the host, port, database and user of --state postgres://USER@HOST:PORT/DATABASE " +
        "(the password in PGPASSWORD or ~/.pgpass), that the server runs, and that the psql client is installed " +
        "here",
    );
  if (cause instanceof PsqlError && cause.sqlstate === "55P03")
    return at(
      `the PostgreSQL state kept a lock longer than its lock_timeout: ${cause.message}`,
      "run the command again (another executor was taking its places in the window); " +
        "if lock_timeout is short for the --state user, raise it",
    );
  if (cause instanceof PsqlError)
    return at(
      `the PostgreSQL state refused: ${cause.message} (SQLSTATE ${cause.sqlstate})`,
      "the user of --state needs to create tables in its database, and to read and write them",
    );
  if (cause instanceof JournalDamaged)
    return new InputError(
      cause.problems.map((p) => ({
        severity: "error",
        location: { kind: "text", file: state.journalShown, line: p.line, column: 1 },
        field: "",
        message: p.message,
        fix: "restore the journal from its copy; never edit it (govcloud cutover journal verify)",
      })),
    );
  return undefined;
}

export interface Session {
  readonly engine: Engine;
  readonly journal: JournalStore;
  /** Places in a cutover window, atomically against other executors of the state. */
  readonly takePlaces: OpenedJournal["takePlaces"];
  readonly run: string;
  close(): Promise<void>;
}

export interface SessionOptions {
  readonly state: CutoverState;
  /** The systems this session works on (held against other executors). */
  readonly systems: readonly string[];
  readonly operator: string;
  readonly lockFile: string;
  readonly projectDir: string;
  readonly say: (line: string) => void;
  readonly windowOf: (rs: ResolvedSystem) => { start: Date; end: Date } | undefined;
  /** --now: window checks as if it were then (journalled). */
  readonly now?: Date;
  readonly clock?: Clock;
}

export async function openSession(options: SessionOptions): Promise<Session> {
  const clock = options.clock ?? systemClock;
  const run = randomUUID();
  const started = clock.now();
  const state = options.state;
  let opened: Awaited<ReturnType<CutoverState["open"]>>;
  try {
    opened = await state.open({ run, operator: options.operator, host: os.hostname() }, options.systems, clock);
  } catch (cause) {
    throw stateFailure(state, cause) ?? cause;
  }
  const journal = opened.journal;
  for (const message of opened.notes) await journal.commit({ type: "note", message });
  const folded = fold(journal.records);
  const offset = options.now ? options.now.getTime() - started.getTime() : 0;
  const ctx: EngineContext = {
    journal,
    fold: folded,
    clock,
    stateDir: state.workDir,
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
    takePlaces: async (...args) => {
      try {
        return await opened.takePlaces(...args);
      } catch (cause) {
        throw stateFailure(state, cause) ?? cause;
      }
    },
    run,
    close: () => opened.release(),
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
