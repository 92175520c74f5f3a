/**
 * The stack configuration of the landing zone: keys under the `govcloud:` namespace of
 * stacks/Pulumi.<stack>.yaml, checked by one strict schema. Credentials are never here:
 * the OpenStack provider reads OS_* from the environment, kubeconfigs are Pulumi secrets.
 */
import { z } from "zod";
import { FlavourSchema } from "../../migration/inventory/planner-settings";
import { parseCidr } from "./cidr";

const cidr = z.string().refine((value) => parseCidr(value) !== undefined, { message: "is not an IPv4 network in CIDR form (e.g. 10.10.0.0/16, with no host bits set)" });

export const AddressPlanSchema = z
  .object({
    admin: cidr.default("10.10.0.0/16").meta({ description: "Administrative-service domain (行政服务域): split into app (half), data and mgmt zones." }),
    public: cidr.default("10.20.0.0/16").meta({ description: "Public-service domain (公共服务域): dmz, app, data and mgmt zones, a quarter each." }),
    exchange: cidr.default("10.30.0.0/24").meta({ description: "Exchange platform (共享交换平台) zone: the only network both domains reach." }),
    exitTransit: cidr.default("10.31.0.0/29").meta({ description: "Link between the public domain's core router and the unified internet exit." }),
    departmentPrefix: z.number().int().min(20).max(28).default(24).meta({ description: "Size of each department's subnet in a zone." }),
  })
  .strict();

export const LandingZoneConfigSchema = z
  .object({
    inventory: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).meta({ description: "Inventory path(s): a dataset folder, a YAML file or a form; relative to the project root, or absolute." }),
    layer: z.enum(["all", "platform", "workloads"]).default("all").meta({
      description: "all: one stack; platform: domains, exit and exchange only; workloads: department tenants and systems on a platform stack's networks (StackReference).",
    }),
    platformStack: z.string().min(1).optional().meta({ description: "With layer workloads: the platform stack's name, e.g. organization/govcloud/zhoucun-platform." }),
    departments: z.array(z.string().min(1)).min(1).optional().meta({ description: "With layer workloads: the departments (ids) this stack holds; default all." }),
    waves: z.string().regex(/^(all|none|W\d{3})$/, { message: "is not all, none, or a wave id like W012" }).default("all").meta({ description: "Deploy the systems of the waves up to and including this one (W001 …), all or none." }),
    externalNetworkId: z.string().min(1).meta({ description: "Id of the provider network the unified internet exit's gateway uses." }),
    externalNetworkName: z.string().min(1).meta({ description: "Name of the same network: the pool floating IPs of published DMZ services come from." }),
    addressPlan: AddressPlanSchema.prefault({}),
    region: z.string().min(1).optional().meta({ description: "OpenStack region." }),
    authUrl: z.string().url().optional().meta({ description: "Keystone URL; otherwise OS_AUTH_URL from the environment." }),
    flavours: z.array(FlavourSchema).min(1).optional().meta({ description: "This cloud's flavour catalogue; overrides the dataset's policy.rules.sizing.flavours when sizing instances." }),
    drVolumeType: z.string().min(1).default("replicated").meta({ description: "Cinder volume type that replicates to the second site (seed 004's real-time off-site copy)." }),
    kubeContexts: z
      .object({ admin: z.string().min(1), public: z.string().min(1) })
      .strict()
      .optional()
      .meta({ description: "kubeconfig contexts of the two domain clusters; the kubeconfig itself comes from KUBECONFIG or the secret govcloud:kubeconfig." }),
  })
  .strict();

export type LandingZoneConfig = z.output<typeof LandingZoneConfigSchema>;
export type AddressPlan = z.output<typeof AddressPlanSchema>;
