/** What a department tenant needs, derived from the plan. Pure. */
import type { Domain, SystemPlan } from "../../migration/plan/types";
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
  readonly securityGroups: number;
  readonly securityGroupRules: number;
  readonly floatingIps: number;
}

const up = (value: number, headroomPct: number, step = 1) => (value <= 0 ? 0 : Math.ceil((value * (100 + headroomPct)) / 100 / step - 1e-9) * step);

/** One namespace per domain the department uses; sized from its workloads there. */
export function namespaceSpecs(tenant: TenantTopology, systems: readonly SystemPlan[], headroomPct: number): NamespaceSpec[] {
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

/** Ports, groups and rules the department's systems use, plus headroom; floating IPs exactly. */
export function networkQuota(tenant: TenantTopology, systems: readonly SystemPlan[], headroomPct: number): NetworkQuotaSpec {
  let ports = 0;
  let rules = 0;
  let groups = 0;
  let floatingIps = 0;
  for (const system of systems) {
    if (system.tenant !== tenant.department) continue;
    const roles = new Set<string>();
    for (const target of system.targets) {
      if (target.kind === "instance") {
        ports++;
        roles.add(target.role);
        if (target.floatingIp) floatingIps++;
      } else if (target.kind === "securityRule") rules++;
    }
    groups += roles.size;
  }
  return {
    ports: up(ports + tenant.subnets.length * 2, headroomPct) + 10,
    securityGroups: up(groups + tenant.domains.length, headroomPct) + 5,
    securityGroupRules: up(rules + 10 * tenant.domains.length, headroomPct) + 20,
    floatingIps,
  };
}
