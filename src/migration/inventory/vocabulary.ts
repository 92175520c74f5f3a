/**
 * The inventory's closed vocabularies: one table per enum, the English value used in
 * YAML and code, and the Chinese labels a self-inspection form may use for it. Every
 * schema, form reader and report reads these tables; nothing else lists the values.
 */

/** value → Chinese labels accepted on forms (the first is the one we write). */
export type Vocabulary<V extends string> = Readonly<Record<V, readonly string[]>>;

export const HOSTING_NETWORKS = {
  internet: ["互联网"],
  extranet: ["政务外网", "电子政务外网"],
  private: ["业务专网"],
  intranet: ["政务内网", "电子政务内网"],
} as const satisfies Vocabulary<string>;
export type HostingNetwork = keyof typeof HOSTING_NETWORKS;

export const USAGE_SCOPES = {
  region: ["全区", "全市", "全县"],
  department: ["本部门"],
  subunit: ["内设机构"],
  public: ["社会公众"],
} as const satisfies Vocabulary<string>;
export type UsageScope = keyof typeof USAGE_SCOPES;

export const USAGE_FREQUENCIES = {
  daily: ["每日"],
  weekly: ["每周"],
  monthly: ["每月"],
  yearly: ["每年"],
  unused: ["停用"],
} as const satisfies Vocabulary<string>;
export type UsageFrequency = keyof typeof USAGE_FREQUENCIES;

export const OM_STATUSES = {
  active: ["正常"],
  stopped: ["停止"],
} as const satisfies Vocabulary<string>;
export type OmStatus = keyof typeof OM_STATUSES;

export const SERVER_ROLES = {
  web: ["Web服务器"],
  app: ["应用服务器"],
  db: ["数据库服务器"],
  file: ["文件服务器"],
} as const satisfies Vocabulary<string>;
export type ServerRole = keyof typeof SERVER_ROLES;

export const DEPARTMENT_LEVELS = {
  city: ["市级"],
  district: ["区县级"],
  town: ["镇街"],
} as const satisfies Vocabulary<string>;
export type DepartmentLevel = keyof typeof DEPARTMENT_LEVELS;

export const ROOM_TENURES = {
  owned: ["自有"],
  rented: ["租用"],
} as const satisfies Vocabulary<string>;
export type RoomTenure = keyof typeof ROOM_TENURES;

export const WEEKDAYS = {
  mon: ["周一"],
  tue: ["周二"],
  wed: ["周三"],
  thu: ["周四"],
  fri: ["周五"],
  sat: ["周六"],
  sun: ["周日"],
} as const satisfies Vocabulary<string>;
export type Weekday = keyof typeof WEEKDAYS;

/** MLPS levels (等保级别) a system may be rated; level 5 is for systems of national importance, none here. */
export const MLPS_LEVELS = [1, 2, 3, 4] as const;

export const BOOLEAN_LABELS: Readonly<Record<"true" | "false", readonly string[]>> = {
  true: ["是", "yes", "y", "true"],
  false: ["否", "no", "n", "false"],
};

/** The English values of a vocabulary, in declaration order. */
export function valuesOf<V extends string>(vocabulary: Vocabulary<V>): [V, ...V[]] {
  return Object.keys(vocabulary) as [V, ...V[]];
}

/** The Chinese label we write for a value (the first one listed). */
export function labelOf<V extends string>(vocabulary: Vocabulary<V>, value: V): string {
  return vocabulary[value][0] ?? value;
}

/**
 * Reads a form cell against a vocabulary: the English value (any case) or any of its
 * Chinese labels. Returns undefined when nothing matches.
 */
export function lookupLabel<V extends string>(vocabulary: Vocabulary<V>, text: string): V | undefined {
  const wanted = text.trim().toLowerCase();
  for (const value of valuesOf(vocabulary)) {
    if (value.toLowerCase() === wanted) return value;
    if (vocabulary[value].some((label) => label.toLowerCase() === wanted)) return value;
  }
  return undefined;
}

/** Every spelling a form may use for a vocabulary, for error messages and suggestions. */
export function spellingsOf<V extends string>(vocabulary: Vocabulary<V>): string[] {
  return valuesOf(vocabulary).flatMap((value) => [...vocabulary[value], value]);
}
