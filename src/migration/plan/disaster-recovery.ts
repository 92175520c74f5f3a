/**
 * Disaster recovery by MLPS level: real-time replicas off site for the higher levels,
 * daily off-site backups below them (seed 004: 异地、多份、实时).
 */
import type { System } from "../inventory/model";
import type { PlannerRules } from "../inventory/planner-rules";
import type { DisasterRecoveryTarget, Text } from "./types";

const DR_RULE: Text = {
  zh: "业务数据异地、多份、实时备份（枣庄政务云方案）",
  en: "business data off-site, in several copies, in real time (异地、多份、实时) (seed 004)",
};

export function disasterRecovery(system: System, rules: PlannerRules, dataGb: number): DisasterRecoveryTarget | null {
  if (dataGb <= 0) return null;
  const level = system.mlpsLevel ?? 0;
  const { replicaMinMlps, backupMinMlps } = rules.disasterRecovery;
  const rule = DR_RULE;
  if (level >= replicaMinMlps) {
    return {
      kind: "disasterRecovery",
      name: `${system.id}-dr`,
      mode: "replica",
      rpoHours: 0,
      copies: 2,
      offSite: true,
      reason: { code: "DR_REPLICA_MLPS", rule, evidence: { mlpsLevel: level, dataGb } },
    };
  }
  if (level >= backupMinMlps) {
    return {
      kind: "disasterRecovery",
      name: `${system.id}-backup`,
      mode: "backup",
      rpoHours: 24,
      copies: 2,
      offSite: true,
      reason: { code: "DR_BACKUP_MLPS", rule, evidence: { mlpsLevel: level, dataGb } },
    };
  }
  return null;
}
