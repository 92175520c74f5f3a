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
import { LineIndex } from "./yaml-lines";

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

/** A locator for `text`, which looks at the text only when first asked (most files never are). */
export function quickLocator(text: string): Locator {
  let locate: Locator | undefined;
  return (path, key) => {
    if (locate === undefined) {
      const lines = LineIndex.of(text);
      const locator = lines && new BlockLocator(lines);
      locate = locator ? (p, k) => locator.locate(p, k) : () => undefined;
    }
    return locate(path, key);
  };
}

const ITEM = /^-(?:[ \t]|$)/;

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

/** Walks a path down the lines of one file: through mappings by key, through sequences by item. */
class BlockLocator {
  private readonly itemsOf = new Map<string, Items>();

  constructor(private readonly lines: LineIndex) {}

  /** The position of `path` (its key's, with `key`), the nearest existing ancestor's, or undefined: step aside. */
  locate(path: IssuePath, key: boolean): Position | undefined {
    const first = this.lines.nextContent(0);
    if (first < 0) return undefined;
    let node: Place = this.nodeAt(first, this.lines.indentOf(first));
    let keyAt: Position | undefined;
    for (const part of path) {
      keyAt = undefined;
      if (node.kind === "map") {
        const found = this.findKey(node, String(part));
        if (found === "unsure") return undefined;
        if (!found) return at(node);
        keyAt = { line: found.line + 1, column: found.keyCol + 1 };
        if (!found.value) return undefined; // `key:` with no value: the library's answer depends on its tree
        node = found.value;
      } else if (node.kind === "seq" && typeof part === "number") {
        const item = this.findItem(node, part);
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
  }

  /** The node that starts at column `col` of line `line` (a value or an item's content). */
  private nodeAt(line: number, col: number): Place {
    const rest = this.lines.lineText(line).slice(col);
    if (ITEM.test(rest)) return { line, col, kind: "seq" };
    if (KEY.test(rest)) return { line, col, kind: "map" };
    return { line, col, kind: "leaf" };
  }

  /** The value after `key:` (or after `- `) that begins at `col` of `line`, or on the lines below. */
  private valueAfter(line: number, col: number, parentIndent: number, inSeq: boolean): Place | null {
    const rest = this.lines.lineText(line).slice(col);
    const start = rest.length - rest.trimStart().length;
    const text = rest.trimStart();
    if (text !== "" && !text.startsWith("#")) return this.nodeAt(line, col + start);
    const next = this.lines.nextContent(line + 1);
    if (next < 0) return null;
    const indent = this.lines.indentOf(next);
    // A block below: more indented, or (under a key, not an item) a sequence at the key's own indentation.
    if (
      indent > parentIndent ||
      (!inSeq && indent === parentIndent && ITEM.test(this.lines.lineText(next).trimStart()))
    )
      return this.nodeAt(next, indent);
    return null;
  }

  /** The key's line and value; undefined: no such key; "unsure": step aside. */
  private findKey(
    map: Place,
    want: string,
  ): { keyCol: number; line: number; value: Place | null } | undefined | "unsure" {
    const { lines } = this;
    for (let i = map.line; i < lines.count; i++) {
      if (!lines.isContent(i)) continue;
      const first = i === map.line;
      const indent = first ? map.col : lines.indentOf(i);
      if (indent < map.col) return undefined;
      if (indent > map.col) continue;
      const content = lines.lineText(i).slice(indent);
      if (ITEM.test(content)) {
        if (first) return "unsure";
        continue; // a sequence at its key's indentation: the previous key's value
      }
      const match = KEY.exec(content);
      if (!match) return "unsure";
      const key = unquote(match[1]!.trimEnd());
      if (key === undefined) return "unsure";
      if (key === want)
        return { keyCol: indent, line: i, value: this.valueAfter(i, indent + match[0].length, indent, false) };
    }
    return undefined;
  }

  /** The item's node; null: an empty item; undefined: no such item; "unsure": step aside. */
  private findItem(seq: Place, index: number): Place | null | undefined | "unsure" {
    const line = this.itemLine(seq, index);
    if (line === undefined || line === "unsure") return line;
    const indent = line === seq.line ? seq.col : this.lines.indentOf(line);
    const item = this.valueAfter(line, indent + 1, indent, true);
    // `- - a`: a sequence opened on its parent item's line (the quick read declines those files anyway).
    if (item && item.line === line && item.kind === "seq") return "unsure";
    return item;
  }

  /** The line of the sequence's item `index`; undefined: no such item; "unsure": step aside. */
  private itemLine(seq: Place, index: number): number | undefined | "unsure" {
    const { lines } = this;
    const id = `${seq.line}:${seq.col}`;
    let items = this.itemsOf.get(id);
    if (items === undefined) this.itemsOf.set(id, (items = { lines: [], next: seq.line, unsure: false }));
    for (let i = items.next; items.lines.length <= index && i !== -1 && i < lines.count; i = items.next) {
      items.next = i + 1;
      if (!lines.isContent(i)) continue;
      const indent = i === seq.line ? seq.col : lines.indentOf(i);
      if (indent > seq.col) continue;
      if (indent < seq.col || !ITEM.test(lines.lineText(i).slice(indent))) {
        items.unsure = i === seq.line && indent === seq.col;
        items.next = -1;
      } else items.lines.push(i);
    }
    if (items.unsure) return "unsure";
    return items.lines[index];
  }
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

/**
 * A key's text, or undefined when the locator would not compare it as the library does: a
 * quoted key with escapes, or a plain key the library reads as a number, boolean or null.
 */
function unquote(raw: string): string | undefined {
  if (raw.startsWith('"')) return raw.includes("\\") ? undefined : raw.slice(1, -1);
  if (raw.startsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  return NOT_A_STRING.test(raw) ? undefined : raw;
}
