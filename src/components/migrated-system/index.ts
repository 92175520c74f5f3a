/**
 * govcloud:workload:MigratedSystem — one system's planned targets, created in its
 * department's tenant: a security group per tier with the plan's rules, a port, boot and
 * data volumes and an instance per server (a floating IP only for published DMZ web
 * servers), or a Deployment, Service and volume claim per stateless tier; data volumes
 * replicated to the second site or backed up, as the plan's DR target says (seed 004).
 */
import * as k8s from "@pulumi/kubernetes";
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { getsResources, type Domain, type InstanceTarget, type SystemPlan } from "../../migration/plan/types";
import { dnsLabel } from "../landing-zone/names";
import { tags } from "../landing-zone/tags";
import type { Topology } from "../landing-zone/topology";
import type { DepartmentTenant } from "../department-tenant";
import { groupRules, missingImages, subnetFor, tiersOf, volumeProtection, type Tier } from "./spec";

export interface MigratedSystemArgs {
  /** The system as planned: rehost or replatform, with its targets. */
  readonly system: SystemPlan;
  readonly tenant: DepartmentTenant;
  readonly topology: Topology;
  /** Department of any system, to find a caller's subnets. */
  readonly departmentOf: (system: string) => string | undefined;
  readonly floatingIpPool: string;
  readonly drVolumeType: string;
  readonly provider: openstack.Provider;
  readonly cluster: k8s.Provider;
  /**
   * Glance image id for each image name the instances boot from (the stack's
   * govcloud:images). Pinned, never looked up: an instance's boot image is fixed at
   * creation, so a lookup of the newest image would replace every instance after an upload.
   */
  readonly imageIds: Readonly<Record<string, string>>;
  /**
   * Protect the system's state (data volumes, volume claims) from deletion: `pulumi
   * destroy`, or a plan edit that drops the system, then fails instead of deleting data.
   * False only on a rehearsal stack.
   */
  readonly protect: boolean;
}

export class MigratedSystem extends pulumi.ComponentResource {
  /** Each server's fixed address, by server name. */
  readonly addresses: Readonly<Record<string, pulumi.Output<string>>>;
  /** The floating address of each published DMZ server, by server name. */
  readonly floatingIps: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: MigratedSystemArgs, opts?: pulumi.ComponentResourceOptions) {
    super("govcloud:workload:MigratedSystem", name, {}, opts);
    const { domain, tenantName } = checkBuildable(name, args);
    const { system, tenant } = args;
    const build: Build = {
      name,
      args,
      domain,
      tenantName,
      os: { parent: this, provider: args.provider },
      systemTags: tags(["department", tenantName], ["system", system.id], ["domain", domain]),
    };
    const groups = securityGroups(build);
    const servers = instances(build, groups);
    workloads(build, this, tenant.namespaces[domain]);
    // What the cutover needs of the deployed system: each server's address, the published ones' public address.
    this.addresses = Object.fromEntries(
      Object.entries(servers.ports).map(([server, port]) => [server, port.allFixedIps.apply((ips) => ips?.[0] ?? "")]),
    );
    this.floatingIps = servers.floatingIps;
    this.registerOutputs({ system: system.id, addresses: this.addresses, floatingIps: this.floatingIps });
  }
}

/** What every part of one system's build shares. */
interface Build {
  readonly name: string;
  readonly args: MigratedSystemArgs;
  readonly domain: Domain;
  /** The department tenant's name (its namespace in the domain's cluster). */
  readonly tenantName: string;
  /** OpenStack resources: children of the component, on the stack's OpenStack provider. */
  readonly os: { parent: pulumi.Resource; provider: openstack.Provider };
  readonly systemTags: string[];
}

/** Refuses, before anything is created, a system that cannot be built here; its domain and tenant otherwise. */
function checkBuildable(
  name: string,
  { system, tenant, imageIds }: MigratedSystemArgs,
): { domain: Domain; tenantName: string } {
  if (!getsResources(system.disposition)) {
    throw new Error(
      `MigratedSystem ${name}: ${system.id} is planned as ${system.disposition}, not to be built (fix: ` +
        `create MigratedSystem only for rehost and replatform systems)`,
    );
  }
  if (system.domain === null || system.tenant === null)
    throw new Error(`MigratedSystem ${name}: ${system.id} has no domain or tenant in the plan`);
  const missing = missingImages([system], imageIds);
  if (missing.length > 0) {
    const fix = "add them under govcloud:images in stacks/Pulumi.<stack>.yaml: <name>: <glance image id>";
    throw new Error(`MigratedSystem ${name}: no Glance image id for ${missing.join(", ")} (fix: ${fix})`);
  }
  const domain = system.domain;
  if (!tenant.namespaces[domain] && system.targets.some((t) => t.kind === "deployment" || t.kind === "volumeClaim")) {
    throw new Error(
      `MigratedSystem ${name}: the tenant has no namespace in the ${domain} domain's cluster (fix: ` +
        `the tenant's topology must cover the ${domain} domain)`,
    );
  }
  for (const target of system.targets)
    if (target.kind === "instance" && !tenant.subnets[subnetFor(system, domain, target.zone)])
      throw new Error(
        `MigratedSystem ${name}: no subnet ${subnetFor(system, domain, target.zone)} in the tenant (fix: ` +
          `the tenant's topology must cover the ${target.zone} zone of the ${domain} domain)`,
      );
  return { domain, tenantName: system.tenant };
}

/** A security group per tier, in the department's project, with the plan's rules. */
function securityGroups({ name, args, os, systemTags }: Build): SecurityGroups {
  const { system, tenant, topology } = args;
  const groups: SecurityGroups = {};
  for (const tier of tiersOf(system)) {
    // In the department's project, after its quota: Neutron counts the group there.
    groups[tier] = new openstack.networking.SecGroup(
      `${name}-${tier}-sg`,
      {
        name: `${system.id}-${tier}`,
        description: `${system.name}: ${tier} tier`,
        tenantId: tenant.project.id,
        tags: systemTags,
      },
      { ...os, dependsOn: [tenant.networkQuota] },
    );
  }
  for (const { rule, source } of groupRules(system, topology, args.departmentOf)) {
    new openstack.networking.SecGroupRule(
      source.name,
      {
        securityGroupId: groups[rule.toRole]!.id,
        // The department's rule, counted by its quota (without it, Neutron charges the platform project).
        tenantId: tenant.project.id,
        direction: "ingress",
        ethertype: "IPv4",
        protocol: rule.protocol,
        portRangeMin: rule.port,
        portRangeMax: rule.port,
        ...("cidr" in source ? { remoteIpPrefix: source.cidr } : { remoteGroupId: groups[source.tier as Tier]!.id }),
        // Every field of a rule forces its replacement, the description too: the rule's
        // name, not the plan's sentence (rewording it would replace every rule).
        description: source.name,
      },
      os,
    );
  }
  return groups;
}

type SecurityGroups = Partial<Record<Tier, openstack.networking.SecGroup>>;

/**
 * Each server: a port in its zone's subnet, an instance booted from a volume, its data volume, a floating IP when
 * published.
 */
function instances(
  build: Build,
  groups: SecurityGroups,
): { ports: Record<string, openstack.networking.Port>; floatingIps: Record<string, pulumi.Output<string>> } {
  const ports: Record<string, openstack.networking.Port> = {};
  const floatingIps: Record<string, pulumi.Output<string>> = {};
  for (const target of build.args.system.targets) {
    if (target.kind !== "instance") continue;
    const port = serverPort(build, target, groups);
    ports[target.name] = port;
    const instance = serverInstance(build, target, port);
    if (target.dataVolumeGb > 0) dataVolume(build, target, instance);
    if (target.floatingIp) floatingIps[target.name] = publishedAddress(build, target, port);
  }
  return { ports, floatingIps };
}

/** The subnet of the server's zone in the department's tenant. */
const subnetOf = ({ args, domain }: Build, target: InstanceTarget) =>
  args.tenant.subnets[subnetFor(args.system, domain, target.zone)]!; // checkBuildable saw it

/** The server's port in its zone's subnet, in the department's project. */
function serverPort(build: Build, target: InstanceTarget, groups: SecurityGroups): openstack.networking.Port {
  const { args, domain, os, systemTags } = build;
  const { tenant } = args;
  const subnet = subnetOf(build, target);
  // The tier's group (what the plan lets in) and the department's (its own VMs, operators).
  const departmentGroup = tenant.securityGroups[domain];
  return new openstack.networking.Port(
    `${target.name}-port`,
    {
      networkId: subnet.networkId,
      fixedIps: [{ subnetId: subnet.id }],
      securityGroupIds: [groups[target.role]!.id, ...(departmentGroup ? [departmentGroup.id] : [])],
      tenantId: tenant.project.id,
      adminStateUp: true,
      tags: systemTags,
    },
    os,
  );
}

/** The server itself, on its port, booted from a volume made from its pinned image. */
function serverInstance(
  { args, os, systemTags }: Build,
  target: InstanceTarget,
  port: openstack.networking.Port,
): openstack.compute.Instance {
  return new openstack.compute.Instance(
    target.name,
    {
      name: target.name,
      flavorName: target.flavour,
      networks: [{ port: port.id }],
      // The boot volume outlives the instance: a replaced or deleted instance leaves the
      // migrated server's disk (its system, configuration, local files) to recover from.
      blockDevices: [
        {
          uuid: args.imageIds[target.image]!,
          sourceType: "image",
          destinationType: "volume",
          volumeSize: target.bootVolumeGb,
          bootIndex: 0,
          deleteOnTermination: false,
        },
      ],
      // No wave here: waves are re-planned, and a deployed instance must not change with them.
      metadata: { "govcloud-system": args.system.id, "govcloud-role": target.role },
      tags: systemTags,
    },
    os,
  );
}

/** The server's data volume, replicated to the second site or backed up as the plan's DR target says, attached. */
function dataVolume({ args, os }: Build, target: InstanceTarget, instance: openstack.compute.Instance): void {
  const { system } = args;
  const protection = volumeProtection(system);
  const volume = new openstack.blockstorage.Volume(
    `${target.name}-data`,
    {
      name: `${target.name}-data`,
      size: target.dataVolumeGb,
      ...(protection.replicated ? { volumeType: args.drVolumeType } : {}),
      metadata: {
        "govcloud-system": system.id,
        ...(protection.backup ? { "backup-policy": "daily", "backup-copies": "2", "backup-off-site": "true" } : {}),
        ...(protection.replicated ? { replication: "second-site" } : {}),
      },
    },
    // What holds the system's data survives `pulumi destroy` and a plan that drops the system.
    { ...os, protect: args.protect },
  );
  new openstack.compute.VolumeAttach(
    `${target.name}-data-attach`,
    { instanceId: instance.id, volumeId: volume.id },
    os,
  );
}

/** A published server's floating IP from the exit's pool, on its port: its public address. */
function publishedAddress(
  { args, domain, os, systemTags }: Build,
  target: InstanceTarget,
  port: openstack.networking.Port,
): pulumi.Output<string> {
  const { system, tenant } = args;
  const fip = new openstack.networking.FloatingIp(
    `${target.name}-fip`,
    {
      pool: args.floatingIpPool,
      portId: port.id,
      tenantId: tenant.project.id,
      description: `${system.name}: published through the unified internet exit`,
      tags: systemTags,
    },
    // After the DMZ subnet's link to the exit (Neutron checks the external network is
    // reachable from the port), and so deleted before the link is removed.
    { ...os, dependsOn: [tenant.links[subnetFor(system, domain, target.zone)]!] },
  );
  return fip.address;
}

/** The stateless tiers as Deployments and Services, and their volume claims, in the department's namespace. */
function workloads(
  { args, tenantName }: Build,
  parent: pulumi.Resource,
  namespace: k8s.core.v1.Namespace | undefined,
): void {
  const { system } = args;
  // Everything in the department's namespace depends on it: created after it and, when the
  // namespace goes, deleted before it. Deleting a namespace deletes its claims with it, so a
  // protected claim must stop the namespace's deletion, not be swept away by it.
  const kube = {
    parent,
    provider: args.cluster,
    ...(namespace ? { dependsOn: [namespace] } : {}),
  };
  for (const target of system.targets) {
    if (target.kind === "deployment") {
      // Kubernetes takes names and label values of at most 63 characters: shortened stably when longer.
      const name = dnsLabel(target.name);
      const labels = {
        app: name,
        "govcloud/system": system.id,
        "govcloud/department": tenantName,
        "govcloud/published": String(target.published),
      };
      const metadata = { name, namespace: tenantName, labels };
      new k8s.apps.v1.Deployment(
        target.name,
        {
          metadata,
          spec: {
            replicas: target.replicas,
            selector: { matchLabels: { app: name } },
            template: {
              metadata: { labels },
              spec: {
                containers: [
                  {
                    name: target.role,
                    image: target.image,
                    ports: [{ containerPort: target.port }],
                    resources: {
                      requests: { cpu: `${target.cpuMillicores}m`, memory: `${target.memoryMi}Mi` },
                      limits: { cpu: `${target.cpuMillicores}m`, memory: `${target.memoryMi}Mi` },
                    },
                  },
                ],
              },
            },
          },
        },
        kube,
      );
      new k8s.core.v1.Service(
        `${target.name}-svc`,
        {
          metadata,
          spec: {
            selector: { app: name },
            ports: [{ port: target.port, targetPort: target.port }],
            type: "ClusterIP",
          },
        },
        kube,
      );
    } else if (target.kind === "volumeClaim") {
      const metadata = {
        name: dnsLabel(target.name),
        namespace: tenantName,
        labels: { "govcloud/system": system.id },
      };
      const spec = { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: `${target.sizeGb}Gi` } } };
      // The claim's volume holds the system's data: protected like a data volume.
      new k8s.core.v1.PersistentVolumeClaim(target.name, { metadata, spec }, { ...kube, protect: args.protect });
    }
  }
}
