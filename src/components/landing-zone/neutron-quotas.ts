/**
 * Network quotas as Neutron counts them. Neutron charges a project for what it creates by
 * itself as well as for what the stack asks: every new security group comes with two egress
 * rules (IPv4, IPv6), every project gets a "default" group with four rules the first time it
 * is used, a router interface added by subnet is a port of the router's project, and a
 * subnet with DHCP gets a DHCP port in the network's project. A quota that forgets them is
 * exhausted before the stack is (seen against a real Neutron: 409 Quota exceeded). Pure.
 */
import { withHeadroom } from "../../migration/plan/quotas";
import { parseCidr } from "./cidr";
import type { Topology } from "./topology";

/** Rules Neutron adds to every security group it creates (egress IPv4 and IPv6). */
export const EGRESS_RULES_PER_GROUP = 2;
/** The project's "default" group and its rules (ingress from itself and egress, IPv4 and IPv6). */
export const DEFAULT_GROUP = { groups: 1, rules: 4 } as const;

export { withHeadroom };

export interface PlatformNetworkQuota {
  readonly rbacPolicy: number;
  readonly network: number;
  readonly subnet: number;
  readonly port: number;
  readonly router: number;
  readonly securityGroup: number;
  readonly securityGroupRule: number;
}

/**
 * The platform project's network quota. It owns the zone networks, and each department's
 * access to one of them is an RBAC policy of the platform's (Neutron's default quota is 10
 * policies; a city has hundreds); it owns the routers, so every department subnet's router
 * interface is a port of its, and the zone networks' DHCP ports too. Sized for every slot
 * the address plan can give a department, not for today's departments: adding or releasing
 * a department never touches the platform's quota.
 */
export function platformNetworkQuota(
  topology: Topology,
  departmentPrefix: number,
  headroomPct: number,
  exchangeGroupRules: number,
): PlatformNetworkQuota {
  const slotsIn = (cidr: string) => {
    const zone = parseCidr(cidr)!;
    return departmentPrefix >= zone.prefix ? 2 ** (departmentPrefix - zone.prefix) : 0;
  };
  const departmentZones = topology.domains.flatMap((d) => d.zones.filter((z) => z.zone !== "mgmt"));
  const slots = departmentZones.reduce((n, z) => n + slotsIn(z.cidr), 0);
  const zoneNetworks = topology.domains.reduce((n, d) => n + d.zones.length, 0);
  const platformSubnets = topology.domains.length /* mgmt */ + 2; /* exchange, transit */
  // A router interface per department slot and mgmt subnet, the exchange's and the transit's two ports each, a DHCP
  // port per subnet.
  const ports = slots + topology.domains.length + 4 + slots + platformSubnets;
  const groups = 1 /* exchange */ + DEFAULT_GROUP.groups;
  const rules = exchangeGroupRules + EGRESS_RULES_PER_GROUP + DEFAULT_GROUP.rules;
  const up = (value: number, floor: number) => withHeadroom(value, headroomPct) + floor;
  return {
    // A share per slot, and the exit's access_as_external on the external network.
    rbacPolicy: slots + 1,
    network: up(zoneNetworks + 2, 5),
    subnet: up(platformSubnets, 5),
    port: ports + 20,
    router: up(topology.domains.length + 1, 2),
    securityGroup: up(groups, 5),
    securityGroupRule: up(rules, 20),
  };
}
