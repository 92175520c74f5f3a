/** What a department tenant needs, derived from the plan. Pure. */
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

/** One namespace per domain the department uses; sized from its workloads there. */
export function namespaceSpecs(
  tenant: TenantTopology,
  systems: readonly SystemPlan[],
  headroomPct: number,
): NamespaceSpec[] {
  return tenant.domains.map((domain) => {
    let cpu = 0;
    let memory = 0;
    let storage = 0;
    let pods = 0;
    for (const system of systems) {
      if (system.tenant !== tenant.department || system.domain !== domain) continue;
      for (const target of system.targets) {
        if (target.kind === "deployment") {
          cpu += target.cpuMillicores * target.replicas;
          memory += target.memoryMi * target.replicas;
          pods += target.replicas;
        } else if (target.kind === "volumeClaim") storage += target.sizeGb;
      }
    }
    // A namespace always admits a little, so a team can run a migration job or a probe.
    return {
      domain,
      name: tenant.department,
      cpuMillicores: Math.max(500, up(cpu, headroomPct, 100)),
      memoryMi: Math.max(512, up(memory, headroomPct, 256)),
      storageGb: Math.max(10, up(storage, headroomPct, 10)),
      pods: Math.max(5, up(pods, headroomPct)),
    };
  });
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
