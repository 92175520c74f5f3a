/** The security rules of a department's own group in a domain, before any system adds its own. Pure. */
import type { DomainTopology } from "../landing-zone/topology";

export interface DepartmentRule {
  /**
   * Stable: the rule's resource name ends with it, and its description is it (a new sentence would replace the rule).
   */
  readonly name: string;
  readonly protocol: "tcp" | "udp" | "icmp";
  /** Absent for ICMP (every type). */
  readonly portMin?: number;
  readonly portMax?: number;
  /** "self": members of the department's group; otherwise a CIDR inside the domain. */
  readonly remote: string;
}

/**
 * A department's VMs in a domain reach each other, and operators reach them on SSH and
 * RDP from the domain's management zone. Nothing else: other departments of the same zone
 * reach a system only where the plan names them as callers, the exchange platform and the
 * exit only on the ports a system publishes (MigratedSystem's per-tier groups) — as the
 * department's namespaces, default-deny with same-namespace allowed.
 */
export function departmentRules(domain: DomainTopology): DepartmentRule[] {
  const mgmt = domain.zones.find((z) => z.zone === "mgmt")!.cidr;
  return [
    { name: "intra-department-tcp", protocol: "tcp", portMin: 1, portMax: 65535, remote: "self" },
    { name: "intra-department-udp", protocol: "udp", portMin: 1, portMax: 65535, remote: "self" },
    { name: "intra-department-icmp", protocol: "icmp", remote: "self" },
    { name: "ssh-from-mgmt", protocol: "tcp", portMin: 22, portMax: 22, remote: mgmt },
    { name: "rdp-from-mgmt", protocol: "tcp", portMin: 3389, portMax: 3389, remote: mgmt },
  ];
}
