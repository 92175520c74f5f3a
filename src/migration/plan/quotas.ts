/**
 * The quota each department tenant needs: the sum of its targets plus headroom. One home
 * for the sizing: the Nova/Cinder quota and each Kubernetes namespace's ResourceQuota are
 * computed here, and the Pulumi component deploys these very numbers (department-tenant/spec.ts).
 */
import type { PlannerRules } from "../inventory/planner-rules";
import type { DepartmentQuota, Domain, NamespaceQuota, SystemPlan } from "./types";

/** A value plus headroom, rounded up to a multiple of `step`. */
export const withHeadroom = (value: number, headroomPct: number, step = 1) =>
  value <= 0 ? 0 : Math.ceil((value * (100 + headroomPct)) / 100 / step - 1e-9) * step;

/**
 * The ResourceQuota of the department's namespace in each of its domains: its workloads
 * there plus headroom, never below a small floor (a team can always run a migration job).
 */
export function namespaceQuotas(
  department: string,
  domains: readonly Domain[],
  systems: readonly SystemPlan[],
  headroomPct: number,
): NamespaceQuota[] {
  return domains.map((domain) => {
    let [cpu, memory, storage, pods] = [0, 0, 0, 0];
    for (const system of systems) {
      if (system.tenant !== department || system.domain !== domain) continue;
      for (const target of system.targets) {
        if (target.kind === "deployment") {
          cpu += target.cpuMillicores * target.replicas;
          memory += target.memoryMi * target.replicas;
          pods += target.replicas;
        } else if (target.kind === "volumeClaim") storage += target.sizeGb;
      }
    }
    return {
      domain,
      cpuMillicores: Math.max(500, withHeadroom(cpu, headroomPct, 100)),
      memoryMi: Math.max(512, withHeadroom(memory, headroomPct, 256)),
      storageGb: Math.max(10, withHeadroom(storage, headroomPct, 10)),
      pods: Math.max(5, withHeadroom(pods, headroomPct)),
    };
  });
}

export function departmentQuotas(systems: readonly SystemPlan[], rules: PlannerRules): DepartmentQuota[] {
  const totals = new Map<
    string,
    {
      instances: number;
      vcpus: number;
      ramGb: number;
      volumes: number;
      volumeGb: number;
      domains: Set<Domain>;
    }
  >();
  const systemsOf = new Map<string, SystemPlan[]>();
  for (const system of systems) {
    if (system.targets.length === 0 || system.tenant === null || system.domain === null) continue;
    (systemsOf.get(system.tenant) ?? systemsOf.set(system.tenant, []).get(system.tenant)!).push(system);
    const t = totals.get(system.tenant) ?? {
      instances: 0,
      vcpus: 0,
      ramGb: 0,
      volumes: 0,
      volumeGb: 0,
      domains: new Set<Domain>(),
    };
    t.domains.add(system.domain);
    for (const target of system.targets) {
      if (target.kind === "instance") {
        t.instances++;
        t.vcpus += target.vcpus;
        t.ramGb += target.ramGb;
        t.volumes += target.dataVolumeGb > 0 ? 2 : 1;
        t.volumeGb += target.bootVolumeGb + target.dataVolumeGb;
      } else if (target.kind === "volumeClaim") {
        t.volumeGb += target.sizeGb;
        t.volumes++;
      }
    }
    totals.set(system.tenant, t);
  }
  const up = (value: number) => withHeadroom(value, rules.sizing.quotaHeadroomPct);
  return [...totals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([department, t]) => ({
      department,
      instances: up(t.instances),
      vcpus: up(t.vcpus),
      ramGb: up(t.ramGb),
      volumes: up(t.volumes),
      volumeGb: Math.ceil(up(t.volumeGb) / 10) * 10,
      domains: [...t.domains].sort(),
      // Each department's own systems only: a city has hundreds of departments.
      namespaces: namespaceQuotas(
        department,
        [...t.domains].sort(),
        systemsOf.get(department)!,
        rules.sizing.quotaHeadroomPct,
      ),
    }));
}
