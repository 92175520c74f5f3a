/**
 * The landing zone's topology as data: the two domains and their zones, the unified
 * internet exit, the exchange platform and each department's subnets, with every name
 * and address decided here, once. Pure; the components create exactly this.
 *
 * Routing, by construction:
 * - the admin domain's core router has no external gateway and no route out of its domain
 *   (行政服务域: no direct internet);
 * - the public domain's core router sends 0.0.0.0/0 to the exit router over a transit
 *   link; the exit router is the only router with an external gateway (SNAT), and the DMZ
 *   subnets hang on it so floating IPs can reach them (统一互联网出口);
 * - both core routers have a port on the exchange network, and neither has a route to the
 *   other domain: only hosts of the exchange zone, given host routes to both, are reachable
 *   from both sides (共享交换平台).
 */
import { SLOT_ZONES, type LockedDepartment, type SlotZone } from "../../migration/lock/model";
import type { DepartmentQuota, Domain, Plan, Zone } from "../../migration/plan/types";
import type { AddressPlan } from "./config";
import { formatAddress, formatCidr, gatewayOf, nthSubnet, overlaps, parseCidr, type Cidr } from "./cidr";

export const DOMAINS: readonly Domain[] = ["admin", "public"];

/** Zones of each domain and the share of its address space they take (in quarters). */
export const DOMAIN_ZONES: Readonly<Record<Domain, readonly { zone: Zone; quarters: number }[]>> = {
  admin: [
    { zone: "app", quarters: 2 },
    { zone: "data", quarters: 1 },
    { zone: "mgmt", quarters: 1 },
  ],
  public: [
    { zone: "dmz", quarters: 1 },
    { zone: "app", quarters: 1 },
    { zone: "data", quarters: 1 },
    { zone: "mgmt", quarters: 1 },
  ],
};

export interface ZoneTopology {
  readonly domain: Domain;
  readonly zone: Zone;
  readonly cidr: string;
  /** The zone's network, shared with the department projects that have a subnet in it. */
  readonly network: string;
  /** The router its subnets attach to: the domain's core router, or the exit router for the DMZ. */
  readonly router: string;
}

export interface DomainTopology {
  readonly domain: Domain;
  readonly cidr: string;
  readonly router: string;
  readonly zones: readonly ZoneTopology[];
  /** The platform's own subnet in the mgmt zone (bastions, monitoring). */
  readonly mgmtSubnet: { readonly name: string; readonly cidr: string };
  /** Static routes of the core router. */
  readonly routes: readonly { readonly destination: string; readonly nexthop: string }[];
  /** The core router's address on the exchange network. */
  readonly exchangeIp: string;
}

export interface ExitTopology {
  readonly router: string;
  readonly externalNetworkId: string;
  readonly transitNetwork: string;
  readonly transitCidr: string;
  readonly exitIp: string;
  readonly publicRouterIp: string;
  /** Return route to the public domain through its core router. */
  readonly routes: readonly { readonly destination: string; readonly nexthop: string }[];
}

export interface ExchangeTopology {
  readonly network: string;
  readonly cidr: string;
  /** Host routes the exchange zone's hosts get: each domain through its core router. */
  readonly hostRoutes: readonly { readonly destinationCidr: string; readonly nextHop: string }[];
  /** The services the platform exchanges data on (the only ports open across it). */
  readonly services: readonly { readonly name: string; readonly port: number }[];
}

export interface DepartmentSubnet {
  readonly department: string;
  readonly domain: Domain;
  readonly zone: Zone;
  readonly name: string;
  readonly cidr: string;
  readonly network: string;
  readonly router: string;
}

export interface TenantTopology {
  readonly department: string;
  readonly name: string;
  readonly domains: readonly Domain[];
  readonly subnets: readonly DepartmentSubnet[];
  readonly quota: DepartmentQuota;
}

export interface Topology {
  readonly domains: readonly DomainTopology[];
  readonly exit: ExitTopology;
  readonly exchange: ExchangeTopology;
  readonly tenants: readonly TenantTopology[];
}

/** The name of a department's subnet in a zone of a domain: its network resource, and how its VMs find it. */
export const departmentSubnetName = (department: string, domain: Domain, zone: Zone): string =>
  `${department}-${domain}-${zone}`;

export class TopologyError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("; "));
    this.name = "TopologyError";
  }
}

/** HTTPS for the exchange platform's APIs and SFTP for its file drops. */
export const EXCHANGE_SERVICES = [
  { name: "exchange-api", port: 443 },
  { name: "exchange-sftp", port: 22 },
] as const;

const zoneCidr = (domainCidr: Cidr, quartersBefore: number, quarters: number): Cidr => {
  const prefix = domainCidr.prefix + 2 - Math.log2(quarters);
  return nthSubnet(domainCidr, prefix, quartersBefore / quarters)!;
};

/** What the topology needs of the plan lock: each department's zones per domain, and every slot held. */
export interface AddressSlots {
  /** Each department's slots (the lock's departments, released ones included: their slots stay reserved). */
  readonly departments: Readonly<Record<string, LockedDepartment>>;
  /** The zones each department needs a subnet in, per domain (app and data; the DMZ where it publishes). */
  readonly needs: ReadonlyMap<string, ReadonlyMap<Domain, ReadonlySet<SlotZone>>>;
}

export function buildTopology(
  plan: Pick<Plan, "quotas">,
  departmentNames: ReadonlyMap<string, string>,
  addressPlan: AddressPlan,
  externalNetworkId: string,
  slots: AddressSlots,
): Topology {
  const ranges = addressRanges(addressPlan);
  const problems = rangeProblems(ranges);
  const transit = transitAddresses(ranges.exitTransit);
  const domains = DOMAINS.map((domain, d) =>
    domainTopology(domain, ranges[domain], addressPlan.departmentPrefix, transit.exitIp, exchangeHost(ranges, 2 + d)),
  );
  const capacity = slotCapacity(domains, addressPlan.departmentPrefix, slots.departments);
  if (capacity) problems.push(capacity);
  const tenants = plan.quotas.map((quota) => {
    const { subnets, missing } = departmentSubnets(quota, domains, addressPlan.departmentPrefix, slots);
    problems.push(...missing);
    return {
      department: quota.department,
      name: departmentNames.get(quota.department) ?? quota.department,
      domains: quota.domains,
      subnets,
      quota,
    };
  });
  if (problems.length > 0) throw new TopologyError(problems);

  return {
    domains,
    exit: exitTopology(ranges, transit, externalNetworkId, domains),
    exchange: exchangeTopology(ranges, domains),
    tenants,
  };
}

/** The four ranges of the address plan; the stack config has checked each is a CIDR. */
type AddressRanges = Readonly<Record<"admin" | "public" | "exchange" | "exitTransit", Cidr>>;

function addressRanges(addressPlan: AddressPlan): AddressRanges {
  const parse = (key: keyof AddressPlan) => parseCidr(String(addressPlan[key]))!;
  return {
    admin: parse("admin"),
    public: parse("public"),
    exchange: parse("exchange"),
    exitTransit: parse("exitTransit"),
  };
}

/** What is wrong with the ranges themselves: any two that overlap, a transit link too small for its routers. */
function rangeProblems(ranges: AddressRanges): string[] {
  const problems: string[] = [];
  const keys = Object.keys(ranges) as (keyof AddressRanges)[];
  keys.forEach((a, i) =>
    keys.slice(i + 1).forEach((b) => {
      if (overlaps(ranges[a], ranges[b]))
        problems.push(
          `addressPlan.${a} (${formatCidr(ranges[a])}) overlaps addressPlan.${b} (${formatCidr(ranges[b])}): ` +
            `give each its own range`,
        );
    }),
  );
  if (ranges.exitTransit.prefix > 29)
    problems.push("addressPlan.exitTransit needs at least a /29 (two routers and room to spare)");
  return problems;
}

/** The routers' names, written once: the components create them, the diagram labels them. */
export const coreRouterName = (domain: Domain) => `${domain}-core-router`;
export const EXIT_ROUTER = "internet-exit-router";

/** The nth address of the exchange network: a core router's port there (the first ones are the subnet's own). */
const exchangeHost = (ranges: AddressRanges, n: number) => formatAddress(ranges.exchange.base + n);

/** The two ends of the transit link: the exit router's and the public core router's. */
interface TransitAddresses {
  readonly exitIp: string;
  readonly publicRouterIp: string;
}

const transitAddresses = (transit: Cidr): TransitAddresses => ({
  exitIp: formatAddress(transit.base + 1),
  publicRouterIp: formatAddress(transit.base + 2),
});

/**
 * One domain: its zones, each a share of the domain's range in DOMAIN_ZONES order, the platform's subnet
 * (the mgmt zone's first department-sized block), and its core router's routes (the public domain's default
 * route to the exit; none out of the admin domain).
 */
function domainTopology(
  domain: Domain,
  range: Cidr,
  departmentPrefix: number,
  exitIp: string,
  exchangeIp: string,
): DomainTopology {
  let offset = 0;
  const zones = DOMAIN_ZONES[domain].map(({ zone, quarters }) => {
    const cidr = zoneCidr(range, offset, quarters);
    offset += quarters;
    return {
      domain,
      zone,
      cidr: formatCidr(cidr),
      network: `${domain}-${zone}`,
      router: zone === "dmz" ? EXIT_ROUTER : coreRouterName(domain),
    };
  });
  const mgmt = parseCidr(zones.find((z) => z.zone === "mgmt")!.cidr)!;
  return {
    domain,
    cidr: formatCidr(range),
    router: coreRouterName(domain),
    zones,
    mgmtSubnet: {
      name: `${domain}-mgmt-platform`,
      cidr: formatCidr(nthSubnet(mgmt, departmentPrefix, 0)!),
    },
    routes: domain === "public" ? [{ destination: "0.0.0.0/0", nexthop: exitIp }] : [],
    exchangeIp,
  };
}

/**
 * A department's subnets: in each of its domains, one per zone it needs (app and data unless the lock says
 * otherwise; never mgmt), at the slot the plan lock holds for it. A slot the lock does not hold is a problem.
 */
function departmentSubnets(
  quota: DepartmentQuota,
  domains: readonly DomainTopology[],
  departmentPrefix: number,
  slots: AddressSlots,
): { subnets: DepartmentSubnet[]; missing: string[] } {
  const subnets: DepartmentSubnet[] = [];
  const missing: string[] = [];
  for (const domain of quota.domains) {
    const zones = slots.needs.get(quota.department)?.get(domain) ?? new Set<SlotZone>(["app", "data"]);
    for (const zone of domains.find((d) => d.domain === domain)!.zones) {
      if (zone.zone === "mgmt" || !zones.has(zone.zone)) continue;
      const slot = slots.departments[quota.department]?.[domain]?.[zone.zone];
      if (slot === undefined) {
        missing.push(
          `the plan lock holds no ${domain} ${zone.zone} slot for ${quota.department} (fix: ` +
            `run govcloud plan to update the lock, review and commit it)`,
        );
        continue;
      }
      const subnet = nthSubnet(parseCidr(zone.cidr)!, departmentPrefix, slot);
      if (!subnet) continue; // reported once by slotCapacity
      subnets.push({
        department: quota.department,
        domain,
        zone: zone.zone,
        name: departmentSubnetName(quota.department, domain, zone.zone),
        cidr: formatCidr(subnet),
        network: zone.network,
        router: zone.router,
      });
    }
  }
  return { subnets, missing };
}

/**
 * The unified internet exit: its router on the external network, the transit link and the return route to the
 * public domain.
 */
function exitTopology(
  ranges: AddressRanges,
  { exitIp, publicRouterIp }: TransitAddresses,
  externalNetworkId: string,
  domains: readonly DomainTopology[],
): ExitTopology {
  const publicDomain = domains.find((d) => d.domain === "public")!;
  return {
    router: EXIT_ROUTER,
    externalNetworkId,
    transitNetwork: "internet-exit-transit",
    transitCidr: formatCidr(ranges.exitTransit),
    exitIp,
    publicRouterIp,
    routes: [{ destination: publicDomain.cidr, nexthop: publicRouterIp }],
  };
}

/** The exchange platform: its network, a host route to each domain through that domain's core router, its services. */
function exchangeTopology(ranges: AddressRanges, domains: readonly DomainTopology[]): ExchangeTopology {
  return {
    network: "exchange-platform",
    cidr: formatCidr(ranges.exchange),
    hostRoutes: domains.map((d) => ({ destinationCidr: d.cidr, nextHop: d.exchangeIp })),
    services: EXCHANGE_SERVICES,
  };
}

export { gatewayOf };

/**
 * One message when the address plan cannot hold the lock's slots: how many department
 * subnets a zone holds, how many the lock needs (its highest slot + 1, released
 * departments included), and an address plan that would.
 */
function slotCapacity(
  domains: readonly DomainTopology[],
  prefix: number,
  departments: Readonly<Record<string, LockedDepartment>>,
): string | undefined {
  let holds = Number.MAX_SAFE_INTEGER;
  let needs = 0;
  let smallest: ZoneTopology | undefined;
  for (const domain of domains) {
    for (const zone of domain.zones) {
      if (zone.zone === "mgmt") continue;
      const zonePrefix = parseCidr(zone.cidr)!.prefix;
      const capacity = prefix >= zonePrefix ? 2 ** (prefix - zonePrefix) : 0;
      if (capacity < holds) [holds, smallest] = [capacity, zone];
      for (const held of Object.values(departments)) {
        const slot = held[domain.domain]?.[zone.zone];
        if (slot !== undefined && SLOT_ZONES.includes(zone.zone)) needs = Math.max(needs, slot + 1);
      }
    }
  }
  if (needs <= holds || !smallest) return undefined;
  const bits = Math.ceil(Math.log2(needs));
  const zonePrefix = parseCidr(smallest.cidr)!.prefix;
  const longer =
    zonePrefix + bits <= 28 ? `addressPlan.departmentPrefix: ${zonePrefix + bits} (smaller subnets), or ` : "";
  const domainPrefix =
    prefix - bits - (zonePrefix - parseCidr(domains.find((d) => d.domain === smallest.domain)!.cidr)!.prefix);
  return (
    `the address plan holds ${holds} departments per zone (the ${smallest.domain} domain's ${smallest.zone} zone, ` +
    `${smallest.cidr}, holds ${holds} subnets of /${prefix}); ` +
    `the plan lock needs ${needs} (fix: ${longer}addressPlan.admin and addressPlan.public of /${domainPrefix} or wider)`
  );
}
