/**
 * The migration plan: what `govcloud plan` writes to plan.json, what the reports render
 * and what the Pulumi programs consume (the targets). A plan is data derived from an
 * inventory and its rules; it is never edited by hand and never reads the wall clock.
 */

/** One enum for what happens to a system; never two sources of truth. */
export const DISPOSITIONS = ["exclude", "retain", "retire", "consolidate", "rehost", "replatform"] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** Dispositions that put a system (or its data) on the cloud. */
export const CLOUD_BOUND: readonly Disposition[] = ["rehost", "replatform", "consolidate"];

/** Dispositions whose system stops running (retired, or merged into its survivor): their O&M is what the plan saves. */
export const STOPS_RUNNING: readonly Disposition[] = ["retire", "consolidate"];

/**
 * Dispositions whose system keeps running in its old room (an approved exception, a classified system): the room stays
 * open.
 */
export const STAYS_IN_ROOM: readonly Disposition[] = ["retain", "exclude"];

/**
 * Dispositions that get resources of their own on the cloud (instances, workloads, volumes): the one home of "rehost or
 * replatform".
 */
export const GETS_RESOURCES: readonly Disposition[] = ["rehost", "replatform"];
export const getsResources = (disposition: Disposition): boolean => GETS_RESOURCES.includes(disposition);

export type Domain = "admin" | "public";
export type Zone = "dmz" | "app" | "data" | "mgmt";

/** Words for people, in both report languages. */
export interface Text {
  readonly zh: string;
  readonly en: string;
}

/** Why a system got its disposition or placement: a code, the rule and its source, the values that triggered it. */
export interface Reason {
  readonly code: string;
  /** The rule, in words, with the seed it comes from. */
  readonly rule: Text;
  /** Inventory values that triggered the rule (field → value). */
  readonly evidence: Readonly<Record<string, string | number | boolean | null>>;
}

export interface InstanceTarget {
  readonly kind: "instance";
  /** Stable name: `<system>-<role>-<n>`. */
  readonly name: string;
  readonly role: "web" | "app" | "db" | "file";
  readonly zone: Zone;
  readonly flavour: string;
  readonly vcpus: number;
  readonly ramGb: number;
  readonly image: string;
  readonly bootVolumeGb: number;
  /** Data volume attached to the instance, GB (0: none). */
  readonly dataVolumeGb: number;
  /** A floating IP: only for published public-facing web tiers in the DMZ. */
  readonly floatingIp: boolean;
}

export interface WorkloadTarget {
  readonly kind: "deployment";
  readonly name: string;
  readonly role: "web" | "app";
  readonly zone: Zone;
  readonly replicas: number;
  /** Per replica. */
  readonly cpuMillicores: number;
  readonly memoryMi: number;
  readonly port: number;
  /** Published through the unified exit (public-facing web tier). */
  readonly published: boolean;
  readonly image: string;
}

export interface VolumeClaimTarget {
  readonly kind: "volumeClaim";
  readonly name: string;
  readonly sizeGb: number;
}

/** An allowed flow into one of the system's tiers (a security-group rule, or a NetworkPolicy allow). */
export interface SecurityRuleTarget {
  readonly kind: "securityRule";
  readonly name: string;
  /** Tier of this system the rule opens. */
  readonly toRole: "web" | "app" | "db" | "file";
  readonly port: number;
  readonly protocol: "tcp";
  /** Who may connect: another tier of the system, another system, or the internet through the unified exit. */
  readonly from:
    | { readonly kind: "tier"; readonly role: string }
    | { readonly kind: "system"; readonly system: string; readonly domain: Domain }
    | { readonly kind: "internet" };
  /** Crosses between domains, so it goes through the exchange platform. */
  readonly viaExchange: boolean;
  readonly why: Text;
}

export interface DisasterRecoveryTarget {
  readonly kind: "disasterRecovery";
  readonly name: string;
  readonly mode: "backup" | "replica";
  /** Recovery point objective, hours (0: continuous replication). */
  readonly rpoHours: number;
  readonly copies: number;
  readonly offSite: boolean;
  readonly reason: Reason;
}

export type Target = InstanceTarget | WorkloadTarget | VolumeClaimTarget | SecurityRuleTarget | DisasterRecoveryTarget;

export type CopyMode = "warm" | "cold";

export interface RunbookStep {
  readonly phase: string;
  readonly title: { readonly zh: string; readonly en: string };
  /** What to do, concretely, for this system. */
  readonly detail: { readonly zh: string; readonly en: string };
  /** Estimated duration, hours. */
  readonly hours: number;
  /** Runs inside the cutover window (counts against the window and the downtime). */
  readonly inWindow: boolean;
}

export interface Rollback {
  readonly criteria: readonly { readonly zh: string; readonly en: string }[];
  readonly steps: readonly { readonly zh: string; readonly en: string }[];
  /** Who decides to roll back. */
  readonly owner: { readonly zh: string; readonly en: string };
  /** Until when rollback stays possible (end of the observation period). */
  readonly until: string | null;
}

export interface Runbook {
  readonly kind: "cutover" | "consolidation" | "retirement";
  readonly copyMode: CopyMode | null;
  readonly steps: readonly RunbookStep[];
  /** Hours inside the window (the users' downtime). */
  readonly windowHours: number;
  readonly fitsWindow: boolean;
  readonly fitsDowntime: boolean;
  readonly rollback: Rollback | null;
}

/**
 * A dependency on a system the plan retires or merges: the dependant re-points its calls
 * before that system stops (see repoint.ts).
 */
export interface Repoint {
  /** The system that goes away. */
  readonly from: string;
  readonly fromDisposition: "retire" | "consolidate";
  /** Where the calls go: its replacement or survivor; null when nothing replaces it (drop the call). */
  readonly to: string | null;
  /** Re-pointed by this date: when `from` retires or merges (null when that is not scheduled). */
  readonly by: string | null;
  readonly why: Text;
}

export interface SystemPlan {
  readonly id: string;
  readonly name: string;
  readonly department: string;
  readonly serverRoom: string;
  readonly disposition: Disposition;
  readonly reasons: readonly Reason[];
  readonly domain: Domain | null;
  /** The department tenant the targets live in (null when nothing goes to the cloud). */
  readonly tenant: string | null;
  readonly wave: string | null;
  /** YYYY-MM-DD of the cutover, merge or retirement; null when not scheduled. */
  readonly cutoverDate: string | null;
  readonly consolidateInto: string | null;
  readonly complexity: number;
  /** Declarative specs the Pulumi programs create: empty for exclude, retire and retain. */
  readonly targets: readonly Target[];
  /** How domain and zones were chosen, and how the targets were sized. */
  readonly placementReasons: readonly Reason[];
  readonly runbook: Runbook | null;
  /** Loses O&M funding next year because it will not have moved in time (seeds 002/003). */
  readonly losesFunding: boolean;
  /** Why a cloud-bound system found no window (null when scheduled or not cloud-bound). */
  readonly unscheduledReason: Text | null;
  /** Evidence the department should review (e.g. software not updated for years while in use); not a retirement. */
  readonly review: readonly Reason[];
  /** Blockers: its dependencies on systems that are retired or merged, to re-point before they stop. */
  readonly repoint: readonly Repoint[];
}

/** A wave's life, one enum: approved, then its resources built, then its cutovers finished. */
export const WAVE_STATES = ["planned", "deployed", "done"] as const;
export type WaveState = (typeof WAVE_STATES)[number];

export interface Wave {
  /** Held by the plan lock: the date of its window and a letter, e.g. 2018-03-10-a. */
  readonly id: string;
  readonly state: WaveState;
  /** Local date-times, YYYY-MM-DDTHH:MM. */
  readonly start: string;
  readonly end: string;
  readonly systems: readonly string[];
  readonly dataGb: number;
  /** Why the wave is special (a dependency cycle moving together, a dedicated window). */
  readonly notes: readonly Text[];
}

export interface DeadlineResult {
  readonly date: string;
  readonly requiredShare: number;
  readonly plannedShare: number;
  readonly met: boolean;
  /** When missed: which constraint prevents it and by how much. */
  readonly explanation: Text | null;
  readonly shortBy: number;
  /** The notice that sets the deadline. */
  readonly source?: string | null;
}

export interface RoomStep {
  readonly step: string;
  readonly title: { readonly zh: string; readonly en: string };
  readonly detail: { readonly zh: string; readonly en: string };
}

export interface RoomPlan {
  readonly id: string;
  readonly name: string;
  readonly department: string | null;
  readonly systems: readonly { readonly id: string; readonly disposition: Disposition; readonly date: string | null }[];
  /** Stays as the cloud's site: not closed. */
  readonly cloudSite: boolean;
  /** Earliest date it can be emptied: last cutover + observation period; null when blocked or kept. */
  readonly closeDate: string | null;
  readonly blockers: readonly { readonly system: string; readonly reason: Text }[];
  readonly steps: readonly RoomStep[];
  readonly omCostSaved10kCny: number;
}

/** A network or room milestone dated from the waves (milestones.ts). */
export interface Milestone {
  readonly kind: "internet-exit" | "extranet" | "private-lines" | "room";
  /** The department (extranet, private lines) or room it concerns; null for the city's internet exit. */
  readonly subject: string | null;
  /** When the plan reaches it; null when something stays behind (see blockers) or nothing is scheduled. */
  readonly date: string | null;
  /** The seed's due date, or null when the seeds set none after the planning start. */
  readonly due: string | null;
  /** Whether date is on or before due (null without a due date). */
  readonly met: boolean | null;
  /** Systems that keep it from being reached (they stay on the line or in the room). */
  readonly blockers: readonly string[];
  readonly source: string;
}

export interface DepartmentQuota {
  readonly department: string;
  readonly instances: number;
  readonly vcpus: number;
  readonly ramGb: number;
  readonly volumes: number;
  readonly volumeGb: number;
  readonly domains: readonly Domain[];
  /** The ResourceQuota of its Kubernetes namespace in each domain, as deployed. */
  readonly namespaces: readonly NamespaceQuota[];
}

/**
 * A namespace's ResourceQuota hard limits: CPU in millicores, memory in MiB, storage in GiB, as the manifest states
 * them.
 */
export interface NamespaceQuota {
  readonly domain: Domain;
  readonly cpuMillicores: number;
  readonly memoryMi: number;
  readonly storageGb: number;
  readonly pods: number;
}

export interface PlanSettingsEcho {
  readonly planningStart: string;
  /** The census and the approval of the classification and plan (seed 000 by default): no work starts before. */
  readonly milestones: {
    readonly inventoryBy: string;
    readonly planApprovedBy: string;
    readonly source: string | null;
  };
  /** The first day of work: the day after the approval, or the planning start when later. */
  readonly workStart: string;
  readonly policySource: "dataset" | "seeds" | "flags";
  /** rooms-first unless it would cost a deadline that easy-first meets. */
  readonly ordering: "rooms-first" | "easy-first";
  readonly windows: { readonly days: readonly string[]; readonly startTime: string; readonly hours: number };
  readonly capacity: { readonly systems: number; readonly dataTb: number };
  readonly firstWindow: string;
}

export interface Plan {
  readonly dataset: string;
  readonly settings: PlanSettingsEcho;
  readonly systems: readonly SystemPlan[];
  readonly excluded: readonly string[];
  readonly waves: readonly Wave[];
  readonly rooms: readonly RoomPlan[];
  readonly milestones: readonly Milestone[];
  readonly deadlines: readonly DeadlineResult[];
  readonly quotas: readonly DepartmentQuota[];
}
