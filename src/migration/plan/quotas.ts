/** The quota each department tenant needs: the sum of its targets plus headroom. */
import type { PlannerRules } from "../inventory/planner-settings";
import type { DepartmentQuota, Domain, SystemPlan } from "./types";

export function departmentQuotas(systems: readonly SystemPlan[], rules: PlannerRules): DepartmentQuota[] {
  const totals = new Map<
    string,
    {
      instances: number;
      vcpus: number;
      ramGb: number;
      volumes: number;
      volumeGb: number;
      cpu: number;
      memory: number;
      domains: Set<Domain>;
    }
  >();
  for (const system of systems) {
    if (system.targets.length === 0 || system.tenant === null || system.domain === null) continue;
    const t = totals.get(system.tenant) ?? {
      instances: 0,
      vcpus: 0,
      ramGb: 0,
      volumes: 0,
      volumeGb: 0,
      cpu: 0,
      memory: 0,
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
      } else if (target.kind === "deployment") {
        t.cpu += target.cpuMillicores * target.replicas;
        t.memory += target.memoryMi * target.replicas;
      } else if (target.kind === "volumeClaim") {
        t.volumeGb += target.sizeGb;
        t.volumes++;
      }
    }
    totals.set(system.tenant, t);
  }
  const up = (value: number) =>
    value <= 0 ? 0 : Math.ceil((value * (100 + rules.sizing.quotaHeadroomPct)) / 100 - 1e-9);
  return [...totals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([department, t]) => ({
      department,
      instances: up(t.instances),
      vcpus: up(t.vcpus),
      ramGb: up(t.ramGb),
      volumes: up(t.volumes),
      volumeGb: Math.ceil(up(t.volumeGb) / 10) * 10,
      k8sCpuMillicores: Math.ceil(up(t.cpu) / 100) * 100,
      k8sMemoryMi: Math.ceil(up(t.memory) / 256) * 256,
      domains: [...t.domains].sort(),
    }));
}
