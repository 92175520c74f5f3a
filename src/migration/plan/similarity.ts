/**
 * How alike two systems' names and functions are, for shadow (影子) detection: the
 * Dice coefficient of their character bigrams, after removing words every system name
 * shares (系统, 平台, 管理, 信息 …) so that "城乡低保管理系统" and "城乡低保信息管理系统" match
 * but "人口信息管理系统" and "法人信息管理系统" do not merely for their suffixes.
 */

const GENERIC = /系统|平台|管理|信息|服务|综合|数据|网络|软件|工作|业务|中心|[（）()\s·、，,。-]/g;

export function bigrams(text: string): Set<string> {
  const core = text.normalize("NFKC").replace(GENERIC, "");
  const grams = new Set<string>();
  if (core.length === 1) grams.add(core);
  for (let i = 0; i + 1 < core.length; i++) grams.add(core.slice(i, i + 2));
  return grams;
}

export function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** Similarity of two systems: their names, or their functions, whichever agrees more. */
export function systemSimilarity(a: { name: string; function: string }, b: { name: string; function: string }): number {
  return Math.max(dice(bigrams(a.name), bigrams(b.name)), dice(bigrams(a.function), bigrams(b.function)));
}

/**
 * Every pair of `systems` whose similarity is at least `threshold` (> 0), with its score:
 * the same pairs and scores as systemSimilarity over all pairs, without comparing all
 * pairs. Each system's bigrams are computed once; an index from bigram to systems finds
 * the pairs that share any (only those can be similar), and counting the shared bigrams
 * gives their Dice coefficient directly. A large department costs what its names share,
 * not the square of its size.
 */
export function similarPairs(systems: readonly { name: string; function: string }[], threshold: number): { a: number; b: number; score: number }[] {
  const fields = [systems.map((s) => bigrams(s.name)), systems.map((s) => bigrams(s.function))];
  const best = new Map<number, number>(); // a * n + b → best score so far, for a < b
  const n = systems.length;
  for (const grams of fields) {
    const index = new Map<string, number[]>();
    grams.forEach((set, i) => {
      for (const gram of set) (index.get(gram) ?? index.set(gram, []).get(gram)!).push(i);
    });
    for (let a = 0; a < n; a++) {
      const shared = new Map<number, number>();
      for (const gram of grams[a]!) for (const b of index.get(gram)!) if (b > a) shared.set(b, (shared.get(b) ?? 0) + 1);
      for (const [b, count] of shared) {
        const score = (2 * count) / (grams[a]!.size + grams[b]!.size);
        const key = a * n + b;
        if (score > (best.get(key) ?? 0)) best.set(key, score);
      }
    }
  }
  const pairs: { a: number; b: number; score: number }[] = [];
  for (const [key, score] of best) if (score >= threshold) pairs.push({ a: Math.floor(key / n), b: key % n, score });
  return pairs.sort((x, y) => x.a - y.a || x.b - y.b);
}
