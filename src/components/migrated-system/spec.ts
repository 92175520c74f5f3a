/**
 * How one system's planned targets become OpenStack and Kubernetes objects: which subnet
 * and groups each instance joins, where each security rule's traffic may come from. Pure.
 */
import type { Domain, InstanceTarget, SecurityRuleTarget, SystemPlan, Zone } from "../../migration/plan/types";
import { departmentSubnetName, type Topology } from "../landing-zone/topology";

export type Tier = InstanceTarget["role"];

/** The subnet (by name) an instance in `zone` of `domain` joins: its department's. */
export function subnetFor(system: SystemPlan, domain: Domain, zone: Zone): string {
  return departmentSubnetName(system.tenant!, domain, zone);
}

/**
 * One source of a security rule's traffic, as the security-group rule needs it: a CIDR,
 * or the group of another tier of the same system; and the name of the rule's resource.
 */
export type RuleSource = { readonly name: string } & ({ readonly cidr: string } | { readonly tier: string });

/**
 * Where a rule's traffic comes from, as the security-group rule needs it: a CIDR, or
 * the group of another tier of the same system. A caller in the other domain comes from
 * the exchange platform's zone, the only path between the domains; a caller in the same
 * domain from its department's subnets there.
 *
 * Each source carries the name of its security-group rule resource. A rule with one
 * source keeps the plan's rule name (which already says where the traffic comes from);
 * a caller's department subnets by the subnet's name, never by their place in a list,
 * so a subnet added to the caller's department adds a rule and renames none.
 */
export function ruleSources(
  rule: SecurityRuleTarget,
  system: SystemPlan,
  topology: Topology,
  departmentOf: (system: string) => string | undefined,
): RuleSource[] {
  const appZone = () => ({
    name: rule.name,
    cidr: topology.domains.find((d) => d.domain === system.domain)!.zones.find((z) => z.zone === "app")!.cidr,
  });
  switch (rule.from.kind) {
    case "internet":
      return [{ name: rule.name, cidr: "0.0.0.0/0" }];
    case "tier": {
      // A tier that runs on Kubernetes (replatformed) calls from the cluster's nodes, which
      // live in the domain's app zone; a tier on VMs from its own security group.
      const onVms = system.targets.some(
        (t) => t.kind === "instance" && t.role === (rule.from as { role: string }).role,
      );
      if (onVms) return [{ name: rule.name, tier: rule.from.role }];
      return [appZone()];
    }
    case "system": {
      if (rule.viaExchange) return [{ name: rule.name, cidr: topology.exchange.cidr }];
      const department = departmentOf(rule.from.system);
      const subnets =
        topology.tenants
          .find((t) => t.department === department)
          ?.subnets.filter((s) => s.domain === system.domain && s.zone !== "data") ?? [];
      if (subnets.length > 0) return subnets.map((s) => ({ name: `${rule.name}-${s.name}`, cidr: s.cidr }));
      return [appZone()];
    }
  }
}

/** One security-group rule MigratedSystem creates: on the group of the rule's tier, from one source. */
export interface GroupRule {
  readonly rule: SecurityRuleTarget;
  readonly source: RuleSource;
}

/**
 * The security-group rules a system's tier groups get: every source of every rule whose
 * tier runs on VMs (a tier on Kubernetes is allowed by its NetworkPolicy instead). The
 * department's network quota counts these, so it is the one list both use.
 */
export function groupRules(
  system: SystemPlan,
  topology: Topology,
  departmentOf: (system: string) => string | undefined,
): GroupRule[] {
  const tiers = new Set<string>(tiersOf(system));
  return system.targets.flatMap((rule) =>
    rule.kind === "securityRule" && tiers.has(rule.toRole)
      ? ruleSources(rule, system, topology, departmentOf).map((source) => ({ rule, source }))
      : [],
  );
}

/** The tiers whose instances a system has, each needing its own security group. */
export function tiersOf(system: SystemPlan): Tier[] {
  const tiers = new Set<Tier>();
  for (const target of system.targets) if (target.kind === "instance") tiers.add(target.role);
  return [...tiers].sort();
}

/** Data volumes replicate to the second site (real time) or are backed up daily, by the plan's DR target. */
export function volumeProtection(system: SystemPlan): { replicated: boolean; backup: boolean } {
  const dr = system.targets.find((t) => t.kind === "disasterRecovery");
  return {
    replicated: dr?.kind === "disasterRecovery" && dr.mode === "replica",
    backup: dr?.kind === "disasterRecovery" && dr.mode === "backup",
  };
}

/** The image names the systems' instances boot from, sorted, each once. */
export function imagesNeeded(systems: readonly SystemPlan[]): string[] {
  const images = new Set<string>();
  for (const system of systems)
    for (const target of system.targets) if (target.kind === "instance") images.add(target.image);
  return [...images].sort();
}

/** The image names the systems' instances need that `images` (name → Glance id) has no id for, sorted. */
export function missingImages(systems: readonly SystemPlan[], images: Readonly<Record<string, string>>): string[] {
  return imagesNeeded(systems).filter((name) => !Object.hasOwn(images, name) || images[name] === "");
}
