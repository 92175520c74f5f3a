/**
 * How alike two systems are, for shadow (影子) detection: what they do, not how their
 * department names them. Names and function texts are first normalised — the owning
 * department's own name (and each place in it: 市/区/县/镇/乡/街道), 人民政府, version
 * markers (二期, 新版, （2）, V2) removed — then compared by the Dice coefficient of their
 * character bigrams, after removing words every system name shares (系统, 平台, 管理,
 * 信息 …). So "周村区档案局档案管理系统" and "周村区档案局协同办公系统" are not alike for
 * their shared prefix, while "城乡低保管理系统" and "城乡低保信息管理系统（二期）" are.
 */

const GENERIC = /系统|平台|管理|信息|服务|综合|数据|网络|软件|工作|业务|中心|[（）()\s·、，,。-]/g;
/** Version and copy markers: 二期, (3期), 一期工程, 新版, 升级版, V2, v2.0, （2）. */
const VERSION = /[（(](?:[一二三四五六七八九十\d]+期(?:工程)?|\d+|新版|升级版)[)）]|[一二三四五六七八九十\d]+期(?:工程)?|新版|旧版|升级版|改版|[vV]\d+(?:\.\d+)*/g;
const GOVERNMENT = /人民政府|政府/g;
/** Where a department name's places end: 淄博市|周村区|王村镇. */
const PLACE_END = /(市|区|县|镇|乡|街道|人民政府)/g;

/**
 * The words of a department's name a system name may carry: the whole name, each tail
 * after a place (周村区档案局 → 档案局), and each place with and without its 市/区/镇
 * (周村区, 周村). Longest first, so the whole name goes before its parts.
 */
export function departmentWords(departmentName: string): string[] {
  const name = departmentName.normalize("NFKC").trim();
  const words = new Set<string>([name]);
  let start = 0;
  for (const match of name.matchAll(PLACE_END)) {
    const end = match.index + match[0].length;
    const place = name.slice(start, end);
    words.add(place);
    const bare = name.slice(start, match.index);
    if (bare.length >= 2) words.add(bare);
    if (end < name.length) words.add(name.slice(end));
    start = end;
  }
  return [...words].filter((w) => w.length >= 2).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/** A name or function with its department's words, 人民政府 and version markers removed. */
export function normalise(text: string, departmentName?: string): string {
  let core = text.normalize("NFKC");
  for (const word of departmentName ? departmentWords(departmentName) : []) core = core.split(word).join("");
  return core.replace(GOVERNMENT, "").replace(VERSION, "").trim();
}

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

/** What is compared of a system: its name and function, already normalised for its department. */
export interface Compared {
  readonly name: string;
  readonly function: string;
}

/** A system's name and function normalised for its department (the evidence a shadow reason shows). */
export function compared(system: { name: string; function: string }, departmentName?: string): Compared {
  return { name: normalise(system.name, departmentName), function: normalise(system.function, departmentName) };
}

/** Similarity of two normalised systems: their names, or their functions, whichever agrees more. */
export function systemSimilarity(a: Compared, b: Compared): number {
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
export function similarPairs(systems: readonly Compared[], threshold: number): { a: number; b: number; score: number }[] {
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
