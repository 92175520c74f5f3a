/**
 * govcloud:network:Domain — one of the two domains of the government cloud (行政服务域 or
 * 公共服务域): its core router, one network per zone (shared with the department projects
 * that get a subnet in it), the platform's management subnet, and a security group per
 * zone. The topology (names, ranges, routes) comes from buildTopology; this class only
 * creates it.
 */
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import type { Zone } from "../../migration/plan/types";
import { tags } from "../landing-zone/tags";
import type { DomainTopology } from "../landing-zone/topology";
import { zoneSecurityRules } from "./rules";

export interface DomainArgs {
  /** The domain's part of the landing zone's topology. */
  readonly topology: DomainTopology;
  /** The OpenStack provider every child uses (never the ambient default). */
  readonly provider: openstack.Provider;
}

export class Domain extends pulumi.ComponentResource {
  readonly router: openstack.networking.Router;
  readonly networks: Readonly<Partial<Record<Zone, openstack.networking.Network>>>;
  readonly securityGroups: Readonly<Partial<Record<Zone, openstack.networking.SecGroup>>>;
  readonly mgmtSubnet: openstack.networking.Subnet;

  constructor(name: string, args: DomainArgs, opts?: pulumi.ComponentResourceOptions) {
    super("govcloud:network:Domain", name, {}, { ...opts, providers: [args.provider] });
    const { topology } = args;
    if (!topology.zones.some((z) => z.zone === "mgmt") || !topology.zones.some((z) => z.zone === "app")) {
      throw new Error(`Domain ${name}: the topology has no ${topology.zones.some((z) => z.zone === "mgmt") ? "app" : "mgmt"} zone (fix: build it with buildTopology, which gives every domain app, data and mgmt zones)`);
    }
    const parent = { parent: this, provider: args.provider };
    const domainTag = ["domain", topology.domain] as const;

    // The admin domain's router has no external gateway: it is not the exit (seed 004).
    this.router = new openstack.networking.Router(topology.router, { name: topology.router, adminStateUp: true, tags: tags(domainTag, ["role", "core-router"]) }, parent);

    const networks: Partial<Record<Zone, openstack.networking.Network>> = {};
    const groups: Partial<Record<Zone, openstack.networking.SecGroup>> = {};
    for (const zone of topology.zones) {
      networks[zone.zone] = new openstack.networking.Network(zone.network, { name: zone.network, adminStateUp: true, tags: tags(domainTag, ["zone", zone.zone]) }, parent);
      const group = new openstack.networking.SecGroup(`${zone.network}-sg`, { name: `${zone.network}-sg`, description: `${topology.domain} domain, ${zone.zone} zone`, deleteDefaultRules: false, tags: tags(domainTag, ["zone", zone.zone]) }, parent);
      groups[zone.zone] = group;
      for (const rule of zoneSecurityRules(topology, zone.zone)) {
        new openstack.networking.SecGroupRule(
          `${zone.network}-sg-${rule.name}`,
          {
            securityGroupId: group.id,
            direction: "ingress",
            ethertype: "IPv4",
            protocol: "tcp",
            portRangeMin: rule.portMin,
            portRangeMax: rule.portMax,
            ...(rule.remote === "self" ? { remoteGroupId: group.id } : { remoteIpPrefix: rule.remote }),
            // Every field of a rule forces its replacement, the description too: a stable name, not a sentence.
            description: rule.name,
          },
          parent,
        );
      }
    }
    this.networks = networks;
    this.securityGroups = groups;

    const mgmtNetwork = networks.mgmt!;
    this.mgmtSubnet = new openstack.networking.Subnet(topology.mgmtSubnet.name, { name: topology.mgmtSubnet.name, networkId: mgmtNetwork.id, cidr: topology.mgmtSubnet.cidr, ipVersion: 4, tags: tags(domainTag, ["zone", "mgmt"]) }, parent);
    new openstack.networking.RouterInterface(`${topology.mgmtSubnet.name}-if`, { routerId: this.router.id, subnetId: this.mgmtSubnet.id }, parent);
    for (const route of topology.routes) {
      new openstack.networking.RouterRoute(`${topology.router}-route-${route.destination.replace(/[./]/g, "-")}`, { routerId: this.router.id, destinationCidr: route.destination, nextHop: route.nexthop }, parent);
    }
    this.registerOutputs({ routerId: this.router.id, mgmtSubnetId: this.mgmtSubnet.id });
  }
}
