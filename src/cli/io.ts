/** How commands talk to the terminal, and the exit codes they share. */
import { formatDiagnostic, type Diagnostic } from "../migration/inventory/diagnostics";

export const EXIT = {
  ok: 0,
  /** The input is fine, but what it describes breaks a rule (policy violations). */
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
process.stdout.on("error", (cause: NodeJS.ErrnoException) => {
  if (cause.code !== "EPIPE") throw cause;
  stdoutClosed = true;
});

export const processIo: Io = {
  out: (line) => void (stdoutClosed || process.stdout.write(`${line}\n`)),
  err: (line) => process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
  ...(process.stdout.isTTY
    ? {
        terminal: {
          get columns() {
            return process.stdout.columns || 80;
          },
          write: (text: string) => void process.stdout.write(text),
        },
      }
    : {}),
};

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
