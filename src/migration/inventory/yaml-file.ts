/**
 * Reads one YAML inventory file: a well-formed file quickly (yaml-quick.ts), anything
 * else by parsing with positions, guarding against alias bombs and duplicate keys; then
 * every record is checked against its strict schema, positions parsed on first need. Records that pass
 * are returned with their origin; every problem becomes a diagnostic.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from "yaml";
import type { Diagnostic } from "./diagnostics";
import type { RawSections } from "./sections";
import { InventoryFileSchema } from "./model";
import { yamlOrigin, type RecordOrigin } from "./origin";
import type { IssuePath } from "./issues";
import { didYouMean } from "./suggest";
import { quickLocator } from "./yaml-locate";
import { quickYamlData } from "./yaml-quick";

/** Aliases a file may expand: enough for shared server specs, far too few for a "billion laughs". */
export const MAX_ALIAS_COUNT = 100;

export interface YamlFileResult {
  readonly sections: RawSections;
  readonly diagnostics: Diagnostic[];
}

export function readYamlInventory(text: string, file: string): YamlFileResult {
  // A well-formed file is read quickly; positions are parsed only if a diagnostic asks.
  const quick = quickYamlData(text);
  if (quick) return sectionsOf(detachStrings(quick.data), text, file, undefined);

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const diagnostics: Diagnostic[] = [];
  const empty: RawSections = { policy: undefined, departments: [], rooms: [], systems: [] };

  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const linesWithErrors = new Set<number>();
  for (const error of doc.errors) {
    const { line, column } = at(error.pos[0]);
    // One slip often trips several parser checks on the same line: report the first.
    if (linesWithErrors.has(line)) continue;
    linesWithErrors.add(line);
    diagnostics.push({
      severity: "error",
      location: { kind: "text", file, line, column },
      field: "",
      message: `YAML syntax: ${error.message.split("\n")[0]}`,
      fix: error.code === "DUPLICATE_KEY" ? "keep one of the two keys" : "correct the YAML syntax at this position",
    });
  }
  if (diagnostics.length > 0) return { sections: empty, diagnostics };

  let data: unknown;
  try {
    data = detachStrings(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    diagnostics.push({
      severity: "error",
      location: { kind: "file", file },
      field: "",
      message: /alias/i.test(message)
        ? `YAML aliases expand too far (more than ${MAX_ALIAS_COUNT}): ${message}`
        : `YAML: ${message}`,
      fix: "write the values out instead of referring to them with aliases (*name)",
    });
    return { sections: empty, diagnostics };
  }

  return sectionsOf(data, text, file, { doc, lineCounter });
}

/** The file's records, each with its origin, and the problems of the file's layout. */
function sectionsOf(
  data: unknown,
  text: string,
  file: string,
  parsed: { doc: Document; lineCounter: LineCounter } | undefined,
): YamlFileResult {
  const diagnostics: Diagnostic[] = [];
  const empty: RawSections = { policy: undefined, departments: [], rooms: [], systems: [] };
  const tree = lazySyntaxTree(text, parsed);
  // Read quickly, the file's lines give most positions without building its syntax tree.
  const position = positionFinder(tree.get, parsed ? undefined : quickLocator(text));
  const fileOrigin = yamlOrigin(file, [], position);
  if (data === null || data === undefined) {
    diagnostics.push({
      severity: "error",
      location: { kind: "file", file },
      field: "",
      message: "file holds no data (only comments)",
      fix: "add policy, departments, rooms or systems, or remove the file",
    });
    return { sections: empty, diagnostics };
  }
  if (typeof data !== "object" || Array.isArray(data)) {
    diagnostics.push({
      severity: "error",
      location: fileOrigin.locate([]),
      field: "",
      message:
        `the top level must be a mapping with policy, departments, rooms and/or systems, not ` +
        `${Array.isArray(data) ? "a list" : "a single value"}`,
      fix: Array.isArray(data) ? "put the list under a key, e.g. `systems:`" : "see inventories/zhoucun for the layout",
    });
    return { sections: empty, diagnostics };
  }

  const top = data as Record<string, unknown>;
  const allowed = Object.keys(InventoryFileSchema.shape);
  for (const key of Object.keys(top)) {
    if (allowed.includes(key)) continue;
    const suggestion = didYouMean(key, allowed);
    diagnostics.push({
      severity: "error",
      location: fileOrigin.locate([key], { key: true }),
      field: key,
      message: `unknown section "${key}"${suggestion ? `; ${suggestion}` : ""}`,
      fix: suggestion ? "rename it" : `use only ${allowed.join(", ")}`,
    });
  }

  const recordOrigin = (path: IssuePath): RecordOrigin => yamlOrigin(file, path, position);
  const sections: RawSections = {
    policy: top.policy === undefined ? undefined : { value: top.policy, origin: recordOrigin(["policy"]) },
    departments: [],
    rooms: [],
    systems: [],
  };
  for (const section of ["departments", "rooms", "systems"] as const) {
    const list = top[section];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      diagnostics.push({
        severity: "error",
        location: fileOrigin.locate([section]),
        field: section,
        message:
          `must be a list (entries starting with "- "), got ` +
          `${typeof list === "object" ? "a mapping" : "a single value"}`,
      });
      continue;
    }
    for (let index = 0; index < list.length; index++)
      sections[section].push({ value: list[index], origin: recordOrigin([section, index]) });
  }
  tree.release();
  return { sections, diagnostics };
}

/**
 * Replaces the data's strings with copies that do not point into the file's text. The
 * parser's values are slices of the text, and V8 keeps a whole string alive for the sake
 * of any slice of it: without this, an inventory of 100,000 systems holds every file's
 * text (a few hundred MB) through its ids and names long after parsing.
 */
function detachStrings<T>(value: T): T {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      value[i] = typeof item === "string" ? detached(item) : detachStrings(item);
    }
  } else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const inner = record[key];
      // Only strings are reassigned (never through a "__proto__" key); objects are walked in place.
      if (typeof inner === "string" && key !== "__proto__") record[key] = detached(inner);
      else detachStrings(inner);
    }
  }
  return value;
}

/**
 * Concatenation then slice makes a flat copy of its own (V8 slices only strings of 13 or
 * more characters). The copy equals the original, so it is assigned unconditionally: a
 * JSON-style reviver would see "no change" and keep the slice.
 */
function detached(value: string): string {
  return value.length < 13 ? value : ` ${value}`.slice(1);
}

/**
 * Positions are needed only for diagnostics, usually none: rather than keep every file's
 * syntax tree alive until the cross-record rules have run, keep the text and parse it
 * again on the first question. A function of its own so that the origins' closures hold
 * the text and nothing else of the reader (V8 keeps a function's whole closure context,
 * which would otherwise keep every raw record of the file alive with them).
 */
function lazySyntaxTree(text: string, first: { doc: Document; lineCounter: LineCounter } | undefined) {
  let cached: { doc: Document; lineCounter: LineCounter } | undefined = first;
  return {
    // An arrow, not a method: it is handed around on its own (positionFinder(tree.get)).
    get: (): { doc: Document; lineCounter: LineCounter } => {
      if (!cached) {
        const counter = new LineCounter();
        cached = {
          doc: parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false }),
          lineCounter: counter,
        };
      }
      return cached;
    },
    /** The tree parsed for reading has served the reader's own questions: let it go. */
    release(): void {
      cached = undefined;
    },
  };
}

/**
 * Position of a path in the document: the value (or, with `key`, the key) where it
 * exists, else the nearest existing ancestor, so a missing field points at its record.
 * `quick` answers first where it can (yaml-locate.ts); the syntax tree is built otherwise.
 */
function positionFinder(
  source: () => { doc: Document; lineCounter: LineCounter },
  quick: ((path: IssuePath, key: boolean) => { line: number; column: number } | undefined) | undefined,
) {
  return (path: IssuePath, key: boolean): { line: number; column: number } => {
    const found = quick?.(path, key);
    if (found) return found;
    const { doc, lineCounter } = source();
    return treePosition(doc, lineCounter, path, key);
  };
}

/** The position the `yaml` library's syntax tree gives a path (see positionFinder). */
export function treePosition(
  doc: Document,
  lineCounter: LineCounter,
  path: IssuePath,
  key: boolean,
): { line: number; column: number } {
  let node: Node | null = doc.contents;
  let pair: Pair | undefined;
  let resolved = true;
  for (const part of path) {
    let next: Node | null | undefined;
    pair = undefined;
    if (isMap(node)) {
      pair = node.items.find<Pair>(
        (item): item is Pair => String((item.key as { value?: string | number } | null)?.value) === String(part),
      );
      next = pair ? ((pair.value as Node | null) ?? (pair.key as Node)) : undefined; // `key:` with no value: the key
    } else if (isSeq(node) && typeof part === "number") {
      next = node.items[part] as Node | undefined;
    }
    if (!next) {
      resolved = false;
      break;
    }
    node = next;
  }
  const target = key && resolved && pair?.key ? (pair.key as Node) : node;
  const { line, col } = lineCounter.linePos(target?.range?.[0] ?? 0);
  return { line, column: col };
}
