/**
 * A synthetic system's servers and database, in the proportions of the seeds' estates: old
 * CentOS and Windows Server, some domestic systems (中标麒麟, 达梦, 人大金仓) the target
 * cloud must also host.
 */
import type { ServerGroup } from "../inventory/model";
import type { Random } from "./random";

const OS_TABLE = [
  ["CentOS 7.2", 30],
  ["CentOS 6.5", 15],
  ["RHEL 6", 10],
  ["Windows Server 2008 R2", 30],
  ["Windows Server 2012", 10],
  ["中标麒麟 6.0", 5],
] as const;
const DB_TABLE = [
  ["SQL Server 2008 R2", 30],
  ["Oracle 11g", 25],
  ["MySQL 5.6", 30],
  ["达梦 DM7", 5],
  ["人大金仓 KingbaseES V7", 5],
  [undefined, 5],
] as const;

export type ServerRoles = readonly ServerGroup["role"][];

/** The tiers a system runs on (application alone, with a database, web in front, file servers), a group for each. */
export function serverGroups(random: Random): { roles: ServerRoles; groups: ServerGroup[] } {
  const groups: ServerGroup[] = [];
  const roles = random.weighted([
    [["app"], 25],
    [["app", "db"], 40],
    [["web", "app", "db"], 25],
    [["app", "db", "file"], 10],
  ] as const);
  for (const role of roles) {
    const servers = role === "db" ? random.int(1, 2) : random.int(1, 3);
    const perCores = random.pick([4, 8, 16, 32]);
    groups.push({
      role,
      count: servers,
      cores: servers * perCores,
      memoryGb: servers * perCores * random.pick([2, 4]),
      diskGb: servers * random.pick([200, 500, 1000, 2000]),
      os: random.weighted(OS_TABLE),
    });
  }
  return { roles, groups };
}

/** The database product of a system with database servers; now and then one the form leaves blank. */
export function databaseOf(random: Random, roles: ServerRoles): string | undefined {
  return roles.includes("db") ? random.weighted(DB_TABLE) : undefined;
}
