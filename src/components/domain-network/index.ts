/**
 * DomainNetwork — the network of one of the two domains of the government cloud (行政服务域 or
 * 公共服务域; the domain itself is the `Domain` type, "admin" or "public"): its core router, one
 * network per zone (shared with the department projects that get a subnet in it), the
 * platform's management subnet, and the core router's static routes. The topology (names,
 * ranges, routes) comes from buildTopology; this class only creates it. Zones carry no
 * security group of their own: a group shared by a zone would let every department's VMs
 * reach every other's; each department has its own (DepartmentTenant).
 */
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import type { Zone } from "../../migration/plan/types";
import { tags } from "../landing-zone/tags";
import type { DomainTopology } from "../landing-zone/topology";

export interface DomainNetworkArgs {
  /** The domain's part of the landing zone's topology. */
  readonly topology: DomainTopology;
  /** The OpenStack provider every child uses (never the ambient default). */
  readonly provider: openstack.Provider;
}

export class DomainNetwork extends pulumi.ComponentResource {
  readonly router: openstack.networking.Router;
  readonly networks: Readonly<Partial<Record<Zone, openstack.networking.Network>>>;
  readonly mgmtSubnet: openstack.networking.Subnet;
  private readonly topology: DomainTopology;
  private readonly provider: openstack.Provider;
  private routed = false;

  constructor(name: string, args: DomainNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    // The type token keeps the class's first name (Domain): it is part of the URN of this component
    // and of every child, so a new token would make Pulumi replace every router, network and
    // subnet of a deployed stack.
    super("govcloud:network:Domain", name, {}, { ...opts, providers: [args.provider] });
    const { topology } = args;
    if (!topology.zones.some((z) => z.zone === "mgmt") || !topology.zones.some((z) => z.zone === "app")) {
      throw new Error(
        `DomainNetwork ${name}: the topology has no ` +
          `${topology.zones.some((z) => z.zone === "mgmt") ? "app" : "mgmt"} zone (fix: ` +
          `build it with buildTopology, which gives every domain app, data and mgmt zones)`,
      );
    }
    this.topology = topology;
    this.provider = args.provider;
    const parent = { parent: this, provider: args.provider };
    const domainTag = ["domain", topology.domain] as const;

    // The admin domain's router has no external gateway: it is not the exit (seed 004).
    this.router = new openstack.networking.Router(
      topology.router,
      { name: topology.router, adminStateUp: true, tags: tags(domainTag, ["role", "core-router"]) },
      parent,
    );

    const networks: Partial<Record<Zone, openstack.networking.Network>> = {};
    for (const zone of topology.zones) {
      networks[zone.zone] = new openstack.networking.Network(
        zone.network,
        { name: zone.network, adminStateUp: true, tags: tags(domainTag, ["zone", zone.zone]) },
        parent,
      );
    }
    this.networks = networks;

    const mgmtNetwork = networks.mgmt!;
    this.mgmtSubnet = new openstack.networking.Subnet(
      topology.mgmtSubnet.name,
      {
        name: topology.mgmtSubnet.name,
        networkId: mgmtNetwork.id,
        cidr: topology.mgmtSubnet.cidr,
        ipVersion: 4,
        tags: tags(domainTag, ["zone", "mgmt"]),
      },
      parent,
    );
    new openstack.networking.RouterInterface(
      `${topology.mgmtSubnet.name}-if`,
      { routerId: this.router.id, subnetId: this.mgmtSubnet.id },
      parent,
    );
    this.registerOutputs({ routerId: this.router.id, mgmtSubnetId: this.mgmtSubnet.id });
  }

  /**
   * Creates the core router's static routes once the links that connect their next hops
   * exist. Neutron refuses a route whose next hop is on no subnet of the router (400
   * InvalidRoutes), so each route waits for those links: the public router's default route
   * for its interface on the exit's transit network, which the UnifiedInternetExit creates
   * after this domain. Call it once, after the links are declared; the routes stay children
   * of the domain, so their identities do not depend on who links the next hop.
   */
  routeVia(links: readonly pulumi.Resource[]): void {
    if (this.routed)
      throw new Error(
        `DomainNetwork ${this.topology.domain}: routeVia called twice (fix: ` +
          `declare every link first, then call it once)`,
      );
    this.routed = true;
    if (this.topology.routes.length > 0 && links.length === 0) {
      throw new Error(
        `DomainNetwork ${this.topology.domain}: its routes need the links to their next hops (fix: ` +
          `pass the UnifiedInternetExit's publicLink)`,
      );
    }
    for (const route of this.topology.routes) {
      new openstack.networking.RouterRoute(
        `${this.topology.router}-route-${route.destination.replace(/[./]/g, "-")}`,
        { routerId: this.router.id, destinationCidr: route.destination, nextHop: route.nexthop },
        { parent: this, provider: this.provider, dependsOn: [...links] },
      );
    }
  }
}
