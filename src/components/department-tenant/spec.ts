/** What a department tenant needs, derived from the plan. Pure. */
import { namespaceQuotas } from "../../migration/plan/quotas";
import type { Domain, SystemPlan } from "../../migration/plan/types";
import { DEFAULT_GROUP, EGRESS_RULES_PER_GROUP, withHeadroom as up } from "../landing-zone/neutron-quotas";
import type { TenantTopology } from "../landing-zone/topology";

export interface NamespaceSpec {
  readonly domain: Domain;
  readonly name: string;
  /** Hard limits of the ResourceQuota: the department's workloads in this domain plus headroom. */
  readonly cpuMillicores: number;
  readonly memoryMi: number;
  readonly storageGb: number;
  readonly pods: number;
}

export interface NetworkQuotaSpec {
  readonly ports: number;
  readonly subnets: number;
  readonly securityGroups: number;
  readonly securityGroupRules: number;
  readonly floatingIps: number;
}

/** One namespace per domain the department uses; sized by the plan's rule (quotas.ts), the numbers its pages show. */
export function namespaceSpecs(
  tenant: TenantTopology,
  systems: readonly SystemPlan[],
  headroomPct: number,
): NamespaceSpec[] {
  return namespaceQuotas(tenant.department, tenant.domains, systems, headroomPct).map((q) => ({
    ...q,
    name: tenant.department,
  }));
}

/**
 * Ports, subnets, groups and rules the department's systems use, counted as Neutron counts
 * them (the rules and the default group it creates by itself: neutron-quotas.ts), plus
 * headroom; floating IPs exactly. `rules` counts what the stack adds: the systems' tier
 * groups' rules (from the function MigratedSystem creates them with) and the department's
 * own groups' rules (departmentRules, all domains together).
 */
export function networkQuota(
  tenant: TenantTopology,
  systems: readonly SystemPlan[],
  rules: { readonly systems: number; readonly department: number },
  headroomPct: number,
): NetworkQuotaSpec {
  let ports = 0;
  let tierGroups = 0;
  let floatingIps = 0;
  for (const system of systems) {
    if (system.tenant !== tenant.department) continue;
    const roles = new Set<string>();
    for (const target of system.targets) {
      if (target.kind !== "instance") continue;
      ports++;
      roles.add(target.role);
      if (target.floatingIp) floatingIps++;
    }
    tierGroups += roles.size;
  }
  const groups = tierGroups + tenant.domains.length + DEFAULT_GROUP.groups;
  const ruleCount =
    rules.systems + rules.department + (groups - DEFAULT_GROUP.groups) * EGRESS_RULES_PER_GROUP + DEFAULT_GROUP.rules;
  return {
    ports: up(ports, headroomPct) + 10,
    // Headroom even at a handful: subnets created together near an exact quota race it.
    subnets: up(tenant.subnets.length, headroomPct) + 2,
    securityGroups: up(groups, headroomPct) + 5,
    securityGroupRules: up(ruleCount, headroomPct) + 20,
    floatingIps,
  };
}
