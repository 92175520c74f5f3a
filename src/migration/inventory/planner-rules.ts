/**
 * The schema of the planner's rules, the `rules:` part of the inventory's `policy:` section
 * (the rest of that section, PolicySchema, is in model.ts): the thresholds, sizes, prices and
 * catalogue a dataset may tune, each defaulting to the value the seeds give or, where they give
 * none, to common government-cloud practice (said so in the description). Part of the
 * inventory schema, so editors check it too. The policy a plan runs under, with these rules
 * in it, is resolved in plan/resolved-policy.ts.
 */
import { z } from "zod";
import { SERVER_ROLES, USAGE_FREQUENCIES, USAGE_SCOPES, valuesOf } from "./vocabulary";

const pct = (fallback: number, description: string) =>
  z.number().min(0).max(1000).default(fallback).meta({ description });
/** Every tunable number has a ceiling: beyond it the plan's dates and quotas overflow to nonsense (NaN, Infinity). */
const positive = (fallback: number, max: number, description: string) =>
  z.number().positive().max(max).default(fallback).meta({ description });
/** A price, CNY: bounded like every tunable number, so a yearly cost cannot overflow. */
const price = (fallback: number, description: string) =>
  z.number().min(0).max(1e9).default(fallback).meta({ description });

export const FlavourSchema = z
  .object({
    name: z.string().min(1),
    vcpus: z.number().int().min(1).max(1024),
    ramGb: z.number().positive().max(65_536),
  })
  .strict();

/** A realistic government-cloud catalogue: 1:2, 1:4 and 1:8 vCPU:GB shapes. */
export const DEFAULT_FLAVOURS = [
  [2, 4],
  [4, 8],
  [8, 16],
  [16, 32],
  [32, 64],
  [2, 8],
  [4, 16],
  [8, 32],
  [16, 64],
  [32, 128],
  [4, 32],
  [8, 64],
  [16, 128],
].map(([vcpus, ramGb]) => ({ name: `${vcpus}C${ramGb}G`, vcpus: vcpus!, ramGb: ramGb! }));

export const PlannerRulesSchema = z
  .object({
    zombie: z
      .object({
        idleCpuAvgPct: pct(5, "Resources idle (seed 003 僵尸 criterion 3): average CPU below this, %."),
        idleCpuPeakPct: pct(10, "… and peak CPU below this, %. Systems used daily are never judged idle."),
        staleYears: positive(
          3,
          100,
          "No software update for this many years before planning start, in a system that is used and " +
            "maintained: a review candidate for its department, not a retirement " +
            "(only O&M that stopped is criterion 4).",
        ),
        narrowScopes: z
          .array(z.enum(valuesOf(USAGE_SCOPES)))
          .default(["subunit"])
          .meta({ description: "Small scope (criterion 5)…" }),
        narrowFrequencies: z
          .array(z.enum(valuesOf(USAGE_FREQUENCIES)))
          .default(["monthly", "yearly"])
          .meta({ description: "… with low frequency." }),
      })
      .strict()
      .prefault({}),
    shadow: z
      .object({
        similarity: z.number().min(0.5).max(1).default(0.75).meta({
          description:
            "Name and function similarity (0.5–1) above which two systems of one department are shadows of each other.",
        }),
        rarityBase: positive(
          40,
          1_000_000,
          "How rare a bigram must be to count fully when comparing names and functions: " +
            "each weighs ln(1 + rarityBase / number of the department's systems that have it). " +
            "About a department's count of systems (common practice; the seeds give none).",
        ),
      })
      .strict()
      .prefault({}),
    sizing: z
      .object({
        cpuHeadroomPct: pct(30, "Headroom over measured peak CPU when right-sizing, %."),
        dataGrowthPct: pct(30, "Data growth provided for in volumes, %."),
        bootVolumeGb: positive(40, 65_536, "Boot volume of every instance, GB."),
        minDataVolumeGb: positive(20, 65_536, "Smallest data volume, GB."),
        quotaHeadroomPct: pct(20, "Headroom of a department's quota over the sum of its targets, %."),
        flavours: z
          .array(FlavourSchema)
          .min(1)
          .default(DEFAULT_FLAVOURS)
          .meta({ description: "Flavour catalogue of the cloud." }),
        statelessRoles: z
          .array(z.enum(valuesOf(SERVER_ROLES)))
          .default(["web", "app"])
          .meta({ description: "Roles that may become Kubernetes workloads (replatform)." }),
      })
      .strict()
      .prefault({}),
    cutover: z
      .object({
        linkMbps: positive(1000, 1_000_000, "Bandwidth from the old rooms to the cloud, Mbit/s."),
        // Above 0: copy times are divided by it.
        linkEfficiencyPct: z
          .number()
          .gt(0)
          .max(100)
          .default(60)
          .meta({ description: "Share of the bandwidth a copy really gets, %." }),
        dailyChangePct: pct(2, "Share of a system's data that changes per day (size of a warm final sync), %."),
        prepareDays: positive(14, 3650, "Days from planning start to the first window: provisioning, tests, notices."),
        observationDays: positive(
          14,
          3650,
          "Observation period after a cutover, days; rollback stays possible until its end.",
        ),
        retireNoticeDays: positive(30, 3650, "Notice to users before a zombie system is stopped, days."),
        warmDatabases: z
          .array(z.string().trim().min(1))
          .default(["oracle", "sql server", "mssql", "mysql", "mariadb", "postgres", "达梦", "kingbase", "人大金仓"])
          .meta({
            description:
              "Database engines whose data may be copied warm (online): " +
              "their own replication keeps a copy in step until the window " +
              "(Data Guard, log shipping, binlog or streaming replication, DMDataWatch). " +
              "Matched case-insensitively as part of the system's 数据库. Common practice; the seeds give none.",
          }),
        warmFiles: z
          .boolean()
          .default(true)
          .meta({
            description:
              "File data (a system with no database) may be copied warm: " +
              "an incremental rsync ahead of the window, a last pass inside it. Common practice.",
          }),
      })
      .strict()
      .prefault({}),
    disasterRecovery: z
      .object({
        replicaMinMlps: z
          .number()
          .int()
          .min(1)
          .max(4)
          .default(3)
          .meta({ description: "MLPS level from which data is replicated in real time to a second site (seed 004)." }),
        backupMinMlps: z
          .number()
          .int()
          .min(1)
          .max(4)
          .default(2)
          .meta({ description: "MLPS level from which volumes are backed up daily, off-site." }),
      })
      .strict()
      .prefault({}),
    prices: z
      .object({
        vcpuYear: price(
          1200,
          "Yearly price of one vCPU (instances and containers alike), CNY. " +
            "The default is an example for trying the plan, not a quotation: set the city cloud's contract prices " +
            "(seed 002 puts cloud fees in the budget).",
        ),
        memoryGibYear: price(300, "Yearly price of 1 GiB of memory, CNY. Example default, not a quotation."),
        blockStorageGibYear: price(
          6,
          "Yearly price of 1 GiB of block storage (boot and data volumes, container volumes), CNY. " +
            "Example default, not a quotation.",
        ),
        replicatedStorageGibYear: price(
          12,
          "Yearly price of 1 GiB of replicated storage at the disaster-recovery site " +
            "(each real-time copy, seed 004), CNY. Example default, not a quotation.",
        ),
        publicAddressYear: price(
          2000,
          "Yearly price of one public address (a floating IP on the unified exit), CNY. " +
            "Example default, not a quotation.",
        ),
      })
      .strict()
      .prefault({})
      .meta({
        description:
          "The price catalogue behind the cloud demand and cost page (cloud-demand.md). " +
          "Every default is an example, not a fact: replace it with the contract's prices.",
      }),
    decommission: z
      .object({
        reclaimMaxHardwareAgeYears: positive(
          5,
          100,
          "Hardware younger than this is reclaimed into the pool, older is scrapped (seed 003 回收或报废).",
        ),
        cloudSiteRooms: z
          .array(z.string())
          .default([])
          .meta({ description: "Rooms that stay as the cloud's own site and are not closed." }),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type PlannerRules = z.output<typeof PlannerRulesSchema>;

/** The seeds' values, for a dataset that sets none (a bare spreadsheet). */
export const DEFAULT_RULES: PlannerRules = PlannerRulesSchema.parse({});
