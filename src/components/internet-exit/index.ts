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
    const exitTag = ["role", "internet-exit"] as const;

    const gateway = new openstack.networking.RbacPolicyV2(
      `${topology.router}-external-access`,
      {
        action: "access_as_external",
        objectType: "network",
        objectId: topology.externalNetworkId,
        targetTenant: args.platformProjectId,
      },
      parent,
    );
    this.router = new openstack.networking.Router(
      topology.router,
      {
        name: topology.router,
        adminStateUp: true,
        externalNetworkId: topology.externalNetworkId,
        enableSnat: true,
        tags: tags(exitTag),
      },
      { ...parent, dependsOn: [gateway] },
    );
    const transit = new openstack.networking.Network(
      topology.transitNetwork,
      { name: topology.transitNetwork, adminStateUp: true, tags: tags(exitTag) },
      parent,
    );
    this.transitSubnet = new openstack.networking.Subnet(
      `${topology.transitNetwork}-subnet`,
      {
        name: `${topology.transitNetwork}-subnet`,
        networkId: transit.id,
        cidr: topology.transitCidr,
        ipVersion: 4,
        noGateway: true,
        tags: tags(exitTag),
      },
      parent,
    );
    const exitPort = new openstack.networking.Port(
      `${topology.router}-transit-port`,
      {
        networkId: transit.id,
        fixedIps: [{ subnetId: this.transitSubnet.id, ipAddress: topology.exitIp }],
        adminStateUp: true,
        tags: tags(exitTag),
      },
      parent,
    );
    const exitLink = new openstack.networking.RouterInterface(
      `${topology.router}-transit-if`,
      { routerId: this.router.id, portId: exitPort.id },
      parent,
    );
    const publicPort = new openstack.networking.Port(
      `${topology.router}-public-core-port`,
      {
        networkId: transit.id,
        fixedIps: [{ subnetId: this.transitSubnet.id, ipAddress: topology.publicRouterIp }],
        adminStateUp: true,
        tags: tags(exitTag),
      },
      parent,
    );
    this.publicLink = new openstack.networking.RouterInterface(
      `${topology.router}-public-core-if`,
      { routerId: args.publicRouter.id, portId: publicPort.id },
      parent,
    );
    // The return route's next hop (the public router's transit address) is reachable once the
    // exit's own transit interface exists: Neutron refuses the route before it (400 InvalidRoutes).
    for (const route of topology.routes) {
      new openstack.networking.RouterRoute(
        `${topology.router}-route-${route.destination.replace(/[./]/g, "-")}`,
        { routerId: this.router.id, destinationCidr: route.destination, nextHop: route.nexthop },
        { ...parent, dependsOn: [exitLink] },
      );
    }
    this.registerOutputs({ routerId: this.router.id });
  }
}
