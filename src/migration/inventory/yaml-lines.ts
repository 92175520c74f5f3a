/**
 * The lines of a block-style YAML file as the quick locator (yaml-locate.ts) reads them:
 * where each line starts, its indentation, and whether it holds content. Built only when
 * the lines alone can be trusted to show the file's structure; otherwise there is no
 * index and the locator steps aside for the `yaml` library.
 */

/** Whitespace other than a space, a tab or a line feed (what `[^\S \t\n]` matches). */
const OTHER_SPACE = /[^\S \t\n]/;
const isOtherSpace = (code: number) =>
  code > 32 ? code >= 0xa0 && OTHER_SPACE.test(String.fromCharCode(code)) : code >= 11 && code <= 13;

export class LineIndex {
  /** The number of lines. */
  readonly count: number;

  private constructor(
    private readonly text: string,
    /**
     * Where each line starts, not each line as a string: a city's inventory has millions
     * of lines, and the locator lives until every record is checked. A line's text is cut
     * out only where the locator reads it.
     */
    private readonly starts: readonly number[],
    private readonly indents: Int32Array,
    private readonly contentful: Uint8Array,
  ) {
    this.count = starts.length;
  }

  /**
   * The index of `text`, or undefined where the lines do not show its structure: carriage
   * returns, directives, lines led by a space YAML does not count as indentation (the
   * full-width space of Chinese input, no-break spaces), or a quoted scalar or flow
   * collection that goes on past its line.
   */
  static of(text: string): LineIndex | undefined {
    if (text.includes("\r")) return undefined;
    const starts: number[] = [0];
    for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) starts.push(at + 1);
    const count = starts.length;
    // YAML indents with spaces only (tabs there make the quick read decline the file). Each
    // line's indentation and whether it holds content are worked out once: a file with a
    // warning on many of its records is asked many times. The loop looks at a line's first
    // characters only (most of a file's text is values it never needs to read).
    const indents = new Int32Array(count);
    const contentful = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const start = starts[i]!;
      const end = i + 1 < count ? starts[i + 1]! - 1 : text.length;
      let indent = start;
      while (indent < end && text.charCodeAt(indent) === 32) indent++;
      let first = indent;
      while (first < end && (text.charCodeAt(first) === 9 || text.charCodeAt(first) === 32)) first++;
      if (text.charCodeAt(start) === 37 || (indent < end && isOtherSpace(text.charCodeAt(indent)))) return undefined;
      indents[i] = indent - start;
      // Blank lines and comments hold nothing; `---` marks a document only at the start of a
      // line (indented, it is text).
      const marker = text.startsWith("---", start) && /^---[ \t]*$/.test(text.slice(start, end));
      contentful[i] = first < end && text.charCodeAt(first) !== 35 && !marker ? 1 : 0;
    }
    const index = new LineIndex(text, starts, indents, contentful);
    return index.continuesAnywhere() ? undefined : index;
  }

  /** Line i's text, without its line break. */
  lineText(i: number): string {
    return this.text.slice(this.starts[i], i + 1 < this.count ? this.starts[i + 1]! - 1 : this.text.length);
  }

  indentOf(i: number): number {
    return this.indents[i]!;
  }

  /** Whether line i holds anything but blanks, a comment or a document marker. */
  isContent(i: number): boolean {
    return this.contentful[i] === 1;
  }

  /** The first line from `from` on that holds content, or -1. */
  nextContent(from: number): number {
    for (let i = from; i < this.count; i++) if (this.isContent(i)) return i;
    return -1;
  }

  /**
   * Whether a value goes on past its line anywhere. Only a line with a quote or a bracket
   * can hold one: each such line is looked at once.
   */
  private continuesAnywhere(): boolean {
    const opener = /["'[{]/g;
    for (let line = 0, found = opener.exec(this.text); found !== null; found = opener.exec(this.text)) {
      while (line + 1 < this.count && this.starts[line + 1]! <= found.index) line++;
      if (continuesOnNextLine(this.lineText(line))) return true;
      if (line + 1 >= this.count) break;
      opener.lastIndex = this.starts[line + 1]!;
    }
    return false;
  }
}

const isFlow = (text: string) => text.startsWith("[") || text.startsWith("{");

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
