/**
 * A PostgreSQL session through the psql client, kept open: statements go in on its
 * standard input, rows come back unaligned, and after each statement psql echoes a
 * marker with whether it failed and its SQLSTATE. No npm PostgreSQL client is installed
 * here, and psql is what every site that runs PostgreSQL has; one process per session
 * (not one per statement) keeps a journal record to a round trip, and keeps a
 * transaction — the row locks of the systems being run — open as long as the executor
 * lives: when the executor dies, psql reads the end of its input and the locks go.
 */
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { spawn } from "node:child_process";

/** Fields and rows as psql prints them unaligned: a unit separator between fields, one row a line. */
const FIELD = "\x1f";

export class PsqlError extends Error {
  constructor(
    message: string,
    readonly sqlstate: string,
  ) {
    super(message);
    this.name = "PsqlError";
  }
}

/** The server could not be reached or refused the connection: psql's own words. */
export class PsqlUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PsqlUnreachable";
  }
}

/** A string as an SQL literal (standard_conforming_strings, set on every session: a backslash is itself). */
export const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

interface Pending {
  readonly marker: string;
  readonly resolve: (rows: string[][]) => void;
  readonly reject: (error: Error) => void;
  rows: string[][];
}

export class Psql {
  private buffer = "";
  private stderr = "";
  private queue: Pending[] = [];
  private next = 0;
  private exited = false;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => this.read(chunk));
    child.stderr.on("data", (chunk: string) => (this.stderr += chunk));
    child.stdin.on("error", () => undefined); // a dead psql is reported by its exit
    child.on("error", (error) => this.fail(new PsqlUnreachable(`psql could not start: ${error.message}`)));
    child.on("exit", () => {
      this.exited = true;
      this.fail(new PsqlUnreachable(this.stderr.trim().replace(/^psql: error: /, "") || "psql ended"));
    });
  }

  /** Connects (psql never prompts for a password: -w); rejects with psql's message when it cannot. */
  static async connect(url: string, application: string): Promise<Psql> {
    const child = spawn("psql", ["-X", "-q", "-w", "-A", "-t", "-F", FIELD, "-v", "ON_ERROR_STOP=0", "-d", url], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, PGCLIENTENCODING: "UTF8", PGAPPNAME: application.slice(0, 63), PGCONNECT_TIMEOUT: "10" },
    });
    const session = new Psql(child);
    await session.query("SET standard_conforming_strings = on");
    return session;
  }

  /**
   * Runs one statement (or several, separated by semicolons): the rows of every one, in order.
   * Only the last one's failure is reported: statements that must each succeed go through queryEach.
   */
  query(sql: string): Promise<string[][]> {
    if (this.exited) return Promise.reject(new PsqlUnreachable(this.stderr.trim() || "psql ended"));
    const { text, rows } = this.enqueue(sql);
    this.child.stdin.write(text);
    return rows;
  }

  /**
   * Runs statements in one write, so that no other statement of this session falls between
   * them (a transaction), each checked: rejects with the first that failed (psql goes on
   * after a failure, and a COMMIT after one is a ROLLBACK that does not fail). Their rows, a
   * list per statement.
   */
  async queryEach(statements: readonly string[]): Promise<string[][][]> {
    if (this.exited) throw new PsqlUnreachable(this.stderr.trim() || "psql ended");
    const queued = statements.map((sql) => this.enqueue(sql));
    this.child.stdin.write(queued.map((q) => q.text).join(""));
    const settled = await Promise.allSettled(queued.map((q) => q.rows));
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason as Error;
    return settled.map((r) => (r as PromiseFulfilledResult<string[][]>).value);
  }

  /** A statement's place in the queue, and the text that runs it and echoes its marker. */
  private enqueue(sql: string): { text: string; rows: Promise<string[][]> } {
    const marker = `__govcloud_${process.pid}_${this.next++}__`;
    const rows = new Promise<string[][]>((resolve, reject) => this.queue.push({ marker, resolve, reject, rows: [] }));
    return { text: `${sql};\n\\echo ${marker} :ERROR :LAST_ERROR_SQLSTATE :LAST_ERROR_MESSAGE\n`, rows };
  }

  private read(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf("\n")) !== -1) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 1);
      const pending = this.queue[0];
      if (!pending) continue;
      if (!line.startsWith(pending.marker)) {
        pending.rows.push(line.split(FIELD));
        continue;
      }
      this.queue.shift();
      // The marker line carries the error itself: stderr is another pipe, read in its own time.
      const [, failed, sqlstate, ...message] = line.split(" ");
      if (failed === "true") pending.reject(new PsqlError(message.join(" "), sqlstate ?? ""));
      else pending.resolve(pending.rows);
    }
  }

  private fail(error: Error): void {
    for (const pending of this.queue.splice(0)) pending.reject(error);
  }

  /** Ends the session: an open transaction is rolled back by the server. */
  async close(): Promise<void> {
    if (this.exited) return;
    const done = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.stdin.end();
    await done;
  }
}
