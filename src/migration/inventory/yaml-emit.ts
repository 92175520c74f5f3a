/**
 * A fast writer for the inventory's own YAML layout, byte-identical to what the `yaml`
 * library writes for the same data (block style, two-space indent, plain scalars where
 * plain is unambiguous, a `# comment` after a referring id), at a fraction of the cost:
 * building a `yaml` Document node by node and stringifying it was most of an import's
 * time. Anything outside the common case (a string that would need quotes or a block
 * scalar, an empty object, a list inside a list, a multi-line comment) returns
 * undefined, and the caller falls back to the library. tests/inventory/yaml-emit.test.ts
 * holds the two to the same bytes.
 */

/** Answers the comment for a scalar under `key`, if it gets one. */
export type CommentFor = (key: string, value: unknown) => string | undefined;

class Unsupported extends Error {}

/**
 * Strings YAML 1.2's core schema would read as something else (null, booleans, numbers); a little wider than the
 * library's tests, never narrower.
 */
const NOT_A_STRING = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^[-+]?(?:\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)$/,
];
/** What makes the library quote or fold a plain string (its own rule, stringifyString.plainString). */
const NEEDS_CARE = new RegExp(
  [
    /^[\n\t ,[\]{}#&*!|>'"%@`]/u.source, // a leading indicator or white space
    /^[?-]$|^[?-][ \t]/u.source, // a lone `?` or `-`, or one that starts an entry
    /[\n:][ \t]/u.source, // `: ` reads as a mapping; white space after a line break is folded
    /[ \t]\n|[\n\t ]#|[\n\t :]$/u.source, // white space before a line break, a comment, or at the end
    /[\n\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.source, // line breaks, control characters, lone surrogates
    /^(?:---|\.\.\.)/u.source, // document markers
  ].join("|"),
  "u",
);

function scalar(value: unknown): string {
  if (typeof value === "string") {
    if (NEEDS_CARE.test(value) || NOT_A_STRING.some((pattern) => pattern.test(value))) throw new Unsupported();
    return value;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value) || Object.is(value, -0)) throw new Unsupported();
    return JSON.stringify(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value === null) return "null";
  throw new Unsupported();
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** The library's comment marking: `#` at the start of a line, replacing a lone trailing space. */
const commentLine = (line: string) => line.replace(/^(?!$)(?: $)?/, "#");

function withComment(text: string, comment: string | undefined): string {
  if (comment === undefined) return text;
  if (comment.includes("\n") || comment === "") throw new Unsupported();
  return `${text} ${commentLine(comment)}`;
}

/** A mapping's pairs, each line prefixed; the first line's prefix may differ (after "- "). */
function mapping(
  out: string[],
  map: Record<string, unknown>,
  first: string,
  rest: string,
  commentFor: CommentFor,
): void {
  const keys = Object.keys(map);
  if (keys.length === 0) throw new Unsupported();
  keys.forEach((key, index) => {
    const prefix = index === 0 ? first : rest;
    if (scalar(key) !== key) throw new Unsupported();
    const value = map[key];
    if (Array.isArray(value)) {
      if (value.length === 0) throw new Unsupported();
      out.push(`${prefix}${key}:`);
      sequence(out, value, key, `${rest}  `, commentFor);
    } else if (isRecord(value)) {
      out.push(`${prefix}${key}:`);
      mapping(out, value, `${rest}  `, `${rest}  `, commentFor);
    } else {
      out.push(withComment(`${prefix}${key}: ${scalar(value)}`, commentFor(key, value)));
    }
  });
}

function sequence(out: string[], items: readonly unknown[], key: string, indent: string, commentFor: CommentFor): void {
  for (const item of items) {
    if (Array.isArray(item)) throw new Unsupported();
    if (isRecord(item)) mapping(out, item, `${indent}- `, `${indent}  `, commentFor);
    else out.push(withComment(`${indent}- ${scalar(item)}`, commentFor(key, item)));
  }
}

/**
 * The document `content` (a mapping) in block style, after a header comment (each line
 * of `header` becomes `#<line>`, then an empty line, as the library writes
 * `commentBefore`); undefined when the content needs the library.
 */
export function emitBlockYaml(
  content: Record<string, unknown>,
  header: string,
  commentFor: CommentFor,
): string | undefined {
  const out: string[] = header.split("\n").map(commentLine);
  out.push("");
  try {
    mapping(out, content, "", "", commentFor);
  } catch (cause) {
    if (cause instanceof Unsupported) return undefined;
    throw cause;
  }
  return `${out.join("\n")}\n`;
}
