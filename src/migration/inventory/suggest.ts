/** "Did you mean" suggestions for misspelt keys, values and references. */

/**
 * Edit distance counting a swap of two neighbours as one edit (optimal string
 * alignment): "levle" is one slip from "level". Stops early once above `limit`.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, beforePrevious[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * How many candidate comparisons suggestions may still make. Thousands of dangling
 * references against a province's ids would otherwise cost minutes; once spent, errors
 * are still reported, without "did you mean". Deterministic: files are read in order.
 */
export class SuggestionBudget {
  constructor(public remaining: number) {}
}

/**
 * The closest candidate to `input`, if it is near enough to be a slip: at most a third
 * of the longer string's characters differ (and at least one may). Case is ignored;
 * ties go to the earlier candidate so the answer is stable.
 */
export function closest(input: string, candidates: Iterable<string>, budget?: SuggestionBudget): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const maxLength = Math.floor((needle.length * 3) / 2) + 1;
  const minLength = Math.ceil((needle.length * 2) / 3) - 1;
  for (const candidate of candidates) {
    // Lengths too far apart cannot be within a third of each other: skip without measuring.
    if (candidate.length > maxLength || candidate.length < minLength) continue;
    if (budget && budget.remaining-- <= 0) return undefined;
    const limit = Math.max(1, Math.floor(Math.max(needle.length, candidate.length) / 3));
    const distance = editDistance(needle, candidate.toLowerCase(), limit);
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` did you mean "x"?`, or nothing. */
export function didYouMean(input: string, candidates: Iterable<string>, budget?: SuggestionBudget): string {
  const match = closest(input, candidates, budget);
  return match === undefined ? "" : `did you mean "${match}"?`;
}
