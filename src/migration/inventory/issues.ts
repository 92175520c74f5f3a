/**
 * Turns zod's issues into our diagnostics' words: what is wrong, and how to fix it.
 * Shared by the YAML and the spreadsheet readers, which add the location.
 */
import type { z } from "zod";
import { didYouMean } from "./suggest";

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

/**
 * Describes one zod issue. `allowedKeys(path)` answers the keys allowed at a path, for
 * the "did you mean" of an unknown key.
 */
export function describeIssue(issue: z.core.$ZodIssue, allowedKeys: (path: IssuePath) => readonly string[]): DescribedIssue[] {
  const path = issue.path;
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = allowedKeys(path);
      return issue.keys.map((key) => {
        const suggestion = didYouMean(key, allowed);
        return {
          path: [...path, key],
          unknownKey: key,
          message: `unknown field "${key}"${suggestion ? `; ${suggestion}` : ""}`,
          fix: suggestion ? `rename it` : `remove it; allowed here: ${allowed.join(", ")}`,
        };
      });
    }
    case "invalid_type": {
      if (issue.input === undefined) {
        return [{ path, message: `missing required field`, fix: `add it: ${typeName(issue.expected)}` }];
      }
      return [{ path, message: `expected ${typeName(issue.expected)}, got ${show(issue.input)}` }];
    }
    case "invalid_value": {
      if (issue.input === undefined) {
        return [{ path, message: "missing required field", fix: `add it: one of ${issue.values.map((v) => String(v)).join(", ")}` }];
      }
      const values = issue.values.map((v) => String(v));
      const suggestion = typeof issue.input === "string" ? didYouMean(issue.input, values) : "";
      return [
        {
          path,
          message: `${show(issue.input)} is not one of ${values.join(", ")}${suggestion ? `; ${suggestion}` : ""}`,
        },
      ];
    }
    case "too_small": {
      if (issue.origin === "array") return [{ path, message: `needs at least ${String(issue.minimum)} entr${issue.minimum === 1 ? "y" : "ies"}` }];
      if (issue.origin === "string") return [{ path, message: `must not be empty` }];
      const bound = issue.inclusive ? "at least" : "more than";
      return [{ path, message: `${show(issue.input)} is out of range: must be ${bound} ${String(issue.minimum)}` }];
    }
    case "too_big": {
      const bound = issue.inclusive ? "at most" : "less than";
      return [{ path, message: `${show(issue.input)} is out of range: must be ${bound} ${String(issue.maximum)}` }];
    }
    case "not_multiple_of":
      return [{ path, message: `${show(issue.input)} must be a multiple of ${String(issue.divisor)}` }];
    case "invalid_format":
    case "custom":
      return [{ path, message: `${show(issue.input)} ${issue.message}` }];
    default:
      return [{ path, message: issue.message }];
  }
}
