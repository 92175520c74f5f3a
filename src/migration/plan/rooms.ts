/**
 * Decommission plan per old server room: when it can be emptied (its last cutover plus
 * the observation period), what keeps it open, and the steps to close it (seed 003:
 * reclaim or scrap the hardware; seed 000: withdraw the private lines; seed 004: empty
 * independent rooms).
 */
import { serverCount, type PrivateLine, type Room, type System } from "../inventory/model";
import type { PlannerRules } from "../inventory/planner-rules";
import { STAYS_IN_ROOM, STOPS_RUNNING, type Disposition, type RoomPlan, type RoomStep, type Text } from "./types";
import { addDays } from "./windows";

export interface RoomInput {
  readonly room: Room;
  readonly systems: readonly {
    readonly system: System;
    readonly disposition: Disposition;
    readonly date: string | null;
    readonly unscheduledWhy: Text | null;
    readonly losesFunding: boolean;
  }[];
  readonly rules: PlannerRules;
  /** An empty room can close from the first day of the plan. */
  readonly planningStart: string;
}

/**
 * Rooms that can close: not kept as the cloud's site, and holding no system that stays
 * (a retained system with its approval, or a classified one waiting for the intranet).
 */
export function closableRooms(
  rooms: readonly Room[],
  systems: readonly System[],
  dispositionOf: (id: string) => Disposition,
  rules: PlannerRules,
): Set<string> {
  const open = new Set(rules.decommission.cloudSiteRooms);
  for (const system of systems) if (STAYS_IN_ROOM.includes(dispositionOf(system.id))) open.add(system.serverRoom);
  return new Set(rooms.map((r) => r.id).filter((id) => !open.has(id)));
}

/**
 * Rooms-first order: rooms that can close come first, those with the least work first,
 * the work of a room counting every unit its systems wait for, in whatever room (a
 * dependency in another room must move before the room can close); rooms that cannot
 * close come last. A unit takes the best rank of the rooms that need it, so a dependency
 * moves with the room that waits for it rather than with its own room.
 */
export function rankRooms(
  units: readonly {
    readonly id: string;
    readonly room: string;
    readonly complexity: number;
    readonly after: readonly string[];
    readonly strictlyAfter: readonly string[];
  }[],
  rooms: readonly string[],
  closable: ReadonlySet<string>,
): { roomRank: Map<string, number>; unitRank: Map<string, number> } {
  const byId = new Map(units.map((u) => [u.id, u]));
  const needs = new Map<string, Set<string>>(rooms.map((r) => [r, new Set<string>()]));
  for (const unit of units) {
    const closure = needs.get(unit.room) ?? needs.set(unit.room, new Set()).get(unit.room)!;
    const stack = [unit.id];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (closure.has(id) || !byId.has(id)) continue;
      closure.add(id);
      const u = byId.get(id)!;
      stack.push(...u.after, ...u.strictlyAfter);
    }
  }
  const work = (room: string) => [...needs.get(room)!].reduce((n, id) => n + byId.get(id)!.complexity, 0);
  const order = [...needs.keys()]
    .map((room) => ({ room, open: closable.has(room) ? 0 : 1, work: work(room) }))
    .sort((a, b) => a.open - b.open || a.work - b.work || (a.room < b.room ? -1 : 1));
  const roomRank = new Map(order.map(({ room }, i) => [room, i]));
  const unitRank = new Map<string, number>();
  for (const { room } of order)
    for (const id of needs.get(room)!) if (!unitRank.has(id)) unitRank.set(id, roomRank.get(room)!);
  return { roomRank, unitRank };
}

export function planRoom({ room, systems, rules, planningStart }: RoomInput): RoomPlan {
  const cloudSite = rules.decommission.cloudSiteRooms.includes(room.id);
  const blockers: { system: string; reason: Text }[] = [];
  let last = planningStart;
  for (const { system, disposition, date, unscheduledWhy } of systems) {
    if (disposition === "retain") {
      const until = system.retain?.until;
      const ref = system.retain?.approvalRef ?? "";
      blockers.push({
        system: system.id,
        reason: {
          zh: `凭批文 ${ref} 暂缓迁移${until ? `，至 ${until}` : ""}`,
          en: `retained${until ? ` until ${until}` : ""} by approval ${ref}`,
        },
      });
    } else if (disposition === "exclude") {
      blockers.push({
        system: system.id,
        reason: {
          zh: "涉密系统：须先迁入电子政务内网（不在本计划内）",
          en: "classified: must first move to the classified intranet (outside this plan)",
        },
      });
    } else if (date === null) {
      blockers.push({
        system: system.id,
        reason: {
          zh: `未排期：${unscheduledWhy?.zh ?? "无日期"}`,
          en: `not scheduled: ${unscheduledWhy?.en ?? "no date"}`,
        },
      });
    } else {
      const done = disposition === "retire" ? date : addDays(date, rules.cutover.observationDays);
      if (done > last) last = done;
    }
  }
  const leaving = systems.filter(({ disposition }) => !STAYS_IN_ROOM.includes(disposition));
  // Saved: the O&M of the systems that stop (retired, merged). Systems that move keep their O&M on the cloud.
  const stopping = systems.filter(({ disposition }) => STOPS_RUNNING.includes(disposition)).map(({ system }) => system);
  const omCost = Math.round(stopping.reduce((n, system) => n + (system.omCost10kCny ?? 0), 0) * 100) / 100;
  const losing = systems.filter((s) => s.losesFunding).map(({ system }) => system);
  return {
    id: room.id,
    name: room.name,
    department: room.department ?? null,
    systems: systems
      .map(({ system, disposition, date }) => ({ id: system.id, disposition, date }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
    cloudSite,
    closeDate: cloudSite || blockers.length > 0 ? null : last,
    blockers: cloudSite ? [] : blockers,
    steps: roomSteps(
      room,
      leaving.map(({ system }) => system),
      rules,
      cloudSite,
      { omCost, stopping, losing },
      cloudSite ? [] : blockers,
    ),
    omCostSaved10kCny: omCost,
  };
}

/**
 * The steps to close a room, in order: wipe what leaves, dispose of its hardware, then what
 * becomes of the room itself (kept as the cloud's site, kept running for the systems that
 * stay, or its lines withdrawn and its power cut), then the ledger and the contracts.
 */
function roomSteps(
  room: Room,
  leaving: readonly System[],
  rules: PlannerRules,
  cloudSite: boolean,
  money: FundingInput,
  blockers: readonly { system: string; reason: Text }[],
): RoomStep[] {
  const servers = leaving.reduce((n, s) => n + serverCount(s), 0);
  return [
    archiveWipeStep(leaving, servers),
    {
      step: "hardware",
      title: { zh: "硬件处置（回收或报废）", en: "Hardware: reclaim or scrap" },
      detail: hardwareDisposition(room, servers, rules),
    },
    ...roomFateSteps(room, cloudSite, blockers),
    {
      step: "asset-ledger",
      title: { zh: "更新资产台账", en: "Update the asset ledger" },
      detail: {
        zh: "登记设备去向（回收/报废）与系统状态",
        en: "record where each device went (reclaimed or scrapped) and each system's state",
      },
    },
    {
      step: "contracts-funding",
      title: { zh: "终止停用系统的运维合同", en: "End the O&M contracts of the systems that stop" },
      detail: fundingDetail(money),
    },
  ];
}

/** Every server of the systems that leave is archived, then wiped. */
function archiveWipeStep(leaving: readonly System[], servers: number): RoomStep {
  return {
    step: "archive-wipe",
    title: { zh: "数据归档与安全擦除", en: "Archive and secure wipe" },
    detail: {
      zh:
        `逐台归档并安全擦除 ${servers} 台服务器的存储：` +
        (leaving.map((s) => `${s.name}（${serverCount(s)} 台）`).join("、") || "无"),
      en:
        `archive, then securely wipe the storage of ${servers} servers: ` +
        (leaving.map((s) => `${s.id} (${serverCount(s)})`).join(", ") || "none"),
    },
  };
}

/** Hardware younger than the policy's limit is reclaimed into the pool, older is scrapped (seed 003). */
function hardwareDisposition(room: Room, servers: number, rules: PlannerRules): Text {
  const age = room.hardwareAgeYears;
  const limit = rules.decommission.reclaimMaxHardwareAgeYears;
  if (age === undefined)
    return {
      zh: `硬件使用年限未登记：逐台评估，不满 ${limit} 年的回收入资源池，其余报废`,
      en: `hardware age not recorded: assess each server; under ${limit} years reclaim to the pool, else scrap`,
    };
  if (age < limit)
    return {
      zh: `硬件平均使用 ${age} 年（不满 ${limit} 年）：${servers} 台服务器回收入资源池`,
      en: `hardware ${age} years old on average (under ${limit}): reclaim the ${servers} servers into the pool`,
    };
  return {
    zh: `硬件平均使用 ${age} 年（满 ${limit} 年）：${servers} 台服务器按规定报废`,
    en: `hardware ${age} years old on average (${limit} or more): scrap the ${servers} servers`,
  };
}

/**
 * What becomes of the room: the cloud's own site stays as it is; a room where systems stay
 * keeps their power, cooling and lines; any other room has its lines withdrawn (seed 000)
 * and its power cut.
 */
function roomFateSteps(
  room: Room,
  cloudSite: boolean,
  blockers: readonly { system: string; reason: Text }[],
): RoomStep[] {
  if (cloudSite)
    return [
      {
        step: "keep-site",
        title: { zh: "保留为政务云站点", en: "Kept as the cloud's site" },
        detail: {
          zh: "机房保留，承载政务云与外网节点，不断电",
          en: "the room stays: it hosts the cloud and the extranet node; power stays on",
        },
      },
    ];
  if (blockers.length > 0) {
    const who = blockers.map((b) => b.system).join("、");
    return [
      {
        step: "keep-running",
        title: { zh: "暂保留供电、空调与专线", en: "Keep power, cooling and lines for now" },
        detail: {
          zh: `${who} 仍在本机房运行：保留其所用的供电、空调与业务专线；待其迁出后再撤销专线、断电关闭机房`,
          en:
            `${blockers.map((b) => b.system).join(", ")} still run here: ` +
            `keep the power, cooling and private lines they use; ` +
            `withdraw the lines and power down only after they leave`,
        },
      },
    ];
  }
  const lines = room.privateLines;
  return [
    {
      step: "private-lines",
      title: { zh: "撤销业务专线", en: "Withdraw the private lines" },
      detail: lines.length
        ? {
            zh: `撤销：${lines.map((l) => privateLineText(l).zh).join("、")}`,
            en: `withdraw: ${lines.map((l) => privateLineText(l).en).join("; ")}`,
          }
        : { zh: "无业务专线", en: "no private lines end here" },
    },
    {
      step: "power-cooling",
      title: { zh: "断电与空调停机", en: "Power and cooling off" },
      detail: {
        zh: "切断机柜供电，停用精密空调与UPS",
        en: "cut rack power, stop the precision air conditioning and the UPS",
      },
    },
  ];
}

/** A private line with its carrier and bandwidth, as the withdrawal step lists it. */
function privateLineText(line: PrivateLine): Text {
  const zhBandwidth = line.bandwidthMbps ? `，${line.bandwidthMbps} Mbps` : "";
  const enBandwidth = line.bandwidthMbps ? `, ${line.bandwidthMbps} Mbps` : "";
  return {
    zh: line.carrier ? `${line.name}（${line.carrier}${zhBandwidth}）` : `${line.name}${zhBandwidth}`,
    // Without a carrier the English names the line alone (the Chinese still gives its bandwidth).
    en: line.carrier ? `${line.name} (${line.carrier}${enBandwidth})` : line.name,
  };
}

/** The money side of a room: what its stopping systems cost, and which systems lose their funding. */
interface FundingInput {
  readonly omCost: number;
  readonly stopping: readonly System[];
  readonly losing: readonly System[];
}

/**
 * Money, as the seeds put it: the O&M contracts of the systems that stop (retired, merged)
 * end, which is what the room saves; systems that move keep their O&M on the cloud; O&M
 * funding stops next year only for the systems that should have moved and will not have
 * (seeds 002–004), named here.
 */
function fundingDetail({ omCost, stopping, losing }: FundingInput): Text {
  const ended = stopping.length
    ? {
        zh: `终止 ${stopping.map((s) => s.name).join("、")} 的运维合同（每年约 ${omCost} 万元）`,
        en: `end the O&M contracts of ${stopping.map((s) => s.id).join(", ")} (about ${omCost} × 10,000 CNY a year)`,
      }
    : { zh: "本机房没有停止运行的系统，无运维合同可终止", en: "no system of this room stops, so no O&M contract ends" };
  const moved = {
    zh: "迁移上云的系统在云上继续运维，经费照常",
    en: "systems that move keep their O&M, and its funding, on the cloud",
  };
  const lost = losing.length
    ? {
        zh: `；${losing.map((s) => s.name).join("、")} 应迁未迁（最后期限前未完成迁移），次年起不再安排运维经费（泸州、国家方案、枣庄方案）`,
        en:
          `; ${losing.map((s) => s.id).join(", ")} should have moved by the last deadline and will not have: ` +
          `no O&M funding from next year (seeds 002–004)`,
      }
    : { zh: "", en: "" };
  return { zh: `${ended.zh}；${moved.zh}${lost.zh}`, en: `${ended.en}; ${moved.en}${lost.en}` };
}
