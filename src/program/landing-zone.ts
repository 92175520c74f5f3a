/**
 * The landing zone program: inventory and plan lock → the held plan → topology →
 * components. It deploys what the lock holds and never re-plans: an inventory that moved
 * past the lock stops it (prepare.ts). The Pulumi entry point (index.ts) and the offline
 * preview both run exactly this.
 */
import * as path from "node:path";
import * as k8s from "@pulumi/kubernetes";
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { DepartmentTenant } from "../components/department-tenant";
import { DomainNetwork } from "../components/domain-network";
import { ExchangePlatform } from "../components/exchange";
import { UnifiedInternetExit } from "../components/internet-exit";
import type { LandingZoneConfig } from "../components/landing-zone/config";
import { DOMAINS, type Topology } from "../components/landing-zone/topology";
import { MigratedSystem } from "../components/migrated-system";
import { groupRules } from "../components/migrated-system/spec";
import { exchangeRules } from "../components/exchange/rules";
import { platformNetworkQuota } from "../components/landing-zone/neutron-quotas";
import { formatDiagnostic, InputError } from "../migration/inventory/diagnostics";
import { loadInventory } from "../migration/inventory/load";
import { DEFAULT_RULES } from "../migration/inventory/planner-rules";
import type { Inventory } from "../migration/inventory/model";
import { readLockFile } from "../migration/lock/disk";
import { resolvePolicy } from "../migration/plan/resolved-policy";
import { preloadedInventory } from "./preloaded";
import { prepareLandingZone, stackHolds } from "./prepare";
import type { Domain, SystemPlan, Zone } from "../migration/plan/types";

export class InventoryError extends Error {}

/**
 * Systems (or tenants) declared per turn of the event loop. Declaring thousands of resources in one
 * synchronous loop puts all of their registrations in flight at once (their inputs,
 * serialized copies and pending outputs all alive together); yielding now and then lets
 * the SDK finish registering what was declared so far. Same resources, same order.
 */
const SYSTEMS_PER_TURN = 10;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What the workloads need of the platform: routers by name and zone networks per domain. */
interface Platform {
  readonly routers: Record<string, openstack.networking.Router>;
  readonly networks: Record<Domain, Partial<Record<Zone, openstack.networking.Network>>>;
  /** The platform project's network quota, in the stack that sets it (department sharing waits for it). */
  readonly quota?: openstack.networking.QuotaV2;
}

function createPlatform(
  topology: Topology,
  config: LandingZoneConfig,
  provider: openstack.Provider,
  headroomPct: number,
): Platform {
  // The project the stack's credentials work in: it owns the zone networks, the routers and the exit.
  const platformProjectId = openstack.identity.getAuthScopeOutput({ name: "platform" }, { provider }).projectId;
  const quota = new openstack.networking.QuotaV2(
    "platform-network-quota",
    {
      projectId: platformProjectId,
      ...platformNetworkQuota(
        topology,
        config.addressPlan.departmentPrefix,
        headroomPct,
        exchangeRules(topology.exchange, topology.domains).length,
      ),
    },
    { provider },
  );
  const domainNetworks = Object.fromEntries(
    DOMAINS.map((domain) => [
      domain,
      new DomainNetwork(domain, { topology: topology.domains.find((d) => d.domain === domain)!, provider }),
    ]),
  ) as Record<Domain, DomainNetwork>;
  const exit = new UnifiedInternetExit("internet-exit", {
    topology: topology.exit,
    publicRouter: domainNetworks.public.router,
    platformProjectId,
    provider,
  });
  domainNetworks.admin.routeVia([]);
  domainNetworks.public.routeVia([exit.publicLink]);
  new ExchangePlatform("exchange-platform", {
    topology: topology.exchange,
    domains: DOMAINS.map((d) => ({
      topology: topology.domains.find((t) => t.domain === d)!,
      router: domainNetworks[d].router,
    })),
    provider,
  });
  return {
    routers: {
      [topology.domains[0]!.router]: domainNetworks[topology.domains[0]!.domain].router,
      [topology.domains[1]!.router]: domainNetworks[topology.domains[1]!.domain].router,
      [topology.exit.router]: exit.router,
    },
    networks: { admin: { ...domainNetworks.admin.networks }, public: { ...domainNetworks.public.networks } },
    quota,
  };
}

/** The platform's ids, exported for the workload stacks' StackReference. */
function platformIds(platform: Platform): Record<string, unknown> {
  const ids = <T extends pulumi.CustomResource>(record: Partial<Record<string, T>>) =>
    Object.fromEntries(Object.entries(record).map(([key, resource]) => [key, resource!.id]));
  return {
    routers: ids(platform.routers),
    networks: { admin: ids(platform.networks.admin), public: ids(platform.networks.public) },
  };
}

/** A workload stack reads the platform stack's routers and networks; it creates none of them. */
function platformFromReference(config: LandingZoneConfig, topology: Topology, provider: openstack.Provider): Platform {
  if (!config.platformStack)
    throw new Error(
      "govcloud:layer is workloads but govcloud:platformStack is not set (fix: name the platform stack, e.g. " +
        "organization/govcloud/zhoucun-platform)",
    );
  const reference = new pulumi.StackReference("platform", { name: config.platformStack });
  const platform = reference.requireOutput("platform") as pulumi.Output<{
    routers: Record<string, string>;
    networks: Record<string, Record<string, string>>;
  }>;
  const opts = { provider };
  const routers: Record<string, openstack.networking.Router> = {};
  for (const name of [topology.domains[0]!.router, topology.domains[1]!.router, topology.exit.router]) {
    routers[name] = openstack.networking.Router.get(
      name,
      platform.apply((p) => p.routers[name]!),
      undefined,
      opts,
    );
  }
  const networks = { admin: {}, public: {} } as Platform["networks"];
  for (const domain of topology.domains) {
    for (const zone of domain.zones) {
      networks[domain.domain][zone.zone] = openstack.networking.Network.get(
        zone.network,
        platform.apply((p) => p.networks[domain.domain]![zone.zone]!),
        undefined,
        opts,
      );
    }
  }
  return { routers, networks };
}

/** Under `pulumi up`, input errors are printed by the CLI from the message: put the diagnostics in it. */
function withInputErrors<T>(prepare: () => T): T {
  try {
    return prepare();
  } catch (cause) {
    if (cause instanceof InputError) throw new InventoryError(cause.diagnostics.map(formatDiagnostic).join("\n"));
    throw cause;
  }
}

async function load(paths: readonly string[], projectRoot: string): Promise<Inventory> {
  const loaded = await loadInventory(paths, { displayRoot: projectRoot });
  if (!loaded.ok) {
    throw new InventoryError(
      `govcloud:inventory has errors:\n${loaded.diagnostics
        .filter((d) => d.severity === "error")
        .map(formatDiagnostic)
        .join("\n")}`,
    );
  }
  return loaded.inventory;
}

/** The stack's flavour catalogue, when it sets one, is the one instances are sized to. */
function withFlavours(inventory: Inventory, flavours: LandingZoneConfig["flavours"]): Inventory {
  if (!flavours) return inventory;
  const policy = resolvePolicy(inventory.policy);
  const rules = { ...policy.rules, sizing: { ...policy.rules.sizing, flavours } };
  return {
    ...inventory,
    policy: {
      planningStart: policy.planningStart,
      deadlines: [...policy.deadlines],
      cutoverWindows: { ...policy.windows, days: [...policy.windows.days] },
      capacityPerWindow: { ...policy.capacity },
      rules,
      ...(inventory.policy?.name ? { name: inventory.policy.name } : {}),
    },
  };
}

export async function landingZone(config: LandingZoneConfig, projectRoot: string): Promise<Record<string, unknown>> {
  const paths = (Array.isArray(config.inventory) ? config.inventory : [config.inventory]).map((p) =>
    path.resolve(projectRoot, p),
  );
  const inventory = withFlavours(preloadedInventory(paths) ?? (await load(paths, projectRoot)), config.flavours);
  const { plan, topology, systems } = withInputErrors(() =>
    prepareLandingZone(
      config,
      inventory,
      readLockFile(paths, config.lock && path.resolve(projectRoot, config.lock), projectRoot),
      paths,
    ),
  );
  const rules = inventory.policy?.rules ?? DEFAULT_RULES;

  const provider = new openstack.Provider("openstack", {
    ...(config.authUrl ? { authUrl: config.authUrl } : {}),
    ...(config.region ? { region: config.region } : {}),
  });
  const outputs: Record<string, unknown> = { dataset: plan.dataset, layer: config.layer };
  const platform =
    config.layer === "workloads"
      ? platformFromReference(config, topology, provider)
      : createPlatform(topology, config, provider, rules.sizing.quotaHeadroomPct);
  if (config.layer !== "workloads") outputs.platform = platformIds(platform);
  if (config.layer === "platform") return outputs;

  const kubeconfig = new pulumi.Config("govcloud").getSecret("kubeconfig");
  const clusters = Object.fromEntries(
    DOMAINS.map((domain) => [
      domain,
      new k8s.Provider(`${domain}-cluster`, {
        ...(kubeconfig ? { kubeconfig } : {}),
        ...(config.kubeContexts ? { context: config.kubeContexts[domain] } : {}),
      }),
    ]),
  ) as Record<Domain, k8s.Provider>;
  const departmentOf = new Map(plan.systems.map((s) => [s.id, s.department]));
  const lookupDepartment = (id: string) => departmentOf.get(id);
  // The rules each department's systems in this stack add to their groups, for its network quota.
  const systemRules = new Map<string, number>();
  for (const s of systems)
    systemRules.set(s.tenant!, (systemRules.get(s.tenant!) ?? 0) + groupRules(s, topology, lookupDepartment).length);
  const tenants = new Map<string, DepartmentTenant>();
  const systemsOf = new Map<string, SystemPlan[]>();
  for (const s of plan.systems)
    if (s.tenant) (systemsOf.get(s.tenant) ?? systemsOf.set(s.tenant, []).get(s.tenant)!).push(s);
  for (const [index, tenant] of topology.tenants.entries()) {
    if (!stackHolds(config, tenant.department)) continue;
    if (index % SYSTEMS_PER_TURN === 0) await nextTurn();
    tenants.set(
      tenant.department,
      new DepartmentTenant(tenant.department, {
        topology: tenant,
        systems: systemsOf.get(tenant.department) ?? [],
        quotaHeadroomPct: rules.sizing.quotaHeadroomPct,
        systemRules: systemRules.get(tenant.department) ?? 0,
        ...(platform.quota ? { sharingAfter: [platform.quota] } : {}),
        domains: {
          admin: { topology: topology.domains[0]!, networks: platform.networks.admin },
          public: { topology: topology.domains[1]!, networks: platform.networks.public },
        },
        routers: platform.routers,
        exchange: topology.exchange,
        provider,
        clusters,
        protect: !config.rehearsal,
      }),
    );
  }
  for (const [index, system] of systems.entries()) {
    if (index % SYSTEMS_PER_TURN === 0) await nextTurn();
    new MigratedSystem(system.id, {
      system,
      tenant: tenants.get(system.tenant!)!,
      topology,
      departmentOf: lookupDepartment,
      floatingIpPool: config.externalNetworkName,
      drVolumeType: config.drVolumeType,
      provider,
      cluster: clusters[system.domain!],
      imageIds: config.images ?? {},
      protect: !config.rehearsal,
    });
  }
  outputs.tenants = [...tenants.keys()];
  outputs.systems = systems.map((s) => s.id);
  return outputs;
}
