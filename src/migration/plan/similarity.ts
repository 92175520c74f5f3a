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
