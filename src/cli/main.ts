#!/usr/bin/env node
/**
 * The govcloud command line. Bad input and usage exit 2 with a message that says what
 * to fix, never a stack trace; a bug in govcloud itself exits 70 and says how to get
 * the trace.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { InputError } from "../migration/inventory/diagnostics";
import { closest } from "../migration/inventory/suggest";
import { cutoverCommand, cutoverHelp } from "./commands/cutover";
import { diffCommand, diffHelp } from "./commands/diff";
import { formCommand, formHelp } from "./commands/form";
import { generateCommand, generateHelp } from "./commands/generate";
import { importCommand, importHelp } from "./commands/import";
import { planCommand, planHelp } from "./commands/plan";
import { previewCommand, previewHelp } from "./commands/preview";
import { progressCommand, progressHelp } from "./commands/progress";
import { schemaCommand, schemaHelp } from "./commands/schema";
import { validateCommand, validateHelp } from "./commands/validate";
import { wavesCommand, wavesHelp } from "./commands/waves";
import { EXIT, plural, printDiagnostics, processIo, terminalSafe, UsageError, type Io } from "./io";

interface Command {
  readonly summary: string;
  readonly help: string;
  readonly run: (args: string[], io: Io) => Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  plan: {
    summary: "plan the migration: dispositions, targets, waves, runbooks, room closures",
    help: planHelp,
    run: planCommand,
  },
  waves: {
    summary: "list the plan lock's waves, or record one as deployed or done",
    help: wavesHelp,
    run: wavesCommand,
  },
  cutover: {
    summary: "run a deployed wave's runbooks: journalled steps, resume, rollback, finalize",
    help: cutoverHelp,
    run: cutoverCommand,
  },
  progress: {
    summary:
      "progress as of a date from the cutover journals: Appendix 2, the migration table, deadlines, rooms, burn-up",
    help: progressHelp,
    run: progressCommand,
  },
  preview: {
    summary: "show what pulumi up of a stack would create, offline, with the network rules",
    help: previewHelp,
    run: previewCommand,
  },
  diff: {
    summary: "compare two offline previews (text, or Markdown for a pull request)",
    help: diffHelp,
    run: diffCommand,
  },
  validate: {
    summary: "check an inventory (YAML folders, .csv/.xlsx forms)",
    help: validateHelp,
    run: validateCommand,
  },
  import: { summary: "convert a self-inspection form to a YAML dataset folder", help: importHelp, run: importCommand },
  form: {
    summary: "write an inventory as a pre-filled self-inspection form (.xlsx, .csv)",
    help: formHelp,
    run: formCommand,
  },
  generate: {
    summary: "write a synthetic estate of N systems (seeded) for tests and benchmarks",
    help: generateHelp,
    run: generateCommand,
  },
  schema: { summary: "print or refresh the JSON Schema of inventory files", help: schemaHelp, run: schemaCommand },
};

function version(): string {
  const manifest = JSON.parse(readFileSync(path.resolve(__dirname, "..", "..", "package.json"), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return `Usage: govcloud <command> [options]

govcloud moves a government's information systems into its cloud: it checks the
inventory (普查), plans the migration, and builds the landing zone with Pulumi.

Commands:
${lines.join("\n")}

Run \`govcloud <command> --help\` for a command's options.
Options: -h, --help  show this help;  -v, --version  print the version`;
}

export async function main(argv: readonly string[], given: Io = processIo): Promise<number> {
  // Every line printed, by every command, passes here: what users wrote is echoed, never obeyed.
  const io = terminalSafe(given);
  const [name, ...args] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") {
    const topic = name === "help" ? args[0] : undefined;
    io.out(topic && COMMANDS[topic] ? COMMANDS[topic].help : mainHelp());
    return EXIT.ok;
  }
  if (name === "-v" || name === "--version") {
    io.out(version());
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    const suggestion = closest(name, Object.keys(COMMANDS));
    io.err(
      `govcloud: unknown command "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ""} (see govcloud --help)`,
    );
    return EXIT.input;
  }
  if (args.includes("-h") || args.includes("--help")) {
    io.out(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (cause) {
    if (cause instanceof InputError) {
      printDiagnostics(io, cause.diagnostics);
      io.err(
        `govcloud ${name}: ${plural(cause.diagnostics.filter((d) => d.severity === "error").length, "error")}; ` +
          `nothing written`,
      );
      return EXIT.input;
    }
    if (cause instanceof UsageError || isParseArgsError(cause)) {
      io.err(`govcloud ${name}: ${(cause as Error).message} (see govcloud ${name} --help)`);
      return EXIT.input;
    }
    if (process.env.GOVCLOUD_DEBUG) io.err((cause as Error).stack ?? String(cause));
    io.err(
      `govcloud ${name}: internal error: ${(cause as Error).message ?? String(cause)} ` +
        `(this is a bug in govcloud; GOVCLOUD_DEBUG=1 prints the stack trace)`,
    );
    return EXIT.internal;
  }
}

function isParseArgsError(cause: unknown): boolean {
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (cause: unknown) => {
      process.stderr.write(`govcloud: internal error: ${String(cause)}\n`);
      process.exitCode = EXIT.internal;
    },
  );
}
