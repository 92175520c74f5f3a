/**
 * How alike two systems are, for shadow (影子) detection: what they do, not how their
 * department names them. Names and function texts are first normalised — the owning
 * department's own name (and each place in it: 市/区/县/镇/乡/街道), 人民政府/政府办,
 * a bureau's short name in front (教体局), version markers (二期, 新版, （2）, V2) and the
 * kind of system at the end (管理系统, 服务平台, 数据库) removed — then compared by a
 * weighted Dice coefficient of their bigrams, after removing words every system name
 * shares (系统, 平台, 管理, 信息 …), each bigram weighted by how rare it is in the
 * department. So "周村区档案局档案管理系统" and "周村区档案局协同办公系统" are not alike for
 * their shared prefix, while "城乡低保管理系统" and "城乡低保信息管理系统（二期）" are.
 */

const GENERIC = /系统|平台|管理|信息|服务|综合|数据|网络|软件|工作|业务|中心|[（）()\s·、，,。-]/g;
/** Version and copy markers: 二期, (3期), 一期工程, 新版, 升级版, V2, v2.0, （2）. */
const VERSION =
  /[（(](?:[一二三四五六七八九十\d]+期(?:工程)?|\d+|新版|升级版)[)）]|[一二三四五六七八九十\d]+期(?:工程)?|新版|旧版|升级版|改版|[vV]\d+(?:\.\d+)*/g;
const GOVERNMENT = /人民政府|政府办公室|政府办|政府/g;
/** A bureau's short name in front (教体局, 市场监管局, 人社局): no rule can expand it, so it goes. */
const SHORT_BUREAU = /^[\u4e00-\u9fff]{1,4}局(?=[\u4e00-\u9fff]{2})/u;
/** What kind of system it is, at the end of a name: 管理系统, 监管系统, 服务平台, 数据库 … */
const KIND_SUFFIX = /(?:管理信息|信息管理|管理|信息|服务|综合|监管|业务)?(?:系统|平台|数据库)$/u;
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

/** departmentWords, worked out once per department rather than for each name and function of its systems. */
const wordsByDepartment = new Map<string, readonly string[]>();
function wordsOf(departmentName: string): readonly string[] {
  let words = wordsByDepartment.get(departmentName);
  if (words === undefined) {
    if (wordsByDepartment.size >= 10_000) wordsByDepartment.clear();
    words = departmentWords(departmentName);
    wordsByDepartment.set(departmentName, words);
  }
  return words;
}

/** A name or function with its department's words, 人民政府 and version markers removed. */
export function normalise(text: string, departmentName?: string): string {
  let core = text.normalize("NFKC");
  for (const word of departmentName ? wordsOf(departmentName) : []) core = core.split(word).join("");
  return (
    core.replace(GOVERNMENT, "").replace(VERSION, "").trim().replace(SHORT_BUREAU, "").replace(KIND_SUFFIX, "") ||
    core.trim()
  );
}

/** A run of Latin letters or digits is one unit (12345, OA, GIS), as a Chinese character is. */
const UNIT = /[A-Za-z0-9]+|[^A-Za-z0-9]/gu;

/** Pairs of neighbouring units, after removing the words every system name shares. */
export function bigrams(text: string): Set<string> {
  const units = text.normalize("NFKC").replace(GENERIC, "").match(UNIT) ?? [];
  const grams = new Set<string>();
  if (units.length === 1) grams.add(units[0]);
  for (let i = 0; i + 1 < units.length; i++) grams.add(`${units[i]}${units[i + 1]}`);
  return grams;
}

export function dice(a: Set<string>, b: Set<string>, weight: (gram: string) => number = () => 1): number {
  // Summed in the order similarPairs sums them, so both give the very same number.
  let shared = 0;
  let totalA = 0;
  let totalB = 0;
  for (const gram of a) {
    const w = weight(gram);
    totalA += w;
    if (b.has(gram)) shared += w;
  }
  for (const gram of b) totalB += weight(gram);
  return shared === 0 ? 0 : (2 * shared) / (totalA + totalB);
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

/**
 * How much each bigram says about what a system does, among the systems compared (one
 * department): ln(1 + base / df), so a bigram many of them share — boilerplate such as
 * 受理与办理, or a short name of the department no rule could remove — counts for little,
 * and one only two of them share counts for much. One table per field. The base
 * (policy.rules.shadow.rarityBase, 40) is a typical department's count of systems, a
 * constant: adding a system that shares no bigram with two others leaves their
 * similarity as it was (a held plan stays put).
 */
/** The default of policy.rules.shadow.rarityBase. */
const TYPICAL_DEPARTMENT = 40;

export interface GramWeights {
  readonly name: (gram: string) => number;
  readonly function: (gram: string) => number;
}

export function gramWeights(systems: readonly Compared[], rarityBase = TYPICAL_DEPARTMENT): GramWeights {
  const table = (field: "name" | "function") => {
    const df = new Map<string, number>();
    for (const grams of bigramsOf(systems, field)) for (const gram of grams) df.set(gram, (df.get(gram) ?? 0) + 1);
    // Each weight worked out once: similarPairs asks for a gram's weight once per pair that shares it.
    const weights = new Map<string, number>();
    for (const [gram, count] of df) weights.set(gram, Math.log(1 + rarityBase / count));
    const unseen = Math.log(1 + rarityBase / 1);
    return (gram: string) => weights.get(gram) ?? unseen;
  };
  return { name: table("name"), function: table("function") };
}

/** Each system's bigrams of a field, computed once per list for gramWeights and similarPairs together. */
const bigramsOfLists = new WeakMap<readonly Compared[], { name?: Set<string>[]; function?: Set<string>[] }>();
function bigramsOf(systems: readonly Compared[], field: "name" | "function"): Set<string>[] {
  const known = bigramsOfLists.get(systems) ?? bigramsOfLists.set(systems, {}).get(systems)!;
  return (known[field] ??= systems.map((s) => bigrams(s[field])));
}

const UNIT_WEIGHTS: GramWeights = { name: () => 1, function: () => 1 };

/** Similarity of two normalised systems: their names, or their functions, whichever agrees more. */
export function systemSimilarity(a: Compared, b: Compared, weights: GramWeights = UNIT_WEIGHTS): number {
  return Math.max(
    dice(bigrams(a.name), bigrams(b.name), weights.name),
    dice(bigrams(a.function), bigrams(b.function), weights.function),
  );
}

/**
 * Every pair of `systems` whose similarity (weighted by gramWeights over `systems`) is at
 * least `threshold` (> 0), with its score: the same pairs and scores as systemSimilarity
 * over all pairs, without comparing all pairs. Each system's bigrams are computed once; an
 * index from bigram to systems finds the pairs that share any (only those can be similar),
 * and summing the shared bigrams' weights gives their Dice coefficient directly. A large
 * department costs what its names share, not the square of its size.
 */
export function similarPairs(
  systems: readonly Compared[],
  threshold: number,
  weights: GramWeights = gramWeights(systems),
): { a: number; b: number; score: number }[] {
  const best = new Map<number, number>(); // a * n + b → best score so far, for a < b
  const n = systems.length;
  for (const field of ["name", "function"] as const) {
    const weight = weights[field];
    const grams = bigramsOf(systems, field);
    const totals = grams.map((set) => [...set].reduce((sum, gram) => sum + weight(gram), 0));
    const index = new Map<string, number[]>();
    grams.forEach((set, i) => {
      for (const gram of set) (index.get(gram) ?? index.set(gram, []).get(gram)!).push(i);
    });
    for (let a = 0; a < n; a++) {
      const shared = new Map<number, number>();
      for (const gram of grams[a]!)
        for (const b of index.get(gram)!) if (b > a) shared.set(b, (shared.get(b) ?? 0) + weight(gram));
      for (const [b, sum] of shared) {
        const score = (2 * sum) / (totals[a]! + totals[b]!);
        const key = a * n + b;
        if (score > (best.get(key) ?? 0)) best.set(key, score);
      }
    }
  }
  const pairs: { a: number; b: number; score: number }[] = [];
  for (const [key, score] of best) if (score >= threshold) pairs.push({ a: Math.floor(key / n), b: key % n, score });
  return pairs.sort((x, y) => x.a - y.a || x.b - y.b);
}
