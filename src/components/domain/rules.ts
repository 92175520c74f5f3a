/** The security rules every zone of a domain gets, before any system adds its own. Pure. */
import type { Zone } from "../../migration/plan/types";
import type { DomainTopology } from "../landing-zone/topology";

export interface ZoneRule {
  readonly name: string;
  readonly portMin: number;
  readonly portMax: number;
  /** "self": members of the same zone group; otherwise a CIDR inside the cloud. */
  readonly remote: "self" | string;
  /** Why the rule exists, for people; the cloud's rule carries the stable name instead (a new sentence would replace it). */
  readonly description: string;
}

/**
 * Inside a zone, members reach each other; from the domain's management zone, operators
 * reach SSH and RDP. Nothing from outside the domain, and never 0.0.0.0/0: published
 * services open their own ports on their own groups (MigratedSystem).
 */
export function zoneSecurityRules(topology: DomainTopology, zone: Zone): ZoneRule[] {
  const mgmt = topology.zones.find((z) => z.zone === "mgmt")!.cidr;
  const rules: ZoneRule[] = [{ name: "intra-zone", portMin: 1, portMax: 65535, remote: "self", description: `members of the ${zone} zone reach each other` }];
  if (zone !== "mgmt") {
    rules.push(
      { name: "ssh-from-mgmt", portMin: 22, portMax: 22, remote: mgmt, description: "operators from the management zone" },
      { name: "rdp-from-mgmt", portMin: 3389, portMax: 3389, remote: mgmt, description: "operators from the management zone (Windows)" },
    );
  }
  return rules;
}
