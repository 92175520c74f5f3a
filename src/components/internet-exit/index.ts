/**
 * govcloud:network:UnifiedInternetExit — 统一互联网出口: the only router of the stack with
 * an external gateway. It SNATs the public domain's outbound traffic, which reaches it
 * from the public core router over a transit link; the DMZ subnets hang on it directly,
 * so that floating IPs (only ever given to DMZ ports) can reach published services.
 */
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { tags } from "../landing-zone/tags";
import type { ExitTopology } from "../landing-zone/topology";

export interface UnifiedInternetExitArgs {
  readonly topology: ExitTopology;
  /** The public domain's core router, linked to the exit over the transit network. */
  readonly publicRouter: openstack.networking.Router;
  /**
   * The project the stack's credentials work in (the platform's): the only project given
   * the external network as a gateway (access_as_external), so Neutron itself refuses any
   * other router a gateway there. A department quota of 0 routers cannot do it: the
   * provider never sends a quota of 0.
   */
  readonly platformProjectId: pulumi.Input<string>;
  readonly provider: openstack.Provider;
}

export class UnifiedInternetExit extends pulumi.ComponentResource {
  readonly router: openstack.networking.Router;
  readonly transitSubnet: openstack.networking.Subnet;
  /** The public core router's interface on the transit network: the public domain's routes to the exit wait for it. */
  readonly publicLink: openstack.networking.RouterInterface;

  constructor(name: string, args: UnifiedInternetExitArgs, opts?: pulumi.ComponentResourceOptions) {
    super("govcloud:network:UnifiedInternetExit", name, {}, { ...opts, providers: [args.provider] });
    const { topology } = args;
    if (!topology.externalNetworkId)
      throw new Error(
        "UnifiedInternetExit: externalNetworkId is empty (fix: " +
          "set govcloud:externalNetworkId to the provider network of the internet exit)",
      );
    const parent = { parent: this, provider: args.provider };
    this.router = exitRouter(topology, args.platformProjectId, parent);
    const transit = transitLink(topology, parent);
    this.transitSubnet = transit.subnet;
    const exitLink = transitInterface(`${topology.router}-transit`, this.router, transit, topology.exitIp, parent);
    this.publicLink = transitInterface(
      `${topology.router}-public-core`,
      args.publicRouter,
      transit,
      topology.publicRouterIp,
      parent,
    );
    returnRoutes(topology, this.router, exitLink, parent);
    this.registerOutputs({ routerId: this.router.id });
  }
}

/** The exit's resources: children of the component, on the stack's OpenStack provider. */
interface Parent {
  readonly parent: pulumi.Resource;
  readonly provider: openstack.Provider;
}

interface TransitLink {
  readonly network: openstack.networking.Network;
  readonly subnet: openstack.networking.Subnet;
}

const exitTags = () => tags(["role", "internet-exit"]);

/**
 * The exit router: the external network as its gateway, with SNAT. The platform project is given the external
 * network first (access_as_external), the only project allowed a gateway there.
 */
function exitRouter(
  topology: ExitTopology,
  platformProjectId: pulumi.Input<string>,
  parent: Parent,
): openstack.networking.Router {
  const gateway = new openstack.networking.RbacPolicyV2(
    `${topology.router}-external-access`,
    {
      action: "access_as_external",
      objectType: "network",
      objectId: topology.externalNetworkId,
      targetTenant: platformProjectId,
    },
    parent,
  );
  return new openstack.networking.Router(
    topology.router,
    {
      name: topology.router,
      adminStateUp: true,
      externalNetworkId: topology.externalNetworkId,
      enableSnat: true,
      tags: exitTags(),
    },
    { ...parent, dependsOn: [gateway] },
  );
}

/** The transit link between the public core router and the exit: a network and its subnet, with no gateway. */
function transitLink(topology: ExitTopology, parent: Parent): TransitLink {
  const network = new openstack.networking.Network(
    topology.transitNetwork,
    { name: topology.transitNetwork, adminStateUp: true, tags: exitTags() },
    parent,
  );
  const subnet = new openstack.networking.Subnet(
    `${topology.transitNetwork}-subnet`,
    {
      name: `${topology.transitNetwork}-subnet`,
      networkId: network.id,
      cidr: topology.transitCidr,
      ipVersion: 4,
      noGateway: true,
      tags: exitTags(),
    },
    parent,
  );
  return { network, subnet };
}

/** A router's interface on the transit link at its fixed address: a port `<name>-port`, the interface `<name>-if`. */
function transitInterface(
  name: string,
  router: openstack.networking.Router,
  transit: TransitLink,
  ipAddress: string,
  parent: Parent,
): openstack.networking.RouterInterface {
  const port = new openstack.networking.Port(
    `${name}-port`,
    {
      networkId: transit.network.id,
      fixedIps: [{ subnetId: transit.subnet.id, ipAddress }],
      adminStateUp: true,
      tags: exitTags(),
    },
    parent,
  );
  return new openstack.networking.RouterInterface(`${name}-if`, { routerId: router.id, portId: port.id }, parent);
}

/**
 * The exit's routes back to the public domain. Their next hop (the public router's transit address) is reachable
 * once the exit's own transit interface exists: Neutron refuses the route before it (400 InvalidRoutes).
 */
function returnRoutes(
  topology: ExitTopology,
  router: openstack.networking.Router,
  exitLink: openstack.networking.RouterInterface,
  parent: Parent,
): void {
  for (const route of topology.routes) {
    new openstack.networking.RouterRoute(
      `${topology.router}-route-${route.destination.replace(/[./]/g, "-")}`,
      { routerId: router.id, destinationCidr: route.destination, nextHop: route.nexthop },
      { ...parent, dependsOn: [exitLink] },
    );
  }
}
