/**
 * One instance per distinct sentence. A plan repeats a few thousand sentences (rules,
 * runbook step details, rollback criteria) hundreds of thousands of times across its
 * systems: at 100,000 systems, separate copies cost about 300 MB; shared ones, a few.
 */
import type { Text } from "./types";

const canonical = new Map<string, Text>();
/** Bounds the table for a long-lived process that plans many different estates. */
const MAX_ENTRIES = 200_000;

export function shared(text: Text): Text {
  const key = `${text.zh}\u0000${text.en}`;
  const found = canonical.get(key);
  if (found) return found;
  if (canonical.size >= MAX_ENTRIES) canonical.clear();
  canonical.set(key, text);
  return text;
}

/** A reason, or any record with a `rule` sentence, with the rule shared. */
export function withSharedRule<T extends { readonly rule: Text }>(reason: T): T {
  return { ...reason, rule: shared(reason.rule) };
}
