/**
 * Each Keystone or Neutron resource of the landing zone as terraform-provider-openstack (the
 * engine of @pulumi/openstack) sends it: the same calls, the same bodies, tags set after the
 * create, static routes by reading and rewriting the router's routes, and no quota of 0 (the
 * provider reads 0 as "not set"). Compute, block storage and Kubernetes are outside: there is
 * no Nova, Cinder or cluster behind this test.
 */
import type { OpenStackApi } from "./openstack-api";

type Inputs = Record<string, unknown>;

/**
 * A delete of something already gone (a router interface's port goes with the interface) succeeds, as in the provider.
 */
export async function deleted(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
  }
}

export interface Handler {
  /** Creates the resource; returns its id (what dependants reference). */
  create(api: OpenStackApi, inputs: Inputs): Promise<string>;
  delete(api: OpenStackApi, id: string, inputs: Inputs): Promise<void>;
}

const str = (value: unknown) =>
  value === undefined ? undefined : typeof value === "string" ? value : JSON.stringify(value);
/** Drops undefined fields: the provider sends only what is set. */
const set = (body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));

async function withTags(api: OpenStackApi, collection: string, id: string, tags: unknown): Promise<void> {
  if (Array.isArray(tags) && tags.length > 0) await api.neutron("PUT", `/${collection}/${id}/tags`, { tags });
}

/** A quota refusal, with what Neutron counted for the project at that moment (limit, used, reserved). */
async function explainQuota(api: OpenStackApi, error: unknown, project: unknown): Promise<never> {
  const refusal = error as { status?: number; message?: string };
  if (refusal.status === 409 && /Quota exceeded/.test(refusal.message ?? "") && typeof project === "string") {
    const details = await api
      .neutron<{ quota: Record<string, { limit: number; used: number; reserved: number }> }>(
        "GET",
        `/quotas/${project}/details`,
      )
      .catch(() => undefined);
    const counted = Object.entries(details?.quota ?? {})
      .filter(([, q]) => q.used + q.reserved >= q.limit && q.limit >= 0)
      .map(([resource, q]) => `${resource}: limit ${q.limit}, used ${q.used}, reserved ${q.reserved}`);
    if (counted.length > 0) (error as Error).message += ` [project ${project}: ${counted.join("; ")}]`;
  }
  throw error;
}

function neutronResource(collection: string, key: string, body: (inputs: Inputs) => Record<string, unknown>): Handler {
  return {
    async create(api, inputs) {
      const created = await api
        .neutron<Record<string, { id: string }>>("POST", `/${collection}`, { [key]: set(body(inputs)) })
        .catch((error: unknown) => explainQuota(api, error, inputs.tenantId ?? api.projectId));
      const id = created[key]!.id;
      await withTags(api, collection, id, inputs.tags);
      return id;
    },
    async delete(api, id) {
      await api.neutron("DELETE", `/${collection}/${id}`);
    },
  };
}

/** The provider serialises route edits per router (a read-modify-write of its route list). */
const routerLocks = new Map<string, Promise<unknown>>();
async function underRouterLock<T>(router: string, work: () => Promise<T>): Promise<T> {
  const before = routerLocks.get(router) ?? Promise.resolve();
  const run = before.then(work, work);
  routerLocks.set(
    router,
    run.catch(() => undefined),
  );
  return run;
}

/** Neutron's quota keys, from the provider's argument names. */
const QUOTA_KEYS: Record<string, string> = {
  floatingip: "floatingip",
  network: "network",
  port: "port",
  rbacPolicy: "rbac_policy",
  router: "router",
  securityGroup: "security_group",
  securityGroupRule: "security_group_rule",
  subnet: "subnet",
  subnetpool: "subnetpool",
};

export const HANDLERS: Readonly<Record<string, Handler>> = {
  "openstack:identity/project:Project": {
    async create(api, inputs) {
      const created = await api.keystone<{ project: { id: string } }>("POST", "/projects", {
        project: set({
          name: inputs.name,
          description: inputs.description,
          enabled: inputs.enabled,
          domain_id: inputs.domainId ?? "default",
          tags: inputs.tags,
        }),
      });
      return created.project.id;
    },
    async delete(api, id) {
      await api.keystone("DELETE", `/projects/${id}`);
    },
  },
  "openstack:networking/quotaV2:QuotaV2": {
    async create(api, inputs) {
      const quota: Record<string, number> = {};
      for (const [input, key] of Object.entries(QUOTA_KEYS)) {
        const value = inputs[input];
        // As the provider: a value of 0 is indistinguishable from "not set", and never sent.
        if (typeof value === "number" && value !== 0) quota[key] = value;
      }
      await api.neutron("PUT", `/quotas/${String(inputs.projectId)}`, { quota });
      return `${String(inputs.projectId)}/quota`;
    },
    async delete(api, _id, inputs) {
      await api.neutron("DELETE", `/quotas/${String(inputs.projectId)}`);
    },
  },
  "openstack:networking/network:Network": neutronResource("networks", "network", (i) => ({
    name: i.name,
    admin_state_up: i.adminStateUp,
    shared: i.shared,
    tenant_id: i.tenantId,
  })),
  "openstack:networking/subnet:Subnet": neutronResource("subnets", "subnet", (i) => ({
    name: i.name,
    network_id: i.networkId,
    cidr: i.cidr,
    ip_version: i.ipVersion ?? 4,
    tenant_id: i.tenantId,
    ...(i.noGateway === true ? { gateway_ip: null } : {}),
    host_routes: Array.isArray(i.hostRoutes)
      ? (i.hostRoutes as { destinationCidr: string; nextHop: string }[]).map((r) => ({
          destination: r.destinationCidr,
          nexthop: r.nextHop,
        }))
      : undefined,
  })),
  "openstack:networking/router:Router": neutronResource("routers", "router", (i) => ({
    name: i.name,
    admin_state_up: i.adminStateUp,
    tenant_id: i.tenantId,
    external_gateway_info:
      i.externalNetworkId === undefined
        ? undefined
        : set({ network_id: i.externalNetworkId, enable_snat: i.enableSnat }),
  })),
  "openstack:networking/port:Port": neutronResource("ports", "port", (i) => ({
    network_id: i.networkId,
    name: i.name,
    admin_state_up: i.adminStateUp,
    tenant_id: i.tenantId,
    security_groups: i.securityGroupIds,
    fixed_ips: Array.isArray(i.fixedIps)
      ? (i.fixedIps as { subnetId: string; ipAddress?: string }[]).map((f) =>
          set({ subnet_id: f.subnetId, ip_address: f.ipAddress }),
        )
      : undefined,
  })),
  "openstack:networking/secGroup:SecGroup": neutronResource("security-groups", "security_group", (i) => ({
    name: i.name,
    description: i.description,
    tenant_id: i.tenantId,
  })),
  "openstack:networking/secGroupRule:SecGroupRule": neutronResource(
    "security-group-rules",
    "security_group_rule",
    (i) => ({
      security_group_id: i.securityGroupId,
      tenant_id: i.tenantId,
      direction: i.direction,
      ethertype: i.ethertype,
      protocol: i.protocol,
      port_range_min: i.portRangeMin,
      port_range_max: i.portRangeMax,
      remote_ip_prefix: i.remoteIpPrefix,
      remote_group_id: i.remoteGroupId,
      description: i.description,
    }),
  ),
  "openstack:networking/rbacPolicyV2:RbacPolicyV2": neutronResource("rbac-policies", "rbac_policy", (i) => ({
    action: i.action,
    object_type: i.objectType,
    object_id: i.objectId,
    target_tenant: i.targetTenant,
  })),
  "openstack:networking/floatingIp:FloatingIp": {
    async create(api, inputs) {
      // The provider finds the pool (the external network) by name.
      const found = await api.neutron<{ networks: { id: string }[] }>(
        "GET",
        `/networks?name=${encodeURIComponent(String(inputs.pool))}`,
      );
      if (found.networks.length !== 1)
        throw new Error(`floating IP pool ${String(inputs.pool)}: ${found.networks.length} networks by that name`);
      const created = await api.neutron<{ floatingip: { id: string } }>("POST", "/floatingips", {
        floatingip: set({
          floating_network_id: found.networks[0]!.id,
          port_id: inputs.portId,
          description: inputs.description,
          tenant_id: inputs.tenantId,
        }),
      });
      await withTags(api, "floatingips", created.floatingip.id, inputs.tags);
      return created.floatingip.id;
    },
    async delete(api, id) {
      await api.neutron("DELETE", `/floatingips/${id}`);
    },
  },
  "openstack:networking/routerInterface:RouterInterface": {
    async create(api, inputs) {
      const body = inputs.portId !== undefined ? { port_id: inputs.portId } : { subnet_id: inputs.subnetId };
      const link = await api.neutron<{ port_id: string }>(
        "PUT",
        `/routers/${String(inputs.routerId)}/add_router_interface`,
        body,
      );
      return link.port_id;
    },
    async delete(api, id, inputs) {
      await api.neutron("PUT", `/routers/${String(inputs.routerId)}/remove_router_interface`, { port_id: id });
    },
  },
  "openstack:networking/routerRoute:RouterRoute": {
    async create(api, inputs) {
      const router = String(inputs.routerId);
      const route = { destination: str(inputs.destinationCidr)!, nexthop: str(inputs.nextHop)! };
      await underRouterLock(router, async () => {
        const current = await api.neutron<{ router: { routes: { destination: string; nexthop: string }[] } }>(
          "GET",
          `/routers/${router}`,
        );
        await api.neutron("PUT", `/routers/${router}`, { router: { routes: [...current.router.routes, route] } });
      });
      return `${router}-route-${route.destination}-${route.nexthop}`;
    },
    async delete(api, _id, inputs) {
      const router = String(inputs.routerId);
      await underRouterLock(router, async () => {
        const current = await api.neutron<{ router: { routes: { destination: string; nexthop: string }[] } }>(
          "GET",
          `/routers/${router}`,
        );
        const routes = current.router.routes.filter(
          (r) => !(r.destination === inputs.destinationCidr && r.nexthop === inputs.nextHop),
        );
        await api.neutron("PUT", `/routers/${router}`, { router: { routes } });
      });
    },
  },
};

/** Resource types this test does not send, and why (said in its report, not silently passed). */
export function outsideTheContract(type: string): string | undefined {
  if (type.startsWith("openstack:compute/")) return "Nova (compute)";
  if (type.startsWith("openstack:blockstorage/")) return "Cinder (block storage)";
  if (type.startsWith("kubernetes:")) return "Kubernetes";
  return undefined;
}
