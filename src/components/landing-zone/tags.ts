/** Tags on OpenStack resources: who owns what, so use can be reported per department. */
export const MANAGED = "govcloud";

export function tags(...pairs: readonly (readonly [string, string])[]): string[] {
  return [MANAGED, ...pairs.map(([key, value]) => `${key}=${value}`)];
}
