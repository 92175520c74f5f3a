/**
 * The departments of a synthetic estate and their server rooms: cities of four districts,
 * each district with its bureaus and towns and one main machine room (政务外网总机房), and
 * some bureaus with a room of their own, often on a business private network.
 */
import type { Department, Room } from "../inventory/model";
import type { Random } from "./random";

const CITIES = [
  "潍坊",
  "淄博",
  "泸州",
  "枣庄",
  "临沂",
  "德州",
  "聊城",
  "滨州",
  "菏泽",
  "济宁",
  "泰安",
  "威海",
  "日照",
  "烟台",
  "东营",
  "莱芜",
];
const DISTRICTS = ["东城", "西城", "南湖", "北山", "新区", "高新", "滨海", "河西", "城关", "开发"];
const TOWNS = ["王村", "北郊", "南郊", "萌水", "永安", "丝绸路", "大街", "青年路", "城北路", "商家", "周家", "李家"];
/** Bureaux: name, id key, and the short name staff write in system names (教体局). */
const BUREAUS: readonly (readonly [string, string, string])[] = [
  ["政府办公室", "office", "政府办"],
  ["发展和改革局", "drc", "发改局"],
  ["教育体育局", "edu", "教体局"],
  ["公安局", "ps", "公安局"],
  ["民政局", "ca", "民政局"],
  ["司法局", "justice", "司法局"],
  ["财政局", "fin", "财政局"],
  ["人力资源和社会保障局", "hrss", "人社局"],
  ["自然资源局", "land", "自然资源局"],
  ["住房和城乡建设局", "housing", "住建局"],
  ["交通运输局", "transport", "交通局"],
  ["农业农村局", "agri", "农业局"],
  ["商务局", "commerce", "商务局"],
  ["文化和旅游局", "culture", "文旅局"],
  ["卫生健康局", "health", "卫健局"],
  ["审计局", "audit", "审计局"],
  ["统计局", "stats", "统计局"],
  ["市场监督管理局", "msa", "市场监管局"],
  ["综合行政执法局", "cityman", "执法局"],
  ["行政审批服务局", "sc", "审批局"],
  ["大数据中心", "ic", "大数据中心"],
];
/** A district's bureaus: the first fifteen, and the big-data centre that runs its main room. */
const DISTRICT_BUREAUS = BUREAUS.slice(0, 15).concat([BUREAUS[20]!]);
const TOWNS_PER_DISTRICT = 6;
const DISTRICTS_PER_CITY = 4;

/** The departments and rooms, and what the systems generated next need to know of them. */
export interface Organisation {
  readonly departments: Department[];
  readonly rooms: Room[];
  /** The short name staff write for a bureau in its systems' names (教体局); towns have none. */
  readonly shortNameOf: Map<string, string>;
  /** The room of a department that has one, otherwise its district's main room. */
  readonly ownRoomOf: Map<string, string>;
  readonly mainRoomOf: Map<string, string>;
}

/** Where a department's systems run: its own room if it has one, otherwise its district's main room. */
export function serverRoomOf(organisation: Organisation, department: string): string {
  return organisation.ownRoomOf.get(department) ?? organisation.mainRoomOf.get(department)!;
}

/** Enough districts for about 40 systems a department; a district has 15 bureaus and 6 towns, a city 4 districts. */
export function generateOrganisation(random: Random, systems: number): Organisation {
  const organisation: Organisation = {
    departments: [],
    rooms: [],
    shortNameOf: new Map(),
    ownRoomOf: new Map(),
    mainRoomOf: new Map(),
  };
  const districtsNeeded = Math.max(1, Math.ceil(systems / (40 * 21)));
  const cities = Math.max(1, Math.ceil(districtsNeeded / DISTRICTS_PER_CITY));
  for (let c = 0; c < cities; c++) {
    const city = `${CITIES[c % CITIES.length]}${c >= CITIES.length ? Math.floor(c / CITIES.length) + 1 : ""}`;
    for (let d = 0; d < Math.min(DISTRICTS_PER_CITY, districtsNeeded - c * DISTRICTS_PER_CITY); d++)
      addDistrict(random, organisation, city, `${DISTRICTS[d % DISTRICTS.length]}`, `c${c}d${d}`);
  }
  return organisation;
}

/** One district: its main room (run by the big-data centre), its bureaus, its towns and streets under its office. */
function addDistrict(random: Random, organisation: Organisation, city: string, district: string, prefix: string): void {
  const mainRoom = `${prefix}-room-main`;
  organisation.rooms.push({
    id: mainRoom,
    name: `${city}市${district}区政务外网总机房`,
    department: `${prefix}-ic`,
    location: `${city}市${district}区政府大楼`,
    tenure: "owned",
    hardwareAgeYears: random.int(2, 6),
    privateLines: [],
  });
  for (const [bureau, key, short] of DISTRICT_BUREAUS) {
    const id = `${prefix}-${key}`;
    organisation.departments.push({ id, name: `${city}市${district}区${bureau}`, level: "district" });
    organisation.mainRoomOf.set(id, mainRoom);
    organisation.shortNameOf.set(id, short);
    if (key !== "ic" && random.chance(0.25)) {
      const room = bureauRoom(random, id, city, district, bureau);
      organisation.rooms.push(room);
      organisation.ownRoomOf.set(id, room.id);
    }
  }
  for (let t = 0; t < TOWNS_PER_DISTRICT; t++) {
    const id = `${prefix}-town-${t}`;
    organisation.departments.push({
      id,
      name: `${city}市${district}区${TOWNS[t % TOWNS.length]}${t % 2 === 0 ? "镇" : "街道"}`,
      level: "town",
      parent: `${prefix}-office`,
    });
    organisation.mainRoomOf.set(id, mainRoom);
  }
}

/**
 * A bureau's own machine room, older than the main room and sometimes rented, often with a
 * business private line (业务专网) that its systems' migration must keep reaching.
 */
function bureauRoom(random: Random, department: string, city: string, district: string, bureau: string): Room {
  return {
    id: `${department}-room`,
    name: `${city}市${district}区${bureau}机房`,
    department,
    location: `${district}区${bureau}办公楼`,
    tenure: random.chance(0.3) ? "rented" : "owned",
    hardwareAgeYears: random.int(2, 12),
    privateLines: random.chance(0.6)
      ? [
          {
            name: `${bureau}业务专网`,
            carrier: random.pick(["中国联通", "中国电信", "中国移动"]),
            bandwidthMbps: random.pick([10, 20, 100]),
          },
        ]
      : [],
  };
}
