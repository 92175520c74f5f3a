/**
 * The inventory model: one strict zod schema per record type. Unknown keys are errors
 * (`.strict()`), so a misspelt field never silently drops data. The JSON Schema that
 * editors use is generated from these schemas (see json-schema.ts); the TypeScript types
 * are inferred from them. Field descriptions here are what editors show on hover.
 */
import { z } from "zod";
import { controlCharacterIn } from "./names";
import { inPlanningYears, isIsoDate, MAX_YEAR, MIN_YEAR, parseFormDate } from "./dates";
import { ID_PATTERN } from "./id-pattern";
import { PlannerRulesSchema } from "./planner-rules";
import {
  DEPARTMENT_LEVELS,
  HOSTING_NETWORKS,
  MLPS_LEVELS,
  OM_STATUSES,
  ROOM_TENURES,
  SERVER_ROLES,
  USAGE_FREQUENCIES,
  USAGE_SCOPES,
  WEEKDAYS,
  valuesOf,
} from "./vocabulary";

export { ID_PATTERN };

const id = z
  .string()
  .regex(ID_PATTERN, {
    message: "is not a valid id: use 1–63 lowercase letters, digits and hyphens, starting with a letter",
  })
  .meta({ description: "Symbolic id: lowercase letters, digits, hyphens (a DNS label)." });

const isoDate = z
  .string()
  .superRefine((value, ctx) => {
    if (isIsoDate(value)) {
      if (inPlanningYears(value)) return;
      ctx.addIssue({
        code: "custom",
        message: `is outside the years ${MIN_YEAR}–${MAX_YEAR} a migration plan covers`,
        input: value,
        params: { fix: "check the year" },
      });
      return;
    }
    const format = /^\d{4}-\d{2}-\d{2}$/.test(value);
    const message = format ? "is not a real date (no such day)" : "is not a date written YYYY-MM-DD (e.g. 2018-03-01)";
    const fix = format ? "check the day and the month" : `write it as YYYY-MM-DD${toIso(value)}`;
    ctx.addIssue({ code: "custom", message, input: value, params: { fix } });
  })
  .meta({ description: "Calendar date, YYYY-MM-DD.", format: "date" });

/** `: 2018-03-01` when a form-style date (2018/3/1, 2018年3月1日) can be read, for the fix. */
function toIso(value: string): string {
  const parsed = parseFormDate(value);
  return parsed.ok ? `: ${parsed.iso}` : ", e.g. 2018-03-01";
}

const text = z.string().trim().min(1, { message: "must not be empty" });
/**
 * A record's name: text without control characters (see names.ts; NFC and zero-width characters are handled on load).
 */
const nameText = text.superRefine((value, ctx) => {
  const control = controlCharacterIn(value);
  if (control)
    ctx.addIssue({
      code: "custom",
      message: `contains the control character ${control}`,
      input: value,
      params: { fix: "delete it: it is invisible in most editors (retype the name)" },
    });
});
/**
 * Sizes and counts have ceilings far above any real system (a province's largest is
 * thousands of servers, petabytes of data) and far below where the planner's arithmetic
 * overflows (dates past year 275,760 are NaN; 10^11 servers are 10^11 objects).
 */
export const BOUNDS = {
  servers: 10_000,
  cores: 1_000_000,
  memoryGb: 100_000_000,
  sizeGb: 1_000_000_000,
  users: 2_000_000_000,
  hours: 8760,
  years: 100,
  money: 1_000_000_000,
  windowSystems: 100_000,
  windowDataTb: 1_000_000,
  mbps: 1_000_000,
} as const;

const nonNegative = z.number().finite().nonnegative();
const count = z.number().int().nonnegative().max(BOUNDS.users);
const percent = z.number().min(0).max(100);

export const ServerGroupSchema = z
  .object({
    role: z.enum(valuesOf(SERVER_ROLES)).optional().meta({
      description:
        "What the servers do: web, app, db or file. Absent when the census did not say (the planner treats it as app).",
    }),
    count: z.number().int().min(1).max(BOUNDS.servers).meta({ description: "Number of servers in this group." }),
    cores: z
      .number()
      .int()
      .min(1)
      .max(BOUNDS.cores)
      .meta({ description: "CPU cores in all, across the group's servers." }),
    memoryGb: z
      .number()
      .positive()
      .max(BOUNDS.memoryGb)
      .meta({ description: "Memory in GB in all, across the group's servers." }),
    diskGb: nonNegative.max(BOUNDS.sizeGb).meta({ description: "Disk in GB in all, across the group's servers." }),
    os: text.optional().meta({ description: "Operating system, e.g. CentOS 6.5, Windows Server 2008 R2." }),
  })
  .strict();

export const RetainSchema = z
  .object({
    approvalRef: z.string().trim().optional().meta({
      description:
        "Document number of the approval to keep the system out of the cloud for now (暂不迁移批文), e.g. 周政字〔2018〕12号.",
    }),
    approvedBy: text.optional().meta({ description: "Body that approved the exception." }),
    reason: text.optional().meta({ description: "Why the system may not move yet." }),
    until: isoDate.optional().meta({ description: "Date the exception ends." }),
  })
  .strict();

export const SystemSchema = z
  .object({
    id: id,
    name: nameText.meta({ description: "System name (系统名称)." }),
    department: id.meta({ description: "Owning department's id (部门)." }),
    subUnit: text.optional().meta({ description: "Sub-unit (内设机构) that runs it, if any." }),
    function: text.meta({ description: "What the system does (系统功能)." }),
    usageScope: z.enum(valuesOf(USAGE_SCOPES)).meta({ description: "Usage scope (使用范围)." }),
    usageFrequency: z.enum(valuesOf(USAGE_FREQUENCIES)).meta({ description: "Usage frequency (使用频度)." }),
    users: count.meta({ description: "Number of users (用户数)." }),
    approvedBy: text.optional().meta({ description: "Approving body (审批部门)." }),
    approvalDate: isoDate.optional().meta({ description: "Approval date (审批时间)." }),
    approvalRef: text.optional().meta({ description: "Approval document number (审批文号)." }),
    constructionFunding: text.optional().meta({ description: "Construction funding source (建设经费来源)." }),
    omFunding: text.optional().meta({ description: "O&M funding source (运维经费来源)." }),
    omCost10kCny: nonNegative
      .max(BOUNDS.money)
      .optional()
      .meta({ description: "Annual O&M cost in 10,000 CNY (年运维费用, 万元)." }),
    hostingNetwork: z.enum(valuesOf(HOSTING_NETWORKS)).meta({
      description:
        "Network that hosts it today (承载网络): internet, extranet, private (业务专网) or intranet (政务内网).",
    }),
    publicFacing: z.boolean().meta({ description: "Serves the public (面向公众)." }),
    classified: z
      .boolean()
      .meta({ description: "Classified (涉密): goes to the classified intranet, never to the cloud." }),
    mlpsLevel: z
      .number()
      .int()
      .min(MLPS_LEVELS[0])
      .max(MLPS_LEVELS[MLPS_LEVELS.length - 1]!)
      .optional()
      .meta({ description: "MLPS level (等保级别), 1–4." }),
    lastUpdate: isoDate.optional().meta({ description: "Date of the last software update (最近更新时间)." }),
    omStatus: z.enum(valuesOf(OM_STATUSES)).meta({ description: "O&M status (运维状态): active or stopped." }),
    cpuAvgPct: percent.optional().meta({ description: "Average CPU utilisation, % (CPU平均利用率)." }),
    cpuPeakPct: percent.optional().meta({ description: "Peak CPU utilisation, % (CPU峰值利用率)." }),
    serverRoom: id.meta({ description: "Id of the server room that holds it (所在机房)." }),
    servers: z
      .array(ServerGroupSchema)
      .min(1)
      .max(100)
      .meta({ description: "Its servers, in groups of the same role." }),
    dataGb: nonNegative.max(BOUNDS.sizeGb).meta({ description: "Business data size in GB (数据量)." }),
    database: text.optional().meta({ description: "Database engine and version, e.g. Oracle 11g (数据库)." }),
    maxDowntimeHours: nonNegative
      .max(BOUNDS.hours)
      .optional()
      .meta({ description: "Longest cutover downtime its users accept, hours (允许停机)." }),
    dependsOn: z.array(id).default([]).meta({ description: "Ids of systems it needs to run (依赖系统)." }),
    duplicates: z
      .array(id)
      .default([])
      .meta({ description: "Ids of systems with the same function: shadow candidates (功能重复系统)." }),
    retain: RetainSchema.optional().meta({
      description: "Exception: the system may not move yet (暂不迁移), with its approval.",
    }),
    dataSharingFrequency: z.enum(valuesOf(USAGE_FREQUENCIES)).optional().meta({
      description: "How often it shares data with other departments (数据共享交换频度).",
    }),
    remarks: text.optional().meta({ description: "Remarks (备注)." }),
    placement: z
      .object({
        domain: z.enum(["admin", "public"]).meta({ description: "admin (行政服务域) or public (公共服务域)." }),
        reason: text.meta({ description: "Why the hosting network's rule does not apply (shown in the plan)." }),
      })
      .strict()
      .optional()
      .meta({ description: "Overrides the domain that follows from hostingNetwork, with its reason." }),
  })
  .strict();

export const DepartmentSchema = z
  .object({
    id: id,
    name: nameText.meta({ description: "Department name (部门名称)." }),
    level: z.enum(valuesOf(DEPARTMENT_LEVELS)).meta({ description: "city, district or town (镇/街道)." }),
    parent: id.optional().meta({ description: "Id of the department it belongs to, if any." }),
  })
  .strict();

export const PrivateLineSchema = z
  .object({
    name: text.meta({ description: "What the line is, e.g. 省公安专网." }),
    carrier: text.optional().meta({ description: "Carrier, e.g. 中国联通." }),
    bandwidthMbps: z.number().positive().max(BOUNDS.mbps).optional(),
  })
  .strict();

export const RoomSchema = z
  .object({
    id: id,
    name: nameText.meta({ description: "Server room name (机房名称)." }),
    department: id.optional().meta({ description: "Id of the department that runs the room." }),
    location: text.optional().meta({ description: "Address or building." }),
    tenure: z.enum(valuesOf(ROOM_TENURES)).optional().meta({ description: "owned or rented." }),
    hardwareAgeYears: nonNegative
      .max(BOUNDS.years)
      .optional()
      .meta({ description: "Average age of its hardware, years." }),
    privateLines: z
      .array(PrivateLineSchema)
      .default([])
      .meta({ description: "Business private lines that end in the room." }),
  })
  .strict();

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "is not a time of day in HH:MM form" });

export const DeadlineSchema = z
  .object({
    date: isoDate,
    sharePct: z.number().gt(0).max(100).meta({ description: "Share of systems that must be on the cloud by then, %." }),
    source: text.optional().meta({ description: "The notice that sets it." }),
  })
  .strict();

export const PolicySchema = z
  .object({
    name: text.optional().meta({ description: "Name of the programme." }),
    planningStart: isoDate.meta({ description: "First day the plan may schedule work." }),
    deadlines: z.array(DeadlineSchema).min(1),
    cutoverWindows: z
      .object({
        days: z
          .array(z.enum(valuesOf(WEEKDAYS)))
          .min(1)
          .meta({ description: "Weekdays a window starts on." }),
        startTime: time.meta({ description: "Local start time, HH:MM." }),
        hours: z.number().gt(0).max(72).meta({ description: "Length of a window, hours." }),
      })
      .strict(),
    capacityPerWindow: z
      .object({
        systems: z
          .number()
          .int()
          .min(1)
          .max(BOUNDS.windowSystems)
          .meta({ description: "Cutovers at most per window." }),
        dataTb: z
          .number()
          .positive()
          .max(BOUNDS.windowDataTb)
          .meta({ description: "Data moved at most per window, TB." }),
      })
      .strict(),
    milestones: z
      .object({
        inventoryBy: isoDate.meta({ description: "The census (普查/自查) is finished by this date." }),
        planApprovedBy: isoDate.meta({
          description:
            "Classification (clean-up / integrate / migrate) and the migration plan are approved by this date; " +
            "no cutover or retirement starts before the day after.",
        }),
        source: text.optional().meta({ description: "The notice that sets them." }),
      })
      .strict()
      .optional()
      .meta({
        description:
          "The programme's milestones before any work: by default seed 000's " +
          "(inventory by 2018-01-31, classification and plan by 2018-03-31).",
      }),
    rules: PlannerRulesSchema.optional().meta({
      description: "The planner's thresholds and rules; every one defaults to the seeds' value.",
    }),
  })
  .strict();

/** One inventory file: any of the four sections. A dataset is the merge of its files. */
export const InventoryFileSchema = z
  .object({
    policy: PolicySchema.optional().meta({
      description: "The dataset's policy: deadlines, cutover windows, capacity. At most one file sets it.",
    }),
    departments: z
      .array(DepartmentSchema)
      .optional()
      .meta({ description: "Departments, districts' bureaux and towns (部门/镇街)." }),
    rooms: z.array(RoomSchema).optional().meta({ description: "Old server rooms (机房) to be emptied and closed." }),
    systems: z
      .array(SystemSchema)
      .optional()
      .meta({ description: "Information systems (政务信息系统), one entry each." }),
  })
  .strict();

export type System = z.output<typeof SystemSchema>;
export type SystemInput = z.input<typeof SystemSchema>;
export type ServerGroup = z.output<typeof ServerGroupSchema>;
export type Department = z.output<typeof DepartmentSchema>;
export type Room = z.output<typeof RoomSchema>;
export type Policy = z.output<typeof PolicySchema>;
export type Deadline = z.output<typeof DeadlineSchema>;
export type PrivateLine = z.output<typeof PrivateLineSchema>;

/** How many servers a system runs on, across its groups. */
export function serverCount(system: Pick<System, "servers">): number {
  return system.servers.reduce((n, g) => n + g.count, 0);
}

/** The record sections of an inventory file, each with its schema. */
export const SECTIONS = {
  departments: DepartmentSchema,
  rooms: RoomSchema,
  systems: SystemSchema,
} as const;
export type Section = keyof typeof SECTIONS;

/** A whole dataset after loading: records from every file, in file order. */
export interface Inventory {
  readonly policy: Policy | undefined;
  readonly departments: readonly Department[];
  readonly rooms: readonly Room[];
  readonly systems: readonly System[];
}
