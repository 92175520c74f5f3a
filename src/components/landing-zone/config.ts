/**
 * The stack configuration of the landing zone: keys under the `govcloud:` namespace of
 * stacks/Pulumi.<stack>.yaml, checked by one strict schema. Credentials are never here:
 * the OpenStack provider reads OS_* from the environment, kubeconfigs are Pulumi secrets.
 */
import { z } from "zod";
import { FlavourSchema } from "../../migration/inventory/planner-rules";
import { WAVE_ID } from "../../migration/lock/model";
import { parseCidr } from "./cidr";

const cidr = z.string().refine((value) => parseCidr(value) !== undefined, {
  message: "is not an IPv4 network in CIDR form (e.g. 10.10.0.0/16, with no host bits set)",
});

export const AddressPlanSchema = z
  .object({
    admin: cidr
      .default("10.16.0.0/13")
      .meta({ description: "Administrative-service domain (行政服务域): split into app (half), data and mgmt zones." }),
    public: cidr
      .default("10.24.0.0/13")
      .meta({ description: "Public-service domain (公共服务域): dmz, app, data and mgmt zones, a quarter each." }),
    exchange: cidr
      .default("10.32.0.0/24")
      .meta({ description: "Exchange platform (共享交换平台) zone: the only network both domains reach." }),
    exitTransit: cidr
      .default("10.32.1.0/29")
      .meta({ description: "Link between the public domain's core router and the unified internet exit." }),
    departmentPrefix: z
      .number()
      .int()
      .min(20)
      .max(28)
      .default(24)
      .meta({
        description:
          "Size of each department's subnet in a zone. A department's subnets sit at the slots the plan lock " +
          "allocated it; a zone holds 2^(departmentPrefix - zone prefix) slots.",
      }),
  })
  .strict();

export const WaveSelectionSchema = z.union(
  [
    z.enum(["all", "none", "deployed", "deployed+next"]),
    z.array(z.string().regex(WAVE_ID, { message: "is not a wave id of the plan lock, like 2018-03-10-a" })).min(1),
  ],
  { error: "is not deployed, deployed+next, all, none, or a list of wave ids like [2018-03-10-a]" },
);

export type WaveSelection = z.output<typeof WaveSelectionSchema>;

export const LandingZoneConfigSchema = z
  .object({
    inventory: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).meta({
      description:
        "Inventory path(s): a dataset folder, a YAML file or a form; relative to the project root, or absolute.",
    }),
    layer: z
      .enum(["all", "platform", "workloads"])
      .default("all")
      .meta({
        description:
          "all: one stack; platform: domains, exit and exchange only; workloads: " +
          "department tenants and systems on a platform stack's networks (StackReference).",
      }),
    platformStack: z.string().min(1).optional().meta({
      description: "With layer workloads: the platform stack's name, e.g. organization/govcloud/zhoucun-platform.",
    }),
    departments: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .meta({ description: "With layer workloads: the departments (ids) this stack holds; default all." }),
    lock: z.string().min(1).optional().meta({
      description:
        "The plan lock this stack deploys; default: next to the (first) inventory path, <dataset>.lock.yaml.",
    }),
    waves: WaveSelectionSchema.default("deployed+next").meta({
      description:
        "Which of the lock's waves this stack deploys: deployed " +
        "(every wave the lock marks deployed or done), deployed+next " +
        "(those and the earliest planned wave), all, none, or a list of wave ids. " +
        "A deployed wave may never be left out (its systems would be destroyed) unless the stack is a rehearsal.",
    }),
    rehearsal: z
      .boolean()
      .default(false)
      .meta({
        description:
          "A rehearsal stack: data volumes, projects and volume claims are not protected, and the stack may " +
          "leave out waves the lock marks deployed. Never on a production stack.",
      }),
    images: z
      .record(z.string().min(1), z.string().min(1))
      .optional()
      .meta({
        description:
          "Glance image id for each image name the plan's instances use (e.g. centos-7: 6f0c…). " +
          "Pinned here, never looked up by name: a boot volume's image is fixed at creation.",
      }),
    externalNetworkId: z
      .string()
      .min(1)
      .meta({ description: "Id of the provider network the unified internet exit's gateway uses." }),
    externalNetworkName: z
      .string()
      .min(1)
      .meta({ description: "Name of the same network: the pool floating IPs of published DMZ services come from." }),
    addressPlan: AddressPlanSchema.prefault({}),
    region: z.string().min(1).optional().meta({ description: "OpenStack region." }),
    authUrl: z
      .string()
      .url()
      .optional()
      .meta({ description: "Keystone URL; otherwise OS_AUTH_URL from the environment." }),
    flavours: z.array(FlavourSchema).min(1).optional().meta({
      description:
        "This cloud's flavour catalogue; overrides the dataset's policy.rules.sizing.flavours when sizing instances.",
    }),
    drVolumeType: z.string().min(1).default("replicated").meta({
      description: "Cinder volume type that replicates to the second site (seed 004's real-time off-site copy).",
    }),
    kubeContexts: z
      .object({ admin: z.string().min(1), public: z.string().min(1) })
      .strict()
      .optional()
      .meta({
        description:
          "kubeconfig contexts of the two domain clusters; the kubeconfig itself comes from KUBECONFIG or the " +
          "secret govcloud:kubeconfig.",
      }),
  })
  .strict();

export type LandingZoneConfig = z.output<typeof LandingZoneConfigSchema>;
export type AddressPlan = z.output<typeof AddressPlanSchema>;
