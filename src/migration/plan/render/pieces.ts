/**
 * Text written piece by piece. plan.json of a province (100,000 systems) is close to a
 * gigabyte: more than one JavaScript string may hold, and more than is worth holding at
 * once. A file's content is then a generator of pieces, written as they come.
 */
export interface Pieces {
  readonly pieces: () => Iterable<string>;
}

/** What a file of the plan holds: text, bytes, or text in pieces. */
export type FileContent = string | Uint8Array | Pieces;

export const isPieces = (content: FileContent): content is Pieces => typeof content === "object" && "pieces" in content;

/** The whole text (for tests and small files; a province's plan.json may not fit). */
export function wholeText(content: FileContent): string {
  if (typeof content === "string") return content;
  if (isPieces(content)) return [...content.pieces()].join("");
  return Buffer.from(content).toString("utf8");
}

/**
 * Exactly the text of JSON.stringify(value, null, 2), in pieces: the top levels
 * (`depth` of them) are written member by member, anything deeper in one piece each.
 */
export function* jsonPieces(value: unknown, indent = "", depth = 2): Generator<string> {
  const inner = `${indent}  `;
  if (depth > 0 && Array.isArray(value) && value.length > 0) {
    yield "[\n";
    for (let i = 0; i < value.length; i++) {
      yield inner;
      // An undefined or a function in an array is written as null, as JSON.stringify does.
      const element: unknown = value[i];
      const item =
        element === undefined || typeof element === "function" || typeof element === "symbol" ? null : element;
      yield* jsonPieces(item, inner, depth - 1);
      yield i < value.length - 1 ? ",\n" : "\n";
    }
    yield `${indent}]`;
    return;
  }
  if (
    depth > 0 &&
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    typeof (value as { toJSON?: unknown }).toJSON !== "function"
  ) {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => v !== undefined && typeof v !== "function" && typeof v !== "symbol",
    );
    if (entries.length > 0) {
      yield "{\n";
      for (let i = 0; i < entries.length; i++) {
        const [key, member] = entries[i]!;
        yield `${inner}${JSON.stringify(key)}: `;
        yield* jsonPieces(member, inner, depth - 1);
        yield i < entries.length - 1 ? ",\n" : "\n";
      }
      yield `${indent}}`;
      return;
    }
  }
  const text = JSON.stringify(value, null, 2);
  yield indent === "" ? text : text.replace(/\n/g, `\n${indent}`);
}
