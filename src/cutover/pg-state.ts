/**
 * The state of a run in PostgreSQL (`--state postgres://…`), for a team on several
 * machines: the same journal records as journal.jsonl, one row each, with the same hash
 * chain (the record's line is stored as written and read back by readJournalText), the
 * step logs, and the run's dataset. Each system has a row that an executor locks (FOR
 * UPDATE, in a transaction its psql session keeps open): two executors never run the same
 * system, while executors on different systems of one state proceed side by side and
 * append to one chain. The sequence number is the row's key: an append that loses the
 * race to another executor reads what was appended and chains after it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { JournalEvent, JournalRecord } from "../migration/cutover/journal";
import { chainedRecord, JournalDamaged, readJournalText, sha256, type Clock, type ReadJournal } from "./journal-file";
import type { WindowAdmission } from "../migration/cutover/capacity";
import { literal, Psql } from "./psql";
import {
  mergeSetup,
  StateBusy,
  type CutoverState,
  type JournalStore,
  type OpenedJournal,
  type RunSetup,
  type Who,
} from "./store";

const T = {
  journal: "govcloud_cutover_journal",
  systems: "govcloud_cutover_systems",
  holders: "govcloud_cutover_holders",
  setup: "govcloud_cutover_setup",
  logs: "govcloud_cutover_logs",
  places: "govcloud_cutover_window_places",
} as const;

/** Serialises the creation of the tables and the merge of run setups between executors. */
const ADVISORY_KEY = 1_414_297_014;
/** With the window's hash, serialises the executors taking places in one cutover window. */
export const PLACES_KEY = 1_414_297_015;

const SCHEMA = [
  `BEGIN; SELECT pg_advisory_xact_lock(${ADVISORY_KEY});`,
  `CREATE TABLE IF NOT EXISTS ${T.journal} (seq bigint PRIMARY KEY, line text NOT NULL);`,
  `CREATE TABLE IF NOT EXISTS ${T.systems} (system text PRIMARY KEY);`,
  `CREATE TABLE IF NOT EXISTS ${T.holders} (system text PRIMARY KEY, run text NOT NULL, operator text NOT NULL, ` +
    "host text NOT NULL, pid integer NOT NULL, since text NOT NULL);",
  `CREATE TABLE IF NOT EXISTS ${T.setup} (one boolean PRIMARY KEY DEFAULT true CHECK (one), setup text NOT NULL);`,
  `CREATE TABLE IF NOT EXISTS ${T.logs} (path text PRIMARY KEY, content bytea NOT NULL);`,
  `CREATE TABLE IF NOT EXISTS ${T.places} (win text NOT NULL, system text NOT NULL, PRIMARY KEY (win, system));`,
  "COMMIT",
].join("\n");

const list = (values: readonly string[]) => values.map(literal).join(", ");

export class PgState implements CutoverState {
  readonly journalShown: string;
  private main: Promise<Psql> | undefined;
  private schemaReady = false;

  constructor(
    private readonly url: string,
    readonly shown: string,
    readonly workDir: string,
    /** The project folder: the setup's paths are kept relative to it, so another machine's checkout reads them. */
    private readonly projectDir: string,
  ) {
    this.journalShown = `${shown} (table ${T.journal})`;
  }

  private session(): Promise<Psql> {
    return (this.main ??= Psql.connect(this.url, "govcloud cutover"));
  }

  private async writable(): Promise<Psql> {
    const db = await this.session();
    if (!this.schemaReady) await db.query(SCHEMA);
    this.schemaReady = true;
    return db;
  }

  private async exists(db: Psql): Promise<boolean> {
    const [row] = await db.query(`SELECT to_regclass(${literal(T.journal)}) IS NOT NULL`);
    return row?.[0] === "t";
  }

  async readSetup(): Promise<RunSetup | undefined> {
    const db = await this.session();
    if (!(await this.exists(db))) return undefined;
    const [row] = await db.query(`SELECT setup FROM ${T.setup}`);
    if (!row) return undefined;
    const kept = JSON.parse(row[0]!) as RunSetup;
    const absolute = (p: string) => path.resolve(this.projectDir, p);
    return {
      ...kept,
      inventory: kept.inventory.map(absolute),
      lock: absolute(kept.lock),
      actions: absolute(kept.actions),
    };
  }

  async writeSetup(setup: RunSetup): Promise<void> {
    const db = await this.writable();
    const relative = (p: string) => path.relative(this.projectDir, p).split(path.sep).join("/") || ".";
    await db.query("BEGIN");
    await db.query(`SELECT pg_advisory_xact_lock(${ADVISORY_KEY})`);
    const [row] = await db.query(`SELECT setup FROM ${T.setup} FOR UPDATE`);
    const before = row ? (JSON.parse(row[0]!) as RunSetup) : undefined;
    const mine: RunSetup = {
      ...setup,
      inventory: setup.inventory.map(relative),
      lock: relative(setup.lock),
      actions: relative(setup.actions),
    };
    const merged = mergeSetup(before, mine);
    await db.queryEach([
      `INSERT INTO ${T.setup} (setup) VALUES (${literal(JSON.stringify(merged))}) ON CONFLICT ` +
        "(one) DO UPDATE SET setup = EXCLUDED.setup",
      "COMMIT",
    ]);
  }

  async readJournal(): Promise<ReadJournal> {
    const db = await this.session();
    if (!(await this.exists(db))) return readJournalText("");
    return readJournalText(await lines(db, 0));
  }

  async logHashes(paths: readonly string[]): Promise<Map<string, string | undefined>> {
    const db = await this.session();
    const out = new Map<string, string | undefined>(paths.map((p) => [p, undefined]));
    if (paths.length === 0 || !(await this.exists(db))) return out;
    for (const [p, hash] of await db.query(
      `SELECT path, encode(sha256(content), 'hex') FROM ${T.logs} WHERE path IN (${list(paths)})`,
    ))
      out.set(p!, hash);
    return out;
  }

  async open(who: Who, systems: readonly string[], clock: Clock): Promise<OpenedJournal> {
    const db = await this.writable();
    const lock = systems.length > 0 ? await this.hold(db, who, systems, clock) : undefined;
    try {
      const read = readJournalText(await lines(db, 0));
      if (read.problems.length > 0) throw new JournalDamaged(this.journalShown, read.problems);
      const journal = new PgJournal(db, who, clock, read);
      fs.mkdirSync(this.workDir, { recursive: true });
      return {
        journal,
        notes: [],
        takePlaces: (window, capacity, started, candidates) => takePlaces(db, window, capacity, started, candidates),
        release: async () => {
          await journal.settled();
          if (lock) {
            await db.query(`DELETE FROM ${T.holders} WHERE run = ${literal(who.run)}`);
            await lock.close();
          }
        },
      };
    } catch (cause) {
      await lock?.close();
      throw cause;
    }
  }

  /** Locks the systems' rows in a session of their own, or refuses naming who holds them. */
  private async hold(db: Psql, who: Who, systems: readonly string[], clock: Clock): Promise<Psql> {
    await db.query(`INSERT INTO ${T.systems} (system) VALUES ${systems.map((s) => `(${literal(s)})`).join(", ")}
      ON CONFLICT DO NOTHING`);
    const lock = await Psql.connect(this.url, `govcloud cutover ${who.run}`);
    const got = new Set(
      (
        await lock.query(
          `BEGIN; SELECT system FROM ${T.systems} WHERE system IN (${list(systems)}) FOR UPDATE SKIP LOCKED`,
        )
      ).map(([s]) => s!),
    );
    const busy = systems.filter((s) => !got.has(s));
    if (busy.length > 0) {
      await lock.close();
      const holders = new Map(
        (
          await db.query(
            `SELECT system, run, operator, host, pid, since FROM ${T.holders} WHERE system IN (${list(busy)})`,
          )
        ).map((row) => [row[0]!, row]),
      );
      const named = busy.map((s) => {
        const h = holders.get(s);
        return h ? `${s} (run ${h[1]} by ${h[2]}, pid ${h[4]} on ${h[3]} since ${h[5]})` : s;
      });
      throw new StateBusy(
        `another executor is running ${named.join(", ")}: two executors never run the same system`,
        `${this.shown} (table ${T.systems})`,
        "run the other systems of the wave (--systems), or wait for that executor to finish; " +
          "the row locks of an executor that died go with its connection",
      );
    }
    const since = clock.now().toISOString();
    const holder = (system: string) =>
      `(${[system, who.run, who.operator, who.host].map(literal).join(", ")}, ${process.pid}, ${literal(since)})`;
    const takeOver =
      "ON CONFLICT (system) DO UPDATE SET run = EXCLUDED.run, operator = EXCLUDED.operator, host = " +
      "EXCLUDED.host, pid = EXCLUDED.pid, since = EXCLUDED.since";
    await db.query(
      `INSERT INTO ${T.holders} (system, run, operator, host, pid, since) VALUES ${systems.map(holder).join(", ")}
      ${takeOver}`,
    );
    return lock;
  }

  async close(): Promise<void> {
    const main = this.main;
    this.main = undefined;
    if (main) await (await main.catch(() => undefined))?.close();
  }
}

/**
 * Places in a window, decided in the database under the window's advisory lock, in one
 * round trip (so no other statement of this session falls inside the transaction): the
 * candidates that fit, in order, are given places after those the window's places and the
 * journal's started systems already take. A place, once given, is kept for the window (as a
 * started try is), and a system goes on in the window only when it holds a place or started there.
 */
async function takePlaces(
  db: Psql,
  window: string,
  capacity: number,
  started: ReadonlySet<string>,
  candidates: readonly string[],
): Promise<WindowAdmission> {
  const win = literal(window);
  const array = (values: Iterable<string>) => `ARRAY[${[...values].map(literal).join(", ")}]::text[]`;
  const placed = `SELECT system FROM ${T.places} WHERE win = ${win}`;
  // Each statement checked: should the lock or the insert fail (a lock_timeout, say), the
  // command stops rather than start systems the window has no place for.
  const [, , , , rows] = await db.queryEach([
    "BEGIN",
    `SELECT pg_advisory_xact_lock(${PLACES_KEY}, hashtext(${win}))`,
    `INSERT INTO ${T.places} (win, system)
      SELECT ${win}, c.system FROM unnest(${array(candidates)}) WITH ORDINALITY AS c(system, n)
      WHERE c.system NOT IN (${placed}) AND c.system <> ALL (${array(started)})
      ORDER BY c.n
      LIMIT GREATEST(0, ${capacity} - (SELECT count(*) FROM (${placed} UNION SELECT unnest(${array(started)})) AS t))`,
    "COMMIT",
    placed,
  ]);
  // Only what the database holds is admitted: the places given (now or before) and the started.
  const taken = new Set([...started, ...rows!.map((row) => row[0]!)]);
  return {
    admit: candidates.filter((id) => taken.has(id)),
    wait: candidates.filter((id) => !taken.has(id)),
    taken: [...taken].sort(),
  };
}

/** The journal's lines after `seq`, as one text (readJournalText reads it as it reads the file). */
async function lines(db: Psql, after: number): Promise<string> {
  const rows = await db.query(`SELECT line FROM ${T.journal} WHERE seq > ${after} ORDER BY seq`);
  return rows.map(([line]) => `${line}\n`).join("");
}

class PgJournal implements JournalStore {
  readonly records: JournalRecord[];
  private seq: number;
  private head: string;
  /** Appends of this executor go one after the other (its systems run in parallel). */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Psql,
    private readonly who: Who,
    private readonly clock: Clock,
    read: ReadJournal,
  ) {
    this.records = read.records;
    this.seq = read.records.length;
    this.head = read.head;
  }

  commit(event: JournalEvent): Promise<JournalRecord> {
    const appended = this.tail.then(() => this.insert(event));
    this.tail = appended.catch(() => undefined);
    return appended;
  }

  /** Committed rows are durable (PostgreSQL's synchronous commit); a lost race chains after the winner. */
  private async insert(event: JournalEvent): Promise<JournalRecord> {
    for (;;) {
      const record = chainedRecord(this.seq, this.head, this.clock, this.who, event);
      const line = JSON.stringify(record);
      const inserted = await this.db.query(
        `INSERT INTO ${T.journal} (seq, line) VALUES (${record.seq}, ${literal(line)}) ON CONFLICT ` +
          `(seq) DO NOTHING RETURNING seq`,
      );
      if (inserted.length === 1) {
        this.seq = record.seq;
        this.head = sha256(line);
        this.records.push(record);
        return record;
      }
      for (const [seq, other] of await this.db.query(
        `SELECT seq, line FROM ${T.journal} WHERE seq > ${this.seq} ORDER BY seq`,
      )) {
        this.seq = Number(seq);
        this.head = sha256(other!);
      }
    }
  }

  async saveLog(relative: string, bytes: Buffer): Promise<void> {
    await this.db.query(
      `INSERT INTO ${T.logs} (path, content) VALUES (${literal(relative)}, decode('${bytes.toString("hex")}', 'hex'))
       ON CONFLICT (path) DO UPDATE SET content = EXCLUDED.content`,
    );
  }

  /** Waits for the appends under way. */
  async settled(): Promise<void> {
    await this.tail;
  }

  close(): void {}
}
