/**
 * Positions of paths in a well-formed block-style YAML file without a syntax tree.
 *
 * A diagnostic names the line and column of the value it is about. The `yaml` library
 * gives them from a full syntax tree, which costs about ten times reading the data
 * (yaml-quick.ts): when a city's inventory has a warning in most files, planning spent
 * most of its time building trees for them. Files read quickly are plain block YAML as
 * govcloud and people write it, so the lines themselves say where a key or an item is.
 *
 * The locator answers only where it is sure and steps aside (undefined) otherwise: a file
 * with carriage returns, directives, a quoted scalar or flow collection that continues on
 * another line, a quoted key with escapes; a path that goes into a flow collection, or a
 * line at a mapping's indentation that is not a key. The caller then asks `yaml`.
 * tests/inventory/yaml-locate.test.ts holds it to the library's answer on every path.
 */
import type { IssuePath } from "./issues";

export interface Position {
  readonly line: number;
  readonly column: number;
}

type Locator = (path: IssuePath, key: boolean) => Position | undefined;

/** Where a node starts, and how its children are laid out. */
interface Place {
  readonly line: number; // 0-based
  readonly col: number; // 0-based
  /** map: keys at `col`, from `line`; seq: items (`-`) at `col`; leaf: nothing to descend into. */
  readonly kind: "map" | "seq" | "leaf";
}

const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"[\]{}>|*&!%@`,?:-][^#]*?|-(?![ \t])[^#]*?)[ \t]*:(?=[ \t]|$)/;

/** Whitespace other than a space, a tab or a line feed (what `[^\S \t\n]` matches). */
const OTHER_SPACE = /[^\S \t\n]/;
const isOtherSpace = (code: number) =>
  code > 32 ? code >= 0xa0 && OTHER_SPACE.test(String.fromCharCode(code)) : code >= 11 && code <= 13;

/** A locator for `text`, which looks at the text only when first asked (most files never are). */
export function quickLocator(text: string): Locator {
  let locate: Locator | undefined;
  return (path, key) => (locate ??= locatorOf(text))(path, key);
}

function locatorOf(text: string): Locator {
  // Carriage returns, directives, and lines led by a space YAML does not count as indentation
  // (the full-width space of Chinese input, no-break spaces): left to the library.
  // Carriage returns: left to the library.
  if (text.includes("\r")) return () => undefined;
  // Where each line starts, not each line as a string: a city's inventory has millions of
  // lines, and the locator lives until every record is checked. A line's text is cut out
  // only where the locator reads it.
  const starts: number[] = [0];
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) starts.push(at + 1);
  const count = starts.length;
  const endOf = (i: number) => (i + 1 < count ? starts[i + 1]! - 1 : text.length);
  const lineText = (i: number) => text.slice(starts[i], endOf(i));

  // YAML indents with spaces only (tabs there make the quick read decline the file). Each
  // line's indentation and whether it holds content are worked out once: a file with a
  // warning on many of its records is asked many times. The loop looks at a line's first
  // characters only (most of a file's text is values it never needs to read).
  const indents = new Int32Array(count);
  const contentful = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const [start, end] = [starts[i]!, endOf(i)];
    let indent = start;
    while (indent < end && text.charCodeAt(indent) === 32) indent++;
    let first = indent;
    while (first < end && (text.charCodeAt(first) === 9 || text.charCodeAt(first) === 32)) first++;
    // Directives, and lines led by a space YAML does not count as indentation (the
    // full-width space of Chinese input, no-break spaces): left to the library.
    if (text.charCodeAt(start) === 37 || (indent < end && isOtherSpace(text.charCodeAt(indent))))
      return () => undefined;
    indents[i] = indent - start;
    // Blank lines and comments hold nothing; `---` marks a document only at the start of a line (indented, it is text).
    const marker = text.startsWith("---", start) && /^---[ \t]*$/.test(lineText(i));
    contentful[i] = first < end && text.charCodeAt(first) !== 35 && !marker ? 1 : 0;
  }
  // Only a line with a quote or a bracket can hold a value that goes on past it: each such
  // line is looked at once.
  const opener = /["'[{]/g;
  for (let line = 0, found = opener.exec(text); found !== null; found = opener.exec(text)) {
    while (line + 1 < count && starts[line + 1]! <= found.index) line++;
    if (continuesOnNextLine(lineText(line))) return () => undefined;
    if (line + 1 >= count) break;
    opener.lastIndex = starts[line + 1]!;
  }
  const indentOf = (i: number) => indents[i]!;
  const isContent = (i: number) => contentful[i] === 1;
  const nextContent = (from: number) => {
    for (let i = from; i < count; i++) if (isContent(i)) return i;
    return -1;
  };

  /** The node that starts at column `col` of line `line` (a value or an item's content). */
  const nodeAt = (line: number, col: number): Place => {
    const rest = lineText(line).slice(col);
    if (/^-(?:[ \t]|$)/.test(rest)) return { line, col, kind: "seq" };
    if (KEY.test(rest)) return { line, col, kind: "map" };
    return { line, col, kind: "leaf" };
  };

  /** The value after `key:` (or after `- `) that begins at `col` of `line`, or on the lines below. */
  const valueAfter = (line: number, col: number, parentIndent: number, inSeq: boolean): Place | null => {
    const rest = lineText(line).slice(col);
    const start = rest.length - rest.trimStart().length;
    const text = rest.trimStart();
    if (text !== "" && !text.startsWith("#")) return nodeAt(line, col + start);
    const next = nextContent(line + 1);
    if (next < 0) return null;
    const indent = indentOf(next);
    // A block below: more indented, or (under a key, not an item) a sequence at the key's own indentation.
    if (
      indent > parentIndent ||
      (!inSeq && indent === parentIndent && /^-(?:[ \t]|$)/.test(lineText(next).trimStart()))
    )
      return nodeAt(next, indent);
    return null;
  };

  /** The key's line and value; undefined: no such key; "unsure": step aside. */
  const findKey = (
    map: Place,
    want: string,
  ): { keyCol: number; line: number; value: Place | null } | undefined | "unsure" => {
    for (let i = map.line; i < count; i++) {
      if (!isContent(i)) continue;
      const first = i === map.line;
      const indent = first ? map.col : indentOf(i);
      if (indent < map.col) return undefined;
      if (indent > map.col) continue;
      const content = lineText(i).slice(indent);
      if (/^-(?:[ \t]|$)/.test(content)) {
        if (first) return "unsure";
        continue; // a sequence at its key's indentation: the previous key's value
      }
      const match = KEY.exec(content);
      if (!match) return "unsure";
      const key = unquote(match[1]!.trimEnd());
      if (key === undefined) return "unsure";
      if (key === want)
        return { keyCol: indent, line: i, value: valueAfter(i, indent + match[0].length, indent, false) };
    }
    return undefined;
  };

  /**
   * Where a sequence's items start, found as far as asked: a file with a warning on many of
   * its records asks for item after item, and each search goes on from where the last stopped
   * (scanning from the sequence's start every time made a file's warnings quadratic).
   */
  interface Items {
    readonly lines: number[];
    /** The next line to look at; -1 once the sequence has ended. */
    next: number;
    unsure: boolean;
  }
  const itemsOf = new Map<string, Items>();
  const itemLine = (seq: Place, index: number): number | undefined | "unsure" => {
    const id = `${seq.line}:${seq.col}`;
    let items = itemsOf.get(id);
    if (items === undefined) itemsOf.set(id, (items = { lines: [], next: seq.line, unsure: false }));
    for (let i = items.next; items.lines.length <= index && i !== -1 && i < count; i = items.next) {
      items.next = i + 1;
      if (!isContent(i)) continue;
      const indent = i === seq.line ? seq.col : indentOf(i);
      if (indent > seq.col) continue;
      if (indent < seq.col || !/^-(?:[ \t]|$)/.test(lineText(i).slice(indent))) {
        items.unsure = i === seq.line && indent === seq.col;
        items.next = -1;
      } else items.lines.push(i);
    }
    if (items.unsure) return "unsure";
    return items.lines[index];
  };

  /** The item's node; null: an empty item; undefined: no such item; "unsure": step aside. */
  const findItem = (seq: Place, index: number): Place | null | undefined | "unsure" => {
    const line = itemLine(seq, index);
    if (line === undefined || line === "unsure") return line;
    const indent = line === seq.line ? seq.col : indentOf(line);
    const item = valueAfter(line, indent + 1, indent, true);
    // `- - a`: a sequence opened on its parent item's line (the quick read declines those files anyway).
    if (item && item.line === line && item.kind === "seq") return "unsure";
    return item;
  };

  return (path, key) => {
    const first = nextContent(0);
    if (first < 0) return undefined;
    let node: Place = nodeAt(first, indentOf(first));
    let keyAt: Position | undefined;
    for (const part of path) {
      keyAt = undefined;
      if (node.kind === "map") {
        const found = findKey(node, String(part));
        if (found === "unsure") return undefined;
        if (!found) return at(node);
        keyAt = { line: found.line + 1, column: found.keyCol + 1 };
        if (!found.value) return undefined; // `key:` with no value: the library's answer depends on its tree
        node = found.value;
      } else if (node.kind === "seq" && typeof part === "number") {
        const item = findItem(node, part);
        if (item === "unsure") return undefined;
        if (item === undefined) return at(node);
        if (item === null) return undefined; // an empty item: the library's answer depends on its tree
        node = item;
      } else {
        // Inside a flow collection, or below a scalar (or what the lines did not show to be a
        // mapping or a sequence): left to the library.
        return undefined;
      }
    }
    return key && keyAt ? keyAt : at(node);
  };
}

/** Plain scalars the YAML 1.2 core schema reads as null, a boolean or a number. */
const CORE_SCALARS = [
  /~|null|Null|NULL/.source, // null
  /true|True|TRUE|false|False|FALSE/.source, // booleans
  /[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+/.source, // integers: decimal, octal, hexadecimal
  /[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?/.source, // floats, with or without an exponent
  /[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)/.source, // infinities and not-a-number
].join("|");
const NOT_A_STRING = new RegExp(`^(?:${CORE_SCALARS})$`);

const at = (node: Place): Position => ({ line: node.line + 1, column: node.col + 1 });
const isFlow = (text: string) => text.startsWith("[") || text.startsWith("{");

/**
 * A key's text, or undefined when the locator would not compare it as the library does: a
 * quoted key with escapes, or a plain key the library reads as a number, boolean or null.
 */
function unquote(raw: string): string | undefined {
  if (raw.startsWith('"')) return raw.includes("\\") ? undefined : raw.slice(1, -1);
  if (raw.startsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  return NOT_A_STRING.test(raw) ? undefined : raw;
}

/**
 * A value that goes on past its line in a way the lines alone do not show: a quoted scalar
 * left open, or a flow collection whose brackets do not close on the line.
 */
function continuesOnNextLine(line: string): boolean {
  const value = /^[ \t]*(?:-[ \t]+)*(?:(?:"[^"\\]*"|'(?:[^']|'')*'|[^\s#'"[\]{}][^#]*?)[ \t]*:[ \t]+)?(.*)$/.exec(line);
  const rest = value?.[1] ?? "";
  if (rest.startsWith('"')) return !/^"(?:[^"\\]|\\.)*"/.test(rest);
  if (rest.startsWith("'")) return !/^'(?:[^']|'')*'/.test(rest);
  if (isFlow(rest)) return !balanced(rest);
  return false;
}

/** Whether a flow collection closes on its line (brackets outside quotes). */
function balanced(text: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") {
      depth--;
      if (depth === 0) return true;
    } else if (c === "#" && /\s/.test(text[i - 1] ?? " ")) return false;
  }
  return false;
}
