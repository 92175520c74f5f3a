/**
 * The journal as a file: JSON lines, append-only, each line fsync'd before the step it
 * records counts as done, each carrying the SHA-256 of the line before it. A changed,
 * removed or inserted line breaks the chain at the next line; a crash mid-write leaves a
 * torn last line (no newline, or not JSON). Both are found by reading the file again.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import { InputError } from "../migration/inventory/diagnostics";
import { readRegularText } from "../migration/inventory/regular-file";
import { GENESIS, type JournalEvent, type JournalRecord, type RecordHead } from "../migration/cutover/journal";
import type { JournalStore } from "./store";

export const sha256 = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

export interface JournalProblem {
  /** 1-based line of the file. */
  readonly line: number;
  readonly kind: "torn" | "broken" | "chain";
  readonly message: string;
}

export interface ReadJournal {
  readonly records: JournalRecord[];
  readonly problems: JournalProblem[];
  /** Hash of the last whole record (what the next record chains to). */
  readonly head: string;
  /** Bytes of the file up to the end of the last whole record. */
  readonly goodBytes: number;
  /** A torn tail (only the last line): its bytes, kept so it can be set aside. */
  readonly torn: string | undefined;
}

export function readJournal(file: string): ReadJournal {
  const read = readRegularText(file);
  if (!read.ok) {
    if (read.code === "ENOENT") return readJournalText("");
    throw new InputError([
      {
        severity: "error",
        location: { kind: "file", file },
        field: "",
        message: `cannot read the journal: ${read.message}`,
        fix: read.fix,
      },
    ]);
  }
  return readJournalText(read.text);
}

/**
 * The records of a journal's text (JSON lines), each checked against the chain. One
 * reading for every store: the PostgreSQL store's rows, joined by newlines, read the same.
 */
export function readJournalText(text: string): ReadJournal {
  const records: JournalRecord[] = [];
  const problems: JournalProblem[] = [];
  let head = GENESIS;
  let offset = 0;
  let goodBytes = 0;
  let torn: string | undefined;
  let lineNo = 0;
  while (offset < text.length) {
    lineNo++;
    const end = text.indexOf("\n", offset);
    const line = end === -1 ? text.slice(offset) : text.slice(offset, end);
    const last = end === -1 || end === text.length - 1;
    offset = end === -1 ? text.length : end + 1;
    let record: JournalRecord | undefined;
    try {
      record = JSON.parse(line) as JournalRecord;
    } catch {
      record = undefined;
    }
    if (end === -1 || record === undefined || typeof record !== "object") {
      if (last) {
        torn = line;
        problems.push({
          line: lineNo,
          kind: "torn",
          message:
            `the last line is torn (${end === -1 ? "no newline" : "not JSON"}, ${Buffer.byteLength(line)} ` +
            `bytes): a write that a crash interrupted; the step it recorded never counted as done`,
        });
      } else
        problems.push({ line: lineNo, kind: "broken", message: "not a JSON record: the file was edited or damaged" });
      continue;
    }
    if (record.prev !== head || record.seq !== records.length + 1) {
      problems.push({
        line: lineNo,
        kind: "chain",
        message:
          `the chain breaks here: record ${record.seq} should follow record ${records.length} whose hash is ` +
          `${head.slice(0, 12)}…, but names ${String(record.prev).slice(0, 12)}…: ` +
          `a line at or before ${lineNo - 1} was changed, removed or inserted`,
      });
    }
    records.push(record);
    head = sha256(line);
    goodBytes += Buffer.byteLength(line) + 1;
  }
  return { records, problems, head, goodBytes, torn };
}

export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The record that follows `seq` and the line hashed `head`: one shape for every journal store. */
export function chainedRecord(
  seq: number,
  head: string,
  clock: Clock,
  who: Pick<RecordHead, "run" | "operator" | "host">,
  event: JournalEvent,
): JournalRecord {
  return { seq: seq + 1, prev: head, at: clock.now().toISOString(), ...who, ...event };
}

/** An open journal: appends records, each written and fsync'd before append returns. */
export class FileJournal implements JournalStore {
  private fd: number;
  private seq: number;
  private head: string;

  private constructor(
    readonly file: string,
    private readonly who: Pick<RecordHead, "run" | "operator" | "host">,
    private readonly clock: Clock,
    read: ReadJournal,
    readonly records: JournalRecord[],
  ) {
    this.fd = fs.openSync(file, "a");
    this.seq = read.records.length;
    this.head = read.head;
  }

  /**
   * Opens the journal for appending. A torn last line is moved to `<file>.torn-<n>` (it
   * recorded nothing that counted) and a note says so; a broken chain refuses.
   */
  static open(file: string, who: Pick<RecordHead, "run" | "operator" | "host">, clock: Clock): FileJournal {
    const read = readJournal(file);
    const broken = read.problems.filter((p) => p.kind !== "torn");
    if (broken.length > 0) throw new JournalDamaged(file, broken);
    if (read.torn !== undefined) {
      let n = 1;
      while (fs.existsSync(`${file}.torn-${n}`)) n++;
      fs.writeFileSync(`${file}.torn-${n}`, read.torn);
      fs.truncateSync(file, read.goodBytes);
    }
    const journal = new FileJournal(file, who, clock, read, read.records);
    if (read.torn !== undefined)
      journal.append({
        type: "note",
        message: `a torn last line (${Buffer.byteLength(read.torn)} bytes, sha256 ${sha256(read.torn)}) was set aside`,
      });
    return journal;
  }

  /** Appends and fsyncs before returning (the commands' single records). */
  append(event: JournalEvent): JournalRecord {
    const record = this.write(event);
    fs.fsyncSync(this.fd);
    return record;
  }

  /**
   * Appends at once (the order of records is the order of calls) and resolves once the
   * record is on disk. The engine waits for it before a step starts or counts as done;
   * other systems' programs run meanwhile instead of the whole process blocking in fsync.
   */
  appendDurable(event: JournalEvent): { record: JournalRecord; durable: Promise<void> } {
    const record = this.write(event);
    return {
      record,
      durable: new Promise<void>((resolve, reject) =>
        fs.fdatasync(this.fd, (error) => (error ? reject(error) : resolve())),
      ),
    };
  }

  /** The store's append (src/cutover/store.ts): resolves once the record is on disk. */
  async commit(event: JournalEvent): Promise<JournalRecord> {
    const { record, durable } = this.appendDurable(event);
    await durable;
    return record;
  }

  /** The step logs are files in the state folder already. */
  async saveLog(): Promise<void> {}

  private write(event: JournalEvent): JournalRecord {
    const record = chainedRecord(this.seq, this.head, this.clock, this.who, event);
    const line = JSON.stringify(record);
    fs.writeSync(this.fd, `${line}\n`);
    this.seq++;
    this.head = sha256(line);
    this.records.push(record);
    return record;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

export class JournalDamaged extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly JournalProblem[],
  ) {
    super(`${file}: ${problems.map((p) => `line ${p.line}: ${p.message}`).join("; ")}`);
    this.name = "JournalDamaged";
  }
}
