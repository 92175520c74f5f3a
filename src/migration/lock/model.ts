/**
 * The plan lock (the held plan): the decisions a migration team approved and that must
 * not move once made. `govcloud plan` writes it next to the dataset and the team commits
 * it; the Pulumi program and the cutover runs consume it and nothing else re-plans.
 *
 * What it holds, and nothing more (everything else is re-derived from the inventory and
 * may change freely, e.g. a flavour after a resize):
 * - each system's disposition, wave (or date, for a retirement) and merge survivor;
 * - each wave's state: planned → deployed → done;
 * - each department's address slots per domain and zone (the stack's address plan turns
 *   a slot into a CIDR), kept when the department leaves (released, never reused unless
 *   asked);
 * - the planning start and deadlines given on the command line, so a later run without
 *   them schedules from the same start.
 */
import { z } from "zod";
import { ID_PATTERN } from "../inventory/id-pattern";
import { DISPOSITIONS, WAVE_STATES, type WaveState } from "../plan/types";

/** A wave id: the date of its cutover window and a letter, e.g. 2018-03-10-a. */
export const WAVE_ID = /^\d{4}-\d{2}-\d{2}-[a-z]{1,2}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export { WAVE_STATES, type WaveState };

/** States whose systems' resources exist: they may never be re-planned or left out of a stack. */
export const BUILT_STATES: readonly WaveState[] = ["deployed", "done"];

/** A wave in a built state (undefined: no wave, nothing built). */
export function isBuilt(state: WaveState | undefined): boolean {
  return state !== undefined && BUILT_STATES.includes(state);
}

const id = z.string().regex(ID_PATTERN, { message: "is not an id (lowercase letters, digits and -)" });
const date = z.string().regex(ISO_DATE, { message: "is not a date written YYYY-MM-DD" });
const slot = z.number().int().min(0).max(1_048_575);

export const SlotsSchema = z
  .object({
    dmz: slot
      .optional()
      .meta({ description: "Slot of the department's DMZ subnet (only departments that publish a service)." }),
    app: slot.optional().meta({ description: "Slot of the department's app-zone subnet." }),
    data: slot.optional().meta({ description: "Slot of the department's data-zone subnet." }),
  })
  .strict();

export const LockedDepartmentSchema = z
  .object({
    status: z.enum(["active", "released"]).meta({
      description:
        "released: the department left the inventory; its slots stay reserved " +
        "(govcloud plan --reuse-released gives them to others).",
    }),
    admin: SlotsSchema.optional().meta({ description: "Slots in the administrative-service domain's zones." }),
    public: SlotsSchema.optional().meta({ description: "Slots in the public-service domain's zones." }),
  })
  .strict();

export const LockedSystemSchema = z
  .object({
    department: id,
    status: z
      .enum(["active", "released"])
      .default("active")
      .meta({
        description:
          "released: a system of a built wave that left the inventory on purpose (govcloud plan --release); " +
          "the stacks no longer build it.",
      }),
    disposition: z.enum(DISPOSITIONS),
    wave: z
      .string()
      .regex(WAVE_ID, { message: "is not a wave id like 2018-03-10-a" })
      .optional()
      .meta({ description: "The wave it moves in (cloud-bound systems that found a window)." }),
    date: date.optional().meta({ description: "The retirement date (systems without a wave)." }),
    into: id.optional().meta({ description: "The survivor a shadow system is merged into." }),
  })
  .strict();

export const LockSchema = z
  .object({
    lockVersion: z.literal(1).meta({ description: "Format version of this file." }),
    dataset: z.string().min(1).meta({ description: "The dataset the plan was made from." }),
    planning: z
      .object({
        start: date
          .optional()
          .meta({ description: "Planning start given with govcloud plan --start; kept for later runs." }),
        deadlines: z
          .array(z.string().regex(/^\d{4}-\d{2}-\d{2}:\d{1,3}(\.\d+)?%$/))
          .min(1)
          .optional()
          .meta({ description: "Deadlines given with --deadline DATE:NN%." }),
      })
      .strict()
      .optional(),
    waves: z
      .record(z.string().regex(WAVE_ID, { message: "is not a wave id like 2018-03-10-a" }), z.enum(WAVE_STATES))
      .meta({ description: "Each wave's state: planned, deployed or done." }),
    departments: z
      .record(id, LockedDepartmentSchema)
      .meta({ description: "Each department's address slots per domain and zone." }),
    systems: z.record(id, LockedSystemSchema).meta({ description: "Each system's held decision." }),
  })
  .strict();

export type Lock = z.output<typeof LockSchema>;
export type LockedSystem = z.output<typeof LockedSystemSchema>;
export type LockedDepartment = z.output<typeof LockedDepartmentSchema>;
export type Slots = z.output<typeof SlotsSchema>;
export type SlotZone = keyof Slots;
export const SLOT_ZONES: readonly SlotZone[] = ["dmz", "app", "data"];
export const LOCK_DOMAINS = ["admin", "public"] as const;

export { waveDate } from "../plan/held";

/** An empty lock: what a dataset planned for the first time starts from. */
export function emptyLock(dataset: string): Lock {
  return { lockVersion: 1, dataset, waves: {}, departments: {}, systems: {} };
}
