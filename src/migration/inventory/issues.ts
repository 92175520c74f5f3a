/**
 * Turns zod's issues into our diagnostics' words: what is wrong, and how to fix it.
 * Shared by the YAML and the spreadsheet readers, which add the location.
 */
import type { z } from "zod";
import { ID_PATTERN } from "./id-pattern";
import { didYouMean } from "./suggest";
import {
  BOOLEAN_LABELS,
  DEPARTMENT_LEVELS,
  HOSTING_NETWORKS,
  lookupLabel,
  OM_STATUSES,
  ROOM_TENURES,
  SERVER_ROLES,
  USAGE_FREQUENCIES,
  USAGE_SCOPES,
  WEEKDAYS,
  type Vocabulary,
} from "./vocabulary";

export type IssuePath = readonly PropertyKey[];

export interface DescribedIssue {
  /** Path of the offending value (for unknown keys: of the key itself). */
  readonly path: IssuePath;
  readonly message: string;
  readonly fix?: string;
  /** Set when the issue is an unknown key: the key, to point at it rather than the map. */
  readonly unknownKey?: string;
}

export function formatPath(path: IssuePath): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out;
}

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  // A number, boolean, bigint, symbol, function or undefined: its own text.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects are answered above
  return String(value);
}

function typeName(expected: string): string {
  switch (expected) {
    case "object":
      return "a mapping";
    case "array":
      return "a list";
    case "boolean":
      return "true or false";
    case "int":
      return "a whole number";
    default:
      return `a ${expected}`;
  }
}

/** The id a string was probably meant to be: lowercase, hyphens for anything else. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^[^a-z]+|-+$/g, "")
    .slice(0, 63);
}

/** The YAML value whose Chinese form label was written instead of it (社会公众 → public). */
function valueForLabel(input: unknown, values: readonly string[]): string | undefined {
  if (typeof input !== "string") return undefined;
  for (const vocabulary of VOCABULARIES) {
    const value = lookupLabel(vocabulary, input);
    if (value !== undefined && values.includes(value)) return value;
  }
  return undefined;
}

/**
 * Describes one zod issue. `allowedKeys(path)` answers the keys allowed at a path, for
 * the "did you mean" of an unknown key.
 */
export function describeIssue(
  issue: z.core.$ZodIssue,
  allowedKeys: (path: IssuePath) => readonly string[],
): DescribedIssue[] {
  switch (issue.code) {
    case "unrecognized_keys":
      return unknownKeys(issue, allowedKeys(issue.path));
    case "invalid_type":
      return [wrongType(issue)];
    case "invalid_value":
      return [valueNotAllowed(issue)];
    case "too_small":
      return [tooSmall(issue)];
    case "too_big":
      return [tooBig(issue)];
    case "not_multiple_of":
      return [notMultipleOf(issue)];
    case "invalid_format":
      return [badFormat(issue)];
    case "custom":
      return [customRule(issue)];
    default:
      return [{ path: issue.path, message: issue.message }];
  }
}

/** One diagnostic per unknown key, pointing at the key, with the allowed key it was probably meant to be. */
function unknownKeys(issue: z.core.$ZodIssueUnrecognizedKeys, allowed: readonly string[]): DescribedIssue[] {
  return issue.keys.map((key) => {
    const suggestion = didYouMean(key, allowed);
    return {
      path: [...issue.path, key],
      unknownKey: key,
      message: `unknown field "${key}"${suggestion ? `; ${suggestion}` : ""}`,
      fix: suggestion ? `rename it` : `remove it; allowed here: ${allowed.join(", ")}`,
    };
  });
}

/** A value of the wrong type, or none where one is required. */
function wrongType(issue: z.core.$ZodIssueInvalidType): DescribedIssue {
  const path = issue.path;
  if (issue.input === undefined) {
    return { path, message: `missing required field`, fix: `add it: ${typeName(issue.expected)}` };
  }
  return { path, message: `expected ${typeName(issue.expected)}, got ${show(issue.input)}`, fix: typeFix(issue) };
}

/** How to write the type expected; for a yes/no word (是, 否) where YAML wants a boolean, the boolean meant. */
function typeFix(issue: z.core.$ZodIssueInvalidType): string {
  if (issue.expected === "boolean" && typeof issue.input === "string") {
    const word = issue.input.trim().toLowerCase();
    if (BOOLEAN_WORDS.has(word))
      return `write ${BOOLEAN_LABELS.true.includes(word) ? "true" : "false"}: YAML writes 是 and 否 as true and false`;
  }
  if (issue.expected === "number" || issue.expected === "int") return "write digits only, without quotes or units";
  if (issue.expected === "array") return 'write a list: each entry on its own line starting with "- "';
  return `write ${typeName(issue.expected)}`;
}

/** A value outside its vocabulary: the close value, or the value whose Chinese form label was written. */
function valueNotAllowed(issue: z.core.$ZodIssueInvalidValue): DescribedIssue {
  const path = issue.path;
  const values = issue.values.map((v) => String(v));
  if (issue.input === undefined) {
    return { path, message: "missing required field", fix: `add it: one of ${values.join(", ")}` };
  }
  const suggestion = typeof issue.input === "string" ? didYouMean(issue.input, values) : "";
  const label = valueForLabel(issue.input, values);
  return {
    path,
    message: `${show(issue.input)} is not one of ${values.join(", ")}${suggestion ? `; ${suggestion}` : ""}`,
    fix: label
      ? `write ${label} (the YAML name of ${typeof issue.input === "string" ? issue.input : show(issue.input)})`
      : `use one of ${values.join(", ")}`,
  };
}

/** Too few list entries, an empty string, or a number below its range. */
function tooSmall(issue: z.core.$ZodIssueTooSmall): DescribedIssue {
  const path = issue.path;
  if (issue.origin === "array")
    return {
      path,
      message: `needs at least ${String(issue.minimum)} entr${issue.minimum === 1 ? "y" : "ies"}`,
      fix: "add the missing entries",
    };
  if (issue.origin === "string")
    return { path, message: `must not be empty`, fix: "fill it in, or remove the field if it is optional" };
  const bound = issue.inclusive ? "at least" : "more than";
  return {
    path,
    message: `${show(issue.input)} is out of range: must be ${bound} ${String(issue.minimum)}`,
    fix: "correct the value",
  };
}

/** A number above its range. */
function tooBig(issue: z.core.$ZodIssueTooBig): DescribedIssue {
  const bound = issue.inclusive ? "at most" : "less than";
  return {
    path: issue.path,
    message: `${show(issue.input)} is out of range: must be ${bound} ${String(issue.maximum)}`,
    fix: "correct the value",
  };
}

function notMultipleOf(issue: z.core.$ZodIssueNotMultipleOf): DescribedIssue {
  return {
    path: issue.path,
    message: `${show(issue.input)} must be a multiple of ${String(issue.divisor)}`,
    fix: "correct the value",
  };
}

/** A string of the wrong form; for an id, the id it was probably meant to be. */
function badFormat(issue: z.core.$ZodIssueInvalidStringFormat): DescribedIssue {
  const isId =
    issue.format === "regex" &&
    String((issue as { pattern?: RegExp | string }).pattern ?? "").includes(ID_PATTERN.source);
  const suggestion = isId && typeof issue.input === "string" ? slug(issue.input) : "";
  return {
    path: issue.path,
    message: `${show(issue.input)} ${issue.message}`,
    fix: suggestion ? `e.g. ${suggestion}` : "correct the value",
  };
}

/** A rule of our own (dates, names): its message, and its fix when the rule gives one. */
function customRule(issue: z.core.$ZodIssueCustom): DescribedIssue {
  const fix = (issue.params as { fix?: string } | undefined)?.fix;
  return { path: issue.path, message: `${show(issue.input)} ${issue.message}`, ...(fix ? { fix } : {}) };
}

const BOOLEAN_WORDS = new Set([...BOOLEAN_LABELS.true, ...BOOLEAN_LABELS.false]);
const VOCABULARIES: readonly Vocabulary<string>[] = [
  HOSTING_NETWORKS,
  USAGE_SCOPES,
  USAGE_FREQUENCIES,
  OM_STATUSES,
  SERVER_ROLES,
  DEPARTMENT_LEVELS,
  ROOM_TENURES,
  WEEKDAYS,
];
