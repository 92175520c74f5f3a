/**
 * govcloud:network:ExchangePlatform — 共享交换平台: the only path between the two domains.
 * One network that both core routers have a port on; neither router gets a route to the
 * other domain, so only the exchange zone's hosts (given host routes to both domains) are
 * reachable from both sides, and only on the exchange services' ports.
 */
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import type { Domain } from "../../migration/plan/types";
import { tags } from "../landing-zone/tags";
import type { DomainTopology, ExchangeTopology } from "../landing-zone/topology";
import { exchangeRules } from "./rules";

export interface ExchangePlatformArgs {
  readonly topology: ExchangeTopology;
  /** Both domains, with their core routers. */
  readonly domains: readonly { readonly topology: DomainTopology; readonly router: openstack.networking.Router }[];
  readonly provider: openstack.Provider;
}

export class ExchangePlatform extends pulumi.ComponentResource {
  readonly network: openstack.networking.Network;
  readonly subnet: openstack.networking.Subnet;
  readonly securityGroup: openstack.networking.SecGroup;

  constructor(name: string, args: ExchangePlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super("govcloud:network:ExchangePlatform", name, {}, { ...opts, providers: [args.provider] });
    const { topology } = args;
    const seen = new Set<Domain>(args.domains.map((d) => d.topology.domain));
    if (seen.size !== 2)
      throw new Error(
        "ExchangePlatform: needs both the admin and the public domain (fix: pass both DomainNetwork components)",
      );
    const parent = { parent: this, provider: args.provider };
    const exchangeTag = ["role", "exchange-platform"] as const;

    this.network = new openstack.networking.Network(
      topology.network,
      { name: topology.network, adminStateUp: true, tags: tags(exchangeTag) },
      parent,
    );
    this.subnet = new openstack.networking.Subnet(
      `${topology.network}-subnet`,
      {
        name: `${topology.network}-subnet`,
        networkId: this.network.id,
        cidr: topology.cidr,
        ipVersion: 4,
        noGateway: true,
        hostRoutes: [...topology.hostRoutes],
        tags: tags(exchangeTag),
      },
      parent,
    );
    for (const { topology: domain, router } of args.domains) {
      const port = new openstack.networking.Port(
        `${topology.network}-${domain.domain}-port`,
        {
          networkId: this.network.id,
          fixedIps: [{ subnetId: this.subnet.id, ipAddress: domain.exchangeIp }],
          adminStateUp: true,
          tags: tags(exchangeTag, ["domain", domain.domain]),
        },
        parent,
      );
      new openstack.networking.RouterInterface(
        `${topology.network}-${domain.domain}-if`,
        { routerId: router.id, portId: port.id },
        parent,
      );
    }
    this.securityGroup = new openstack.networking.SecGroup(
      `${topology.network}-sg`,
      {
        name: `${topology.network}-sg`,
        description: "exchange services, reachable from both domains",
        tags: tags(exchangeTag),
      },
      parent,
    );
    for (const rule of exchangeRules(
      topology,
      args.domains.map((d) => d.topology),
    )) {
      // Every field of a rule forces its replacement, the description too: names only, no sentence.
      new openstack.networking.SecGroupRule(
        `${topology.network}-sg-${rule.name}`,
        {
          securityGroupId: this.securityGroup.id,
          direction: "ingress",
          ethertype: "IPv4",
          protocol: "tcp",
          portRangeMin: rule.port,
          portRangeMax: rule.port,
          remoteIpPrefix: rule.from,
          description: rule.name,
        },
        parent,
      );
    }
    this.registerOutputs({ networkId: this.network.id, subnetId: this.subnet.id });
  }
}
