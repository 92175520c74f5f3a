/**
 * One instance per distinct sentence. A plan repeats a few thousand sentences (rules,
 * runbook step details, rollback criteria) hundreds of thousands of times across its
 * systems: at 100,000 systems, separate copies cost about 300 MB; shared ones, a few.
 */
import type { Text } from "./types";

/**
 * Keyed by the English sentence, then the Chinese one (almost always a single one per
 * English sentence). No key is built per look-up: a joined key was a fresh string to copy
 * and hash on every call, even for sentences written as literals, whose hash V8 keeps.
 */
const canonical = new Map<string, Text | Map<string, Text>>();
let entries = 0;
/** Bounds the table for a long-lived process that plans many different estates. */
const MAX_ENTRIES = 200_000;

export function shared(text: Text): Text {
  const found = canonical.get(text.en);
  if (found === undefined) return remember(text, (t) => canonical.set(t.en, t));
  if (!(found instanceof Map)) {
    if (found.zh === text.zh) return found;
    return remember(text, (t) =>
      canonical.set(
        t.en,
        new Map([
          [found.zh, found],
          [t.zh, t],
        ]),
      ),
    );
  }
  return found.get(text.zh) ?? remember(text, (t) => found.set(t.zh, t));
}

function remember(text: Text, store: (text: Text) => void): Text {
  if (entries >= MAX_ENTRIES) {
    canonical.clear();
    entries = 0;
    canonical.set(text.en, text);
  } else store(text);
  entries++;
  return text;
}

/** A reason, or any record with a `rule` sentence, with the rule shared. */
export function withSharedRule<T extends { readonly rule: Text }>(reason: T): T {
  return { ...reason, rule: shared(reason.rule) };
}
