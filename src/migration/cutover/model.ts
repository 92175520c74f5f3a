/**
 * Site actions (cutover.yaml): how this site carries out each phase of a runbook. The
 * plan says which phases a system goes through; this file says, per phase, which
 * commands, checks, waits and approvals do it — as defaults, per department and per
 * system (the most specific level replaces a phase's whole list). Strict: a misspelt key
 * is an error, never a silently ignored action.
 */
import { z } from "zod";
import { ID_PATTERN } from "../inventory/id-pattern";

/** A duration as people write it in a runbook: 30s, 5m, 2h, 7d (or a bare number of ms in tests). */
export const DURATION = /^(\d+)(ms|s|m|h|d)$/;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function durationMs(text: string): number {
  const match = DURATION.exec(text);
  if (!match) throw new Error(`not a duration: ${text}`);
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

const duration = z.string().regex(DURATION, { message: "is not a duration like 30s, 5m, 2h or 7d" });
const name = z.string().min(1).optional().meta({
  description:
    "What the step does, shown in the journal and on the terminal (default: the action's kind and first word).",
});
const retries = z
  .number()
  .int()
  .min(0)
  .max(100)
  .default(0)
  .meta({ description: "How many times to try again after a failure." });
const retryDelay = duration.default("5s").meta({ description: "Pause between tries." });

export const RunActionSchema = z
  .object({
    kind: z.literal("run"),
    name,
    argv: z.array(z.string()).min(1).meta({
      description: "The program and its arguments, run without a shell; {variables} are filled from the plan and vars.",
    }),
    env: z.record(z.string(), z.string()).optional().meta({ description: "Extra environment variables (templated)." }),
    cwd: z.string().optional().meta({ description: "Working folder (templated; relative to the state folder)." }),
    timeout: duration.optional().meta({ description: "Kill the program after this long (the try fails)." }),
    retries,
    retryDelay,
    okExitCodes: z
      .array(z.number().int().min(0).max(255))
      .min(1)
      .default([0])
      .meta({ description: "Exit codes that count as success." }),
    idempotent: z.boolean().meta({
      description: "Safe to run again after a crash left it unfinished (rsync: yes; a one-way data load: no).",
    }),
    measure: z
      .string()
      .min(1)
      .optional()
      .meta({
        description:
          "A file or folder whose size after the step is the data it moved (templated; " +
          "relative to the state folder), journalled with the pace; rsync --stats output is read without it.",
      }),
  })
  .strict();

export const HttpActionSchema = z
  .object({
    kind: z.literal("http"),
    name,
    url: z.string().min(1).meta({ description: "The URL to request (templated)." }),
    method: z.enum(["GET", "HEAD", "POST"]).default("GET"),
    status: z.number().int().min(100).max(599).default(200).meta({ description: "The expected HTTP status." }),
    body: z.string().optional().meta({ description: "A regular expression the response body must match." }),
    timeout: duration.default("10s"),
    retries,
    retryDelay,
  })
  .strict();

/** The checks a wait repeats: a command or a request. */
export const CheckSchema = z.discriminatedUnion("kind", [RunActionSchema, HttpActionSchema]);

export const WaitActionSchema = z
  .object({
    kind: z.literal("wait"),
    name,
    for: duration.meta({
      description: "How long to observe (from the phase's first start: a resume waits only for what is left).",
    }),
    every: duration.default("1m").meta({ description: "How often the checks run." }),
    checks: z
      .array(CheckSchema)
      .default([])
      .meta({ description: "Checks that must keep passing while observing; one failure fails the phase." }),
  })
  .strict();

export const GateActionSchema = z
  .object({
    kind: z.literal("gate"),
    name,
    who: z.string().min(1).optional().meta({ description: "Who approves, in words (e.g. 部门分管领导)." }),
  })
  .strict();

export const PulumiActionSchema = z
  .object({
    kind: z.literal("pulumi"),
    name,
    stack: z.string().min(1).meta({ description: "The stack that deploys the system's department (templated)." }),
    driver: z
      .enum(["offline", "automation"])
      .default("offline")
      .meta({
        description:
          "offline: records the wave as deployed in the plan lock " +
          "(rehearsals, and sites that run pulumi up themselves); automation: " +
          "pulumi up through the Automation API (needs the Pulumi CLI).",
      }),
  })
  .strict();

export const ActionSchema = z.discriminatedUnion("kind", [
  RunActionSchema,
  HttpActionSchema,
  WaitActionSchema,
  GateActionSchema,
  PulumiActionSchema,
]);

const phaseId = z.string().regex(/^[a-z][a-z0-9-]*$/, { message: "is not a phase id (the runbook's, e.g. full-copy)" });
const vars = z
  .record(
    z
      .string()
      .regex(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/, { message: "is not a dotted variable name like target.ip" }),
    z.string(),
  )
  .meta({
    description:
      "Site values the plan does not hold (target.ip, source.db…), used as {name} in actions; " +
      "a more specific level overrides.",
  });

export const LevelSchema = z
  .object({
    vars: vars.optional(),
    phases: z
      .record(phaseId, z.array(ActionSchema))
      .optional()
      .meta({ description: "Per runbook phase, the actions that do it, in order ([]: nothing to do at this site)." }),
    rollbackCheck: z
      .array(ActionSchema)
      .optional()
      .meta({
        description:
          "Run before the traffic switch: proves the old system can still take the traffic back; " +
          "a failure stops the switch.",
      }),
    rollback: z.array(ActionSchema).optional().meta({
      description:
        "Run on rollback: re-enable writes at the source, switch traffic back (the targets are kept for the next try).",
    }),
    rollbackOn: z
      .array(phaseId)
      .optional()
      .meta({
        description:
          "Phases after the switch whose failure rolls back at once instead of waiting for the operator (e.g. " +
          "[smoke]: users never stay on a cloud copy that failed its smoke checks).",
      }),
  })
  .strict();

export const SiteActionsSchema = z
  .object({
    version: z.literal(1).meta({ description: "Format version of this file." }),
    defaults: LevelSchema.default({}).meta({
      description: "How this site does each phase unless a department or system says otherwise.",
    }),
    departments: z.record(z.string().regex(ID_PATTERN), LevelSchema).default({}),
    systems: z.record(z.string().regex(ID_PATTERN), LevelSchema).default({}),
  })
  .strict();

export type SiteActions = z.output<typeof SiteActionsSchema>;
export type Level = z.output<typeof LevelSchema>;
export type Action = z.output<typeof ActionSchema>;
export type RunAction = z.output<typeof RunActionSchema>;
export type HttpAction = z.output<typeof HttpActionSchema>;
export type WaitAction = z.output<typeof WaitActionSchema>;
export type Check = z.output<typeof CheckSchema>;

/** Whether running an action again after a crash is safe: only a run says it is not. */
export function isIdempotent(action: Action): boolean {
  return action.kind === "run" ? action.idempotent : true;
}
