/** How commands talk to the terminal, and the exit codes they share. */
import { formatDiagnostic, type Diagnostic } from "../migration/inventory/diagnostics";

export const EXIT = {
  ok: 0,
  /** The input is fine, but what it describes breaks a rule (network rules' violations). */
  violation: 1,
  /** Bad input or usage: the message says what to fix. */
  input: 2,
  /** A bug in govcloud. */
  internal: 70,
} as const;

export interface Io {
  out(line: string): void;
  err(line: string): void;
  readonly cwd: string;
  /** Present when standard output is a terminal: what live displays draw on (else quiet lines). */
  readonly terminal?: { readonly columns: number; write(text: string): void };
}

/**
 * Set when whoever reads standard output stops (`govcloud … | head`): what is printed after
 * that is dropped, and the command itself goes on — a cutover run must not stop half-way
 * because its reader did.
 */
let stdoutClosed = false;
let watchingStdout = false;
function writeStdout(text: string): void {
  if (!watchingStdout) {
    // Once, on the first write (not when the module is loaded: tests load it many times).
    watchingStdout = true;
    process.stdout.on("error", (cause: NodeJS.ErrnoException) => {
      if (cause.code !== "EPIPE") throw cause;
      stdoutClosed = true;
    });
  }
  if (!stdoutClosed) process.stdout.write(text);
}

export const processIo: Io = {
  out: (line) => writeStdout(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
  ...(process.stdout.isTTY
    ? {
        terminal: {
          get columns() {
            return process.stdout.columns || 80;
          },
          write: (text: string) => writeStdout(text),
        },
      }
    : {}),
};

/**
 * Text for a terminal: messages echo what users wrote (names from a form, paths), and a
 * cell holding ESC, BEL or a bidirectional override would otherwise move the cursor,
 * recolour the screen, ring, or show text in another order than it is. Every control
 * character but the line break and the tab is shown as a visible \u{…} escape instead.
 */
export function escapeForTerminal(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    const code = ch.codePointAt(0)!.toString(16).padStart(2, "0");
    return `\\u{${code}}`;
  });
}

/** The same Io with every line escaped for the terminal (see escapeForTerminal). */
export function terminalSafe(io: Io): Io {
  return {
    out: (line) => io.out(escapeForTerminal(line)),
    err: (line) => io.err(escapeForTerminal(line)),
    cwd: io.cwd,
  };
}

/** Thrown for wrong command-line usage; the CLI prints it with the command's help hint. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

export function printDiagnostics(io: Io, diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const diagnostic of diagnostics) {
    io.err(formatDiagnostic(diagnostic));
    if (diagnostic.severity === "error") errors++;
    else warnings++;
  }
  return { errors, warnings };
}

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
