/**
 * A system's tiers (web, application, database, file servers): which zone each sits in,
 * which faces the public and which other systems call, and the ports they speak; for the
 * targets (targets.ts) and their security rules (security-rules.ts).
 */
import type { ServerGroup } from "../inventory/model";
import type { Zone } from "./types";

export type Role = "web" | "app" | "db" | "file";

/** A group's tier; the census did not always say, and an unsaid one is planned as an application server. */
export function roleOf(group: ServerGroup): Role {
  return group.role ?? "app";
}

/**
 * The zone of a tier: a published system's front tier (its web tier, else its app tier)
 * sits in the DMZ; databases and file servers always in the data zone, published or not;
 * the rest in the app zone.
 */
export function zoneOf(role: Role, published: boolean, front: Role | null): Zone {
  if (published && front !== null && role === front) return "dmz";
  return isDataRole(role) ? "data" : "app";
}

/** Tiers that hold the business data: database and file servers. One home for the test. */
export function isDataRole(role: Role): boolean {
  return role === "db" || role === "file";
}

/**
 * The tier the public reaches: the web tier, else the app tier; never a database or file server (null: nothing to
 * publish).
 */
export function frontRole(roles: readonly Role[]): Role | null {
  return roles.includes("web") ? "web" : roles.includes("app") ? "app" : null;
}

/** The tier other systems talk to: the app tier, else web, else the database. */
export function entryRole(roles: readonly Role[]): Role {
  return (["app", "web", "db", "file"] as const).find((r) => roles.includes(r)) ?? "app";
}

/** SMB (445) for Windows file servers, NFS (2049) for the others (Linux, Unix, unrecorded). */
export function fileSharePort(os: string | undefined): { port: number; protocol: "smb" | "nfs" } {
  return os !== undefined && /windows|win\s?(2003|2008|2012|2016|2019|2022)/i.test(os)
    ? { port: 445, protocol: "smb" }
    : { port: 2049, protocol: "nfs" };
}

const DB_PORTS: readonly [RegExp, number][] = [
  [/oracle/i, 1521],
  [/sql ?server|mssql/i, 1433],
  [/mysql|mariadb/i, 3306],
  [/postgres|kingbase|人大金仓/i, 5432],
  [/达梦|\bdm\d?/i, 5236],
];

export function databasePort(database: string | undefined): number {
  return DB_PORTS.find(([pattern]) => database !== undefined && pattern.test(database))?.[1] ?? 5432;
}
