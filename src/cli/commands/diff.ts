import * as path from "node:path";
import { parseArgs } from "node:util";
import {
  COMMENT_LIMIT,
  diffPreviews,
  isDestructive,
  MIN_MARKDOWN_CHARS,
  renderDiffMarkdown,
  renderDiffText,
} from "../../preview/diff";
import type { PreviewResult } from "../../preview/preview";
import { readRegularText } from "../../migration/inventory/regular-file";
import { EXIT, UsageError, type Io } from "../io";

export const diffHelp = `Usage: govcloud diff <before.json> <after.json> [--markdown [--max-chars N]]

Compares two offline previews (govcloud preview --json) as pulumi up would act on them:
  +     added                 ~     updated in place
  -/+   replaced: deleted and created again with a new id, because a field that
        forces replacement changed (a subnet's cidr, any field of a security-group
        rule, an instance's block devices or networks, …) or a resource it refers
        to that way is replaced; the fields are named
  -/+?  may be replaced: a type (or Kubernetes field) without replacement rules
  -     deleted
Deletions and replacements of stateful or protected resources (volumes, servers,
projects, claims, namespaces, floating IPs, anything with protect) come first,
marked !!: they lose data. --markdown renders a pull-request comment that never
exceeds --max-chars: the counts and the risky changes by name, then folded tables,
cut between rows with the count of what was left out.

Options:
  --markdown       Markdown instead of text
  --max-chars N    longest Markdown output (default ${COMMENT_LIMIT}, GitHub's comment limit;
                   at least ${MIN_MARKDOWN_CHARS}); divide it when several diffs share a comment
  -h, --help       show this help

Exit codes:
  0  nothing to do, or only additions and in-place updates
  1  something is replaced, may be replaced, or deleted (review before pulumi up)
  2  bad usage or a file that is not a preview`;

/** The resources of a parsed preview file, checked enough that diffing them cannot fail. */
function checkPreview(value: unknown): PreviewResult {
  const resources = (value as { resources?: unknown } | null)?.resources;
  if (!Array.isArray(resources)) throw new Error("no resources list");
  // A URN twice would hide one of the two from the diff.
  const urns = new Set<string>();
  resources.forEach((r: unknown, i) => {
    const { urn, type, name, inputs } = (r ?? {}) as Record<string, unknown>;
    if (typeof urn !== "string" || typeof type !== "string") throw new Error(`resources[${i}] has no urn or type`);
    if (urns.has(urn)) throw new Error(`resources[${i}] repeats the urn ${urn}`);
    urns.add(urn);
    if (name !== undefined && typeof name !== "string") throw new Error(`resources[${i}].name is not a string`);
    const isObject = typeof inputs === "object" && inputs !== null && !Array.isArray(inputs);
    if (inputs !== undefined && !isObject) throw new Error(`resources[${i}].inputs is not an object`);
  });
  const stack = (value as { stack?: unknown }).stack;
  return {
    stack: typeof stack === "string" ? stack : "",
    violations: [],
    resources: (resources as Record<string, unknown>[]).map((r) => ({
      ...r,
      urn: r.urn as string,
      type: r.type as string,
      name: (r.name as string | undefined) ?? (r.urn as string).split("::").pop()!,
      parent: typeof r.parent === "string" ? r.parent : "",
      inputs: (r.inputs as Record<string, unknown> | undefined) ?? {},
    })),
  };
}

/** A preview file, relative to the command's working folder. */
async function readPreview(file: string, cwd: string): Promise<PreviewResult> {
  const read = readRegularText(path.resolve(cwd, file));
  if (!read.ok) throw new UsageError(`cannot read ${file}: ${read.message} (fix: ${read.fix})`, "diff");
  try {
    return checkPreview(JSON.parse(read.text));
  } catch (cause) {
    throw new UsageError(
      `${file} is not a preview written by govcloud preview --json (${(cause as Error).message})`,
      "diff",
    );
  }
}

function maxChars(value: string | undefined): number {
  if (value === undefined) return COMMENT_LIMIT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < MIN_MARKDOWN_CHARS) {
    throw new UsageError(`--max-chars takes a whole number of at least ${MIN_MARKDOWN_CHARS}, not "${value}"`, "diff");
  }
  return n;
}

export async function diffCommand(args: string[], io: Io): Promise<number> {
  const options = { markdown: { type: "boolean", default: false }, "max-chars": { type: "string" } } as const;
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options });
  if (positionals.length !== 2) throw new UsageError("diff takes two preview files: before and after", "diff");
  const limit = maxChars(values["max-chars"]);
  const [before, after] = await Promise.all(positionals.map((file) => readPreview(file, io.cwd)));
  const diff = diffPreviews(before!, after!);
  io.out(
    values.markdown
      ? renderDiffMarkdown(diff, `Infrastructure preview: ${after!.stack}`, limit).trimEnd()
      : renderDiffText(diff),
  );
  return isDestructive(diff) ? EXIT.violation : EXIT.ok;
}
