import * as fs from "node:fs/promises";
import { parseArgs } from "node:util";
import { diffPreviews, renderDiffMarkdown, renderDiffText } from "../../preview/diff";
import type { PreviewResult } from "../../preview/preview";
import { EXIT, UsageError, type Io } from "../io";

export const diffHelp = `Usage: govcloud diff <before.json> <after.json> [--markdown]

Compares two offline previews (govcloud preview --json): resources added, removed
and changed, with each changed property's old and new value. --markdown renders a
table for a pull-request comment.

Options:
  --markdown   Markdown instead of text
  -h, --help   show this help`;

async function readPreview(file: string): Promise<PreviewResult> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (cause) {
    throw new UsageError(`cannot read ${file}: ${(cause as Error).message}`, "diff");
  }
  try {
    const value = JSON.parse(text) as PreviewResult;
    if (!Array.isArray(value.resources)) throw new Error("no resources list");
    return value;
  } catch (cause) {
    throw new UsageError(`${file} is not a preview written by govcloud preview --json (${(cause as Error).message})`, "diff");
  }
}

export async function diffCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { markdown: { type: "boolean", default: false } } });
  if (positionals.length !== 2) throw new UsageError("diff takes two preview files: before and after", "diff");
  const [before, after] = await Promise.all(positionals.map(readPreview));
  const diff = diffPreviews(before!, after!);
  io.out(values.markdown ? renderDiffMarkdown(diff, `Infrastructure preview: ${after!.stack}`).trimEnd() : renderDiffText(diff));
  return EXIT.ok;
}
