/**
 * The cloud demand of the plan, per department and in all, from the very targets the
 * stacks create (so the same sizing as the plan's targets and quotas), and its yearly cost
 * from the policy's price catalogue (policy.rules.prices; its defaults are examples).
 * - vCPU: instances' vCPUs plus containers' CPU (replicas × millicores / 1000);
 * - memory, GiB: instances' RAM plus containers' memory (replicas × MiB / 1024);
 * - block storage, GiB: boot and data volumes plus container volumes;
 * - replicated storage, GiB: for a system replicated in real time (disaster recovery,
 *   seed 004), its data (data volumes, container volumes) once per copy;
 * - public addresses: floating IPs (published web tiers in the DMZ).
 */
import type { PlannerRules } from "../inventory/planner-rules";
import type { SystemPlan } from "./types";

export interface Demand {
  readonly vcpus: number;
  readonly memoryGib: number;
  readonly blockGib: number;
  readonly replicatedGib: number;
  readonly publicAddresses: number;
}

export interface DemandRow extends Demand {
  /** The department tenant; null for the total. */
  readonly department: string | null;
  /** Yearly cost, CNY. */
  readonly costYear: number;
}

const ZERO: Demand = { vcpus: 0, memoryGib: 0, blockGib: 0, replicatedGib: 0, publicAddresses: 0 };

const add = (a: Demand, b: Demand): Demand => ({
  vcpus: a.vcpus + b.vcpus,
  memoryGib: a.memoryGib + b.memoryGib,
  blockGib: a.blockGib + b.blockGib,
  replicatedGib: a.replicatedGib + b.replicatedGib,
  publicAddresses: a.publicAddresses + b.publicAddresses,
});

/** What one system's targets use on the cloud. */
export function systemDemand(system: SystemPlan): Demand {
  let [vcpus, memoryGib, blockGib, dataGib, publicAddresses, copies] = [0, 0, 0, 0, 0, 0];
  for (const t of system.targets) {
    if (t.kind === "instance") {
      vcpus += t.vcpus;
      memoryGib += t.ramGb;
      blockGib += t.bootVolumeGb + t.dataVolumeGb;
      dataGib += t.dataVolumeGb;
      if (t.floatingIp) publicAddresses++;
    } else if (t.kind === "deployment") {
      vcpus += (t.replicas * t.cpuMillicores) / 1000;
      memoryGib += (t.replicas * t.memoryMi) / 1024;
    } else if (t.kind === "volumeClaim") {
      blockGib += t.sizeGb;
      dataGib += t.sizeGb;
    } else if (t.kind === "disasterRecovery" && t.mode === "replica") copies = Math.max(copies, t.copies);
  }
  return { vcpus, memoryGib, blockGib, replicatedGib: dataGib * copies, publicAddresses };
}

export function yearlyCost(d: Demand, prices: PlannerRules["prices"]): number {
  return (
    d.vcpus * prices.vcpuYear +
    d.memoryGib * prices.memoryGibYear +
    d.blockGib * prices.blockStorageGibYear +
    d.replicatedGib * prices.replicatedStorageGibYear +
    d.publicAddresses * prices.publicAddressYear
  );
}

/** One row per department tenant (by id), then the total (department null). */
export function cloudDemand(systems: readonly SystemPlan[], prices: PlannerRules["prices"]): DemandRow[] {
  const byTenant = new Map<string, Demand>();
  for (const s of systems) {
    if (s.tenant === null || s.targets.length === 0) continue;
    byTenant.set(s.tenant, add(byTenant.get(s.tenant) ?? ZERO, systemDemand(s)));
  }
  const rows = [...byTenant.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([department, d]) => ({ department, ...d, costYear: yearlyCost(d, prices) }));
  const total = rows.reduce<Demand>((sum, r) => add(sum, r), ZERO);
  return [...rows, { department: null, ...total, costYear: yearlyCost(total, prices) }];
}
