/**
 * The security-group rules of a system's targets: who may reach which tier on which port.
 * The public reaches a published service's front tier through the unified internet exit;
 * each tier reaches the one behind it; the systems that depend on this one reach its entry
 * tier, through the exchange platform when they are in the other domain (seed 004).
 */
import type { System } from "../inventory/model";
import { shared } from "./text";
import { databasePort, entryRole, fileSharePort, frontRole, roleOf, type Role } from "./tiers";
import type { Domain, SecurityRuleTarget, Text } from "./types";

/** A system that depends on this one, and its domain. */
export interface Dependent {
  readonly id: string;
  readonly domain: Domain;
}

/** Whom a security rule admits, as its name says it: a tier of the system, another system, or the internet. */
const sourceName = (from: SecurityRuleTarget["from"]) =>
  from.kind === "tier" ? from.role : from.kind === "system" ? from.system : "internet";

/** Adds one rule admitting `from` to a tier's port, named after what it joins. */
type AddRule = (toRole: Role, port: number, from: SecurityRuleTarget["from"], viaExchange: boolean, why: Text) => void;

/** The rules that admit traffic to the system's tiers, in the order the runbook and the program list them. */
export function securityRules(
  system: System,
  domain: Domain,
  roles: readonly Role[],
  dependents: readonly Dependent[],
): SecurityRuleTarget[] {
  const rules: SecurityRuleTarget[] = [];
  const add: AddRule = (toRole, port, from, viaExchange, why) =>
    rules.push({
      kind: "securityRule",
      name: `${system.id}-${toRole}-${port}-from-${sourceName(from)}`,
      toRole,
      port,
      protocol: "tcp",
      from,
      viaExchange,
      why: shared(why),
    });
  if (system.publicFacing && domain === "public") fromThePublic(roles, add);
  betweenTiers(system, roles, add);
  fromDependents(system, domain, roles, dependents, add);
  return rules;
}

/** A published service's front tier (web, else app) from the internet: HTTPS, and HTTP that redirects to it. */
function fromThePublic(roles: readonly Role[], add: AddRule): void {
  const front = frontRole(roles);
  if (front === null) return;
  add(front, 443, { kind: "internet" }, false, {
    zh: "对外发布的服务，经统一互联网出口",
    en: "published service, through the unified internet exit",
  });
  add(front, 80, { kind: "internet" }, false, {
    zh: "对外发布的服务（跳转至 443），经统一互联网出口",
    en: "published service (redirects to 443), through the unified internet exit",
  });
}

/** Each tier from the one in front of it: app from web; the database and the file servers from app (else web). */
function betweenTiers(system: System, roles: readonly Role[], add: AddRule): void {
  const has = (role: Role) => roles.includes(role);
  if (has("web") && has("app"))
    add("app", 8080, { kind: "tier", role: "web" }, false, {
      zh: "Web 层调用应用层",
      en: "web tier calls the application tier",
    });
  const client = has("app") ? "app" : has("web") ? "web" : undefined;
  if (client === undefined) return;
  const clientZh = client === "app" ? "应用层" : "Web 层";
  if (has("db")) {
    const engine = system.database ? `（${system.database}）` : "";
    add("db", databasePort(system.database), { kind: "tier", role: client }, false, {
      zh: `${clientZh}访问数据库${engine}`,
      en: `${client} tier uses the database${system.database ? ` (${system.database})` : ""}`,
    });
  }
  if (!has("file")) return;
  // One rule per protocol the file servers speak: SMB for Windows groups, NFS for the others.
  const filePorts = [
    ...new Map(
      system.servers
        .filter((g) => roleOf(g) === "file")
        .map((g) => fileSharePort(g.os))
        .map((p) => [p.port, p] as const),
    ).values(),
  ].sort((a, b) => a.port - b.port);
  for (const { port, protocol } of filePorts) {
    const share =
      protocol === "smb"
        ? { zh: "（Windows 文件共享 SMB）", en: " (Windows file sharing, SMB)" }
        : { zh: "（NFS）", en: " (NFS)" };
    add("file", port, { kind: "tier", role: client }, false, {
      zh: `${clientZh}读取文件服务器${share.zh}`,
      en: `${client} tier reads the file servers${share.en}`,
    });
  }
}

/** The entry tier (app, else web, else the database) from each system that depends on it, by id. */
function fromDependents(
  system: System,
  domain: Domain,
  roles: readonly Role[],
  dependents: readonly Dependent[],
  add: AddRule,
): void {
  const entry = entryRole(roles);
  const port = entry === "db" ? databasePort(system.database) : 8080;
  for (const dependent of [...dependents].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const crossing = dependent.domain !== domain;
    add(
      entry,
      port,
      { kind: "system", system: dependent.id, domain: dependent.domain },
      crossing,
      crossing
        ? {
            zh: "另一域的系统依赖本系统：只能经共享交换平台访问（枣庄政务云方案）",
            en: "a system of the other domain depends on it: only through the exchange platform (seed 004)",
          }
        : { zh: "同一域内的系统依赖本系统", en: "a system of the same domain depends on it" },
    );
  }
}
