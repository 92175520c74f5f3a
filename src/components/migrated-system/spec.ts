/**
 * How one system's planned targets become OpenStack and Kubernetes objects: which subnet
 * and groups each instance joins, where each security rule's traffic may come from. Pure.
 */
import type { Domain, InstanceTarget, SecurityRuleTarget, SystemPlan, Zone } from "../../migration/plan/types";
import type { Topology } from "../landing-zone/topology";

export type Tier = InstanceTarget["role"];

/** The subnet (by name) an instance in `zone` of `domain` joins: its department's. */
export function subnetFor(system: SystemPlan, domain: Domain, zone: Zone): string {
  return `${system.tenant}-${domain}-${zone}`;
}

/**
 * Where a rule's traffic comes from, as the security-group rule needs it: a CIDR, or
 * the group of another tier of the same system. A caller in the other domain comes from
 * the exchange platform's zone, the only path between the domains; a caller in the same
 * domain from its department's subnets there.
 */
export function ruleSources(rule: SecurityRuleTarget, system: SystemPlan, topology: Topology, departmentOf: (system: string) => string | undefined): ({ cidr: string } | { tier: string })[] {
  switch (rule.from.kind) {
    case "internet":
      return [{ cidr: "0.0.0.0/0" }];
    case "tier": {
      // A tier that runs on Kubernetes (replatformed) calls from the cluster's nodes, which
      // live in the domain's app zone; a tier on VMs from its own security group.
      const onVms = system.targets.some((t) => t.kind === "instance" && t.role === (rule.from as { role: string }).role);
      if (onVms) return [{ tier: rule.from.role }];
      return [{ cidr: topology.domains.find((d) => d.domain === system.domain)!.zones.find((z) => z.zone === "app")!.cidr }];
    }
    case "system": {
      if (rule.viaExchange) return [{ cidr: topology.exchange.cidr }];
      const department = departmentOf(rule.from.system);
      const subnets = topology.tenants.find((t) => t.department === department)?.subnets.filter((s) => s.domain === system.domain && s.zone !== "data") ?? [];
      if (subnets.length > 0) return subnets.map((s) => ({ cidr: s.cidr }));
      return [{ cidr: topology.domains.find((d) => d.domain === system.domain)!.zones.find((z) => z.zone === "app")!.cidr }];
    }
  }
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
  return { replicated: dr?.kind === "disasterRecovery" && dr.mode === "replica", backup: dr?.kind === "disasterRecovery" && dr.mode === "backup" };
}
