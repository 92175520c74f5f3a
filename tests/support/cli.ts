/** Runs the govcloud command line in-process, capturing what it prints. */
import type { Io } from "../../src/cli/io";
import { main } from "../../src/cli/main";

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function runCli(cwd: string, argv: readonly string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (line) => out.push(line), err: (line) => err.push(line), cwd };
  const code = await main(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}
