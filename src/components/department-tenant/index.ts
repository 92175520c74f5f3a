/**
 * govcloud:tenant:DepartmentTenant — a department's share of the cloud (部门租户): its
 * OpenStack project with compute, network and block-storage quotas sized from the plan,
 * its subnet in each zone of the domains it uses, and in each domain's cluster a
 * namespace with a ResourceQuota, a LimitRange, a default-deny NetworkPolicy plus the
 * allows its domain permits, and a RoleBinding for the department's group. The systems
 * and data stay the department's (seed 004): the project and namespace carry its name.
 */
import * as k8s from "@pulumi/kubernetes";
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import type { Domain, SystemPlan, Zone } from "../../migration/plan/types";
import { tags } from "../landing-zone/tags";
import type { DomainTopology, ExchangeTopology, TenantTopology } from "../landing-zone/topology";
import { namespaceSpecs, networkQuota } from "./spec";
import { networkPolicies } from "./network-policies";
import { departmentRules } from "./rules";

export interface DepartmentTenantArgs {
  readonly topology: TenantTopology;
  /** The department's systems in the plan (for the namespace and network quotas). */
  readonly systems: readonly SystemPlan[];
  readonly quotaHeadroomPct: number;
  /** Security-group rules the department's systems add to their tiers' groups (for the network quota). */
  readonly systemRules: number;
  /**
   * What the department's access to the platform's zone networks waits for: the platform
   * project's network quota, which makes room for one RBAC policy per department and
   * network. Absent in a workload stack, whose platform stack has applied it already.
   */
  readonly sharingAfter?: readonly pulumi.Resource[];
  /** Each domain's topology, zone networks and routers (the DMZ's router is the exit's). */
  readonly domains: Readonly<
    Record<
      Domain,
      { readonly topology: DomainTopology; readonly networks: Partial<Record<Zone, openstack.networking.Network>> }
    >
  >;
  readonly routers: Readonly<Record<string, openstack.networking.Router>>;
  readonly exchange: ExchangeTopology;
  readonly provider: openstack.Provider;
  readonly clusters: Readonly<Record<Domain, k8s.Provider>>;
  /**
   * Protect the department's project from deletion: every server, volume and network of
   * the department lives in it, so `pulumi destroy` or a plan edit that drops the
   * department fails instead of deleting them. False only on a rehearsal stack.
   */
  readonly protect: boolean;
}

export class DepartmentTenant extends pulumi.ComponentResource {
  readonly project: openstack.identity.Project;
  readonly subnets: Readonly<Record<string, openstack.networking.Subnet>>;
  /**
   * Each subnet's interface on its router, by subnet name. A floating IP needs its port's
   * subnet on the exit router: Neutron refuses it before (the external network is not
   * reachable) and refuses to remove the interface while it exists.
   */
  readonly links: Readonly<Record<string, openstack.networking.RouterInterface>>;
  /** The department's own group in each domain it uses: every port of its VMs there joins it. */
  readonly securityGroups: Readonly<Partial<Record<Domain, openstack.networking.SecGroup>>>;
  /** The project's network quota: what the department's groups, ports and rules are created after. */
  readonly networkQuota: openstack.networking.QuotaV2;
  /** The department's namespace in each domain's cluster it uses. */
  readonly namespaces: Readonly<Partial<Record<Domain, k8s.core.v1.Namespace>>>;

  constructor(name: string, args: DepartmentTenantArgs, opts?: pulumi.ComponentResourceOptions) {
    super("govcloud:tenant:DepartmentTenant", name, {}, opts);
    const missing = args.topology.subnets.filter(
      (s) => !args.domains[s.domain].networks[s.zone] || !args.routers[s.router],
    );
    if (missing.length > 0)
      throw new Error(
        `DepartmentTenant ${name}: no network or router for ${missing.map((s) => s.name).join(", ")} (fix: ` +
          `create the DomainNetwork and the UnifiedInternetExit components first and pass them in)`,
      );
    this.project = new openstack.identity.Project(
      `${name}-project`,
      {
        name: args.topology.department,
        description: args.topology.name,
        enabled: true,
        tags: tags(["department", args.topology.department]),
      },
      { parent: this, provider: args.provider, protect: args.protect },
    );
    this.networkQuota = this.quotas(name, args);
    const { subnets, links } = this.zoneSubnets(name, args);
    this.subnets = subnets;
    this.links = links;
    this.securityGroups = this.departmentGroups(name, args);
    const namespaces: Partial<Record<Domain, k8s.core.v1.Namespace>> = {};
    for (const spec of namespaceSpecs(args.topology, args.systems, args.quotaHeadroomPct))
      namespaces[spec.domain] = this.namespace(name, spec, args);
    this.namespaces = namespaces;
    this.registerOutputs({
      projectId: this.project.id,
      subnetIds: Object.fromEntries(Object.entries(subnets).map(([key, subnet]) => [key, subnet.id])),
    });
  }

  private openstackOptions(args: DepartmentTenantArgs) {
    return { parent: this as pulumi.Resource, provider: args.provider };
  }

  /** The project's compute, network and block-storage quotas; its network resources wait for the network quota. */
  private quotas(name: string, args: DepartmentTenantArgs): openstack.networking.QuotaV2 {
    const { topology } = args;
    const { quota } = topology;
    const os = this.openstackOptions(args);
    new openstack.compute.QuotaSetV2(
      `${name}-compute-quota`,
      { projectId: this.project.id, cores: quota.vcpus, ram: quota.ramGb * 1024, instances: quota.instances },
      os,
    );
    const departmentGroupRules = topology.domains.reduce(
      (n, domain) => n + departmentRules(args.domains[domain].topology).length,
      0,
    );
    const net = networkQuota(
      topology,
      args.systems,
      { systems: args.systemRules, department: departmentGroupRules },
      args.quotaHeadroomPct,
    );
    // No `network: 0, router: 0`: the provider sends no quota of 0 (it reads 0 as unset), so
    // they never applied. A department cannot get around the unified exit because only the
    // platform project may use the external network as a gateway (UnifiedInternetExit).
    const networkQuotaV2 = new openstack.networking.QuotaV2(
      `${name}-network-quota`,
      {
        projectId: this.project.id,
        port: net.ports,
        subnet: net.subnets,
        securityGroup: net.securityGroups,
        securityGroupRule: net.securityGroupRules,
        ...(net.floatingIps > 0 ? { floatingip: net.floatingIps } : {}),
      },
      os,
    );
    // @pulumi/openstack spells the block-storage quota class QuoteSetV3.
    new openstack.blockstorage.QuoteSetV3(
      `${name}-volume-quota`,
      {
        projectId: this.project.id,
        volumes: quota.volumes,
        gigabytes: quota.volumeGb,
        snapshots: quota.volumes,
        backups: quota.volumes * 2,
        backupGigabytes: quota.volumeGb * 2,
      },
      os,
    );
    return networkQuotaV2;
  }

  /** The department's subnet in each zone it uses, on the platform's shared zone network, with its router interface. */
  private zoneSubnets(name: string, args: DepartmentTenantArgs) {
    const { topology } = args;
    const os = this.openstackOptions(args);
    const subnets: Record<string, openstack.networking.Subnet> = {};
    const shares = new Map<string, openstack.networking.RbacPolicyV2>();
    const links: Record<string, openstack.networking.RouterInterface> = {};
    for (const subnet of topology.subnets) {
      const network = args.domains[subnet.domain].networks[subnet.zone]!;
      if (!shares.has(subnet.network)) {
        shares.set(
          subnet.network,
          new openstack.networking.RbacPolicyV2(
            `${name}-share-${subnet.network}`,
            { action: "access_as_shared", objectType: "network", objectId: network.id, targetTenant: this.project.id },
            { ...os, dependsOn: [...(args.sharingAfter ?? [])] },
          ),
        );
      }
      // After the quota (created together before it, the subnets race Neutron's default quota) and
      // after the network's share: Neutron refuses to withdraw a share while the department's
      // subnet is on the network (409 "Multiple tenants are using it"), so the subnet must go first.
      subnets[subnet.name] = new openstack.networking.Subnet(
        subnet.name,
        {
          name: subnet.name,
          networkId: network.id,
          cidr: subnet.cidr,
          ipVersion: 4,
          tenantId: this.project.id,
          tags: tags(["department", topology.department], ["domain", subnet.domain], ["zone", subnet.zone]),
        },
        { ...os, dependsOn: [this.networkQuota, shares.get(subnet.network)!] },
      );
      links[subnet.name] = new openstack.networking.RouterInterface(
        `${subnet.name}-if`,
        { routerId: args.routers[subnet.router]!.id, subnetId: subnets[subnet.name]!.id },
        os,
      );
    }
    return { subnets, links };
  }

  /** The department's own group in each domain: its VMs reach each other, and what the domain allows reaches them. */
  private departmentGroups(name: string, args: DepartmentTenantArgs) {
    const { topology } = args;
    const os = this.openstackOptions(args);
    const groups: Partial<Record<Domain, openstack.networking.SecGroup>> = {};
    for (const domain of topology.domains) {
      // Its own project's group, counted by its own quota (created after it).
      const group = new openstack.networking.SecGroup(
        `${name}-${domain}-sg`,
        {
          name: `${topology.department}-${domain}`,
          description: `${topology.name}, ${domain} domain`,
          tenantId: this.project.id,
          tags: tags(["department", topology.department], ["domain", domain]),
        },
        { ...os, dependsOn: [this.networkQuota] },
      );
      groups[domain] = group;
      for (const rule of departmentRules(args.domains[domain].topology)) {
        new openstack.networking.SecGroupRule(
          `${name}-${domain}-sg-${rule.name}`,
          {
            securityGroupId: group.id,
            tenantId: this.project.id,
            direction: "ingress",
            ethertype: "IPv4",
            protocol: rule.protocol,
            ...(rule.portMin !== undefined ? { portRangeMin: rule.portMin, portRangeMax: rule.portMax } : {}),
            ...(rule.remote === "self" ? { remoteGroupId: group.id } : { remoteIpPrefix: rule.remote }),
            description: rule.name,
          },
          os,
        );
      }
    }
    return groups;
  }

  /**
   * The department's namespace in one domain's cluster: its ResourceQuota (the plan's numbers),
   * default limits, a default-deny NetworkPolicy with the allows the domain permits, and a
   * RoleBinding for the department's group.
   */
  private namespace(
    name: string,
    spec: ReturnType<typeof namespaceSpecs>[number],
    args: DepartmentTenantArgs,
  ): k8s.core.v1.Namespace {
    const { topology } = args;
    const kube = { parent: this as pulumi.Resource, provider: args.clusters[spec.domain] };
    const prefix = `${name}-${spec.domain}`;
    const labels = { "govcloud/department": topology.department, "govcloud/domain": spec.domain };
    const namespace = new k8s.core.v1.Namespace(
      `${prefix}-ns`,
      { metadata: { name: spec.name, labels, annotations: { "govcloud/department-name": topology.name } } },
      kube,
    );
    const metadata = { namespace: namespace.metadata.name, labels };
    new k8s.core.v1.ResourceQuota(
      `${prefix}-quota`,
      {
        metadata: { ...metadata, name: "department-quota" },
        spec: {
          hard: {
            "requests.cpu": `${spec.cpuMillicores}m`,
            "limits.cpu": `${spec.cpuMillicores}m`,
            "requests.memory": `${spec.memoryMi}Mi`,
            "limits.memory": `${spec.memoryMi}Mi`,
            "requests.storage": `${spec.storageGb}Gi`,
            pods: String(spec.pods),
          },
        },
      },
      kube,
    );
    new k8s.core.v1.LimitRange(
      `${prefix}-limits`,
      {
        metadata: { ...metadata, name: "department-defaults" },
        spec: {
          limits: [
            {
              type: "Container",
              default: { cpu: "500m", memory: "512Mi" },
              defaultRequest: { cpu: "100m", memory: "128Mi" },
            },
          ],
        },
      },
      kube,
    );
    for (const policy of networkPolicies(spec.domain, args.domains[spec.domain].topology, args.exchange)) {
      new k8s.networking.v1.NetworkPolicy(
        `${prefix}-${policy.name}`,
        { metadata: { ...metadata, name: policy.name }, spec: policy.spec },
        kube,
      );
    }
    new k8s.rbac.v1.RoleBinding(
      `${prefix}-editors`,
      {
        metadata: { ...metadata, name: "department-editors" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: `govcloud:${topology.department}` }],
      },
      kube,
    );
    return namespace;
  }
}
