/**
 * Comparing and showing JSON values of any depth without recursion: a preview file is
 * input, and a value nested 100,000 deep must not overflow the stack (JSON.parse reads
 * it; JSON.stringify and a recursive walk would throw RangeError). Pure.
 */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Deep equality of two JSON values, key order ignored (it is not a change to any provider). */
export function sameValue(a: unknown, b: unknown): boolean {
  const pending: [unknown, unknown][] = [[a, b]];
  while (pending.length > 0) {
    const [x, y] = pending.pop()!;
    if (x === y) continue;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) pending.push([x[i], y[i]]);
    } else if (isRecord(x) && isRecord(y)) {
      // A key holding undefined is absent in JSON.
      const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
      for (const key of keys) pending.push([x[key], y[key]]);
    } else return Number.isNaN(x) && Number.isNaN(y);
  }
  return true;
}

/** A piece of output already written out, on the work stack of showValue. */
class Text {
  constructor(readonly text: string) {}
}

/**
 * The JSON text of a value, cut after `max` characters with "…" (so a huge or deep value
 * costs at most `max` characters of work); "(none)" for undefined.
 */
export function showValue(value: unknown, max = Number.MAX_SAFE_INTEGER): string {
  if (value === undefined) return "(none)";
  let out = "";
  const pending: unknown[] = [value];
  while (pending.length > 0 && out.length <= max) {
    const item = pending.pop();
    if (item instanceof Text) out += item.text;
    else if (Array.isArray(item)) {
      pending.push(new Text("]"));
      for (let i = item.length - 1; i >= 0; i--)
        pending.push(item[i] === undefined ? null : item[i], ...(i > 0 ? [new Text(",")] : []));
      out += "[";
    } else if (isRecord(item)) {
      const keys = Object.keys(item).filter((key) => item[key] !== undefined);
      pending.push(new Text("}"));
      for (let i = keys.length - 1; i >= 0; i--)
        pending.push(item[keys[i]!], new Text(`${i > 0 ? "," : ""}${JSON.stringify(keys[i])}:`));
      out += "{";
    } else out += typeof item === "number" && !Number.isFinite(item) ? "null" : (JSON.stringify(item) ?? "null");
  }
  return out.length > max || pending.length > 0 ? `${out.slice(0, max)}…` : out;
}
