/**
 * The landing zone program: inventory → plan → topology → components. The Pulumi entry
 * point (index.ts) and the offline preview both run exactly this.
 */
import * as path from "node:path";
import * as k8s from "@pulumi/kubernetes";
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { DepartmentTenant } from "../components/department-tenant";
import { Domain } from "../components/domain";
import { ExchangePlatform } from "../components/exchange";
import { UnifiedInternetExit } from "../components/internet-exit";
import type { LandingZoneConfig } from "../components/landing-zone/config";
import { buildTopology, DOMAINS } from "../components/landing-zone/topology";
import { MigratedSystem } from "../components/migrated-system";
import { formatDiagnostic } from "../migration/inventory/diagnostics";
import { loadInventory } from "../migration/inventory/load";
import { DEFAULT_RULES } from "../migration/inventory/planner-settings";
import { buildPlan } from "../migration/plan/plan";
import type { Domain as DomainName, Plan, SystemPlan } from "../migration/plan/types";

export class InventoryError extends Error {}

/** The systems a stack builds: rehost and replatform, in the selected waves and departments. */
export function selectSystems(plan: Plan, config: Pick<LandingZoneConfig, "waves">): SystemPlan[] {
  const lastWave = config.waves;
  return plan.systems.filter(
    (s) =>
      (s.disposition === "rehost" || s.disposition === "replatform") &&
      s.wave !== null &&
      lastWave !== "none" &&
      (lastWave === "all" || s.wave <= lastWave),
  );
}

export async function landingZone(config: LandingZoneConfig, projectRoot: string): Promise<Record<string, unknown>> {
  const paths = (Array.isArray(config.inventory) ? config.inventory : [config.inventory]).map((p) => path.resolve(projectRoot, p));
  const loaded = await loadInventory(paths, { displayRoot: projectRoot });
  if (!loaded.ok) {
    throw new InventoryError(`govcloud:inventory has errors:\n${loaded.diagnostics.filter((d) => d.severity === "error").map(formatDiagnostic).join("\n")}`);
  }
  const inventory = loaded.inventory;
  const plan = buildPlan({ inventory, dataset: path.basename(paths[0]!) });
  const names = new Map(inventory.departments.map((d) => [d.id, d.name]));
  const topology = buildTopology(plan, names, config.addressPlan, config.externalNetworkId);
  const rules = inventory.policy?.rules ?? DEFAULT_RULES;

  const provider = new openstack.Provider("openstack", { ...(config.authUrl ? { authUrl: config.authUrl } : {}), ...(config.region ? { region: config.region } : {}) });
  const kubeconfig = new pulumi.Config("govcloud").getSecret("kubeconfig");
  const clusters = Object.fromEntries(
    DOMAINS.map((domain) => [domain, new k8s.Provider(`${domain}-cluster`, { ...(kubeconfig ? { kubeconfig } : {}), ...(config.kubeContexts ? { context: config.kubeContexts[domain] } : {}) })]),
  ) as Record<DomainName, k8s.Provider>;

  const outputs: Record<string, unknown> = { dataset: plan.dataset };

  const domains = Object.fromEntries(DOMAINS.map((domain) => [domain, new Domain(domain, { topology: topology.domains.find((d) => d.domain === domain)!, provider })])) as Record<DomainName, Domain>;
  const exit = new UnifiedInternetExit("internet-exit", { topology: topology.exit, publicRouter: domains.public.router, provider });
  new ExchangePlatform("exchange-platform", { topology: topology.exchange, domains: DOMAINS.map((d) => ({ topology: topology.domains.find((t) => t.domain === d)!, router: domains[d].router })), provider });
  outputs.routers = { admin: domains.admin.router.id, public: domains.public.router.id, exit: exit.router.id };

  const systems = selectSystems(plan, config);
  const departmentOf = new Map(plan.systems.map((s) => [s.id, s.department]));
  const routers = { [topology.domains[0]!.router]: domains[topology.domains[0]!.domain].router, [topology.domains[1]!.router]: domains[topology.domains[1]!.domain].router, [topology.exit.router]: exit.router };
  const tenants = new Map<string, DepartmentTenant>();
  for (const tenant of topology.tenants) {
    tenants.set(
      tenant.department,
      new DepartmentTenant(tenant.department, {
        topology: tenant,
        systems: plan.systems.filter((s) => s.tenant === tenant.department),
        quotaHeadroomPct: rules.sizing.quotaHeadroomPct,
        domains: { admin: { topology: topology.domains[0]!, networks: domains.admin.networks }, public: { topology: topology.domains[1]!, networks: domains.public.networks } },
        routers,
        exchange: topology.exchange,
        provider,
        clusters,
      }),
    );
  }
  for (const system of systems) {
    new MigratedSystem(system.id, {
      system,
      tenant: tenants.get(system.tenant!)!,
      topology,
      departmentOf: (id) => departmentOf.get(id),
      zoneGroups: { admin: domains.admin.securityGroups, public: domains.public.securityGroups },
      floatingIpPool: config.externalNetworkName,
      drVolumeType: config.drVolumeType,
      provider,
      cluster: clusters[system.domain!],
    });
  }
  outputs.tenants = [...tenants.keys()];
  outputs.systems = systems.map((s) => s.id);
  return outputs;
}
