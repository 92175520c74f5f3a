/**
 * A network diagram of a stack, drawn offline from its preview: the internet and the
 * unified exit on top, the public-service domain (its DMZ on the exit) and the
 * administrative-service domain side by side, the exchange platform between them, and
 * each department tenant's subnets below. Hand-written SVG; deterministic.
 */
import { coreRouterName, EXIT_ROUTER } from "../components/landing-zone/topology";
import { xml } from "../migration/plan/render/svg";
import { tagValue } from "../network-rules/rules";
import type { PreviewResult } from "./preview";

/** A recorded input shown as text: a string as it is, anything else not at all. */
const text = (value: unknown): string => (typeof value === "string" ? value : "");

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const ZONE_ORDER = ["dmz", "app", "data", "mgmt"];
const FONT = 'font-family="Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"';

function rect(box: Box, fill: string, stroke: string, dashed = false): string {
  return (
    `<rect x="${box.x}" y="${box.y}" width="${box.w}" height="${box.h}" rx="6" fill="${fill}" ` +
    `stroke="${stroke}"${dashed ? ' stroke-dasharray="6 4"' : ""}/>`
  );
}

function label(x: number, y: number, text: string, size = 13, weight = "normal", anchor = "middle"): string {
  return (
    `<text x="${x}" y="${y}" ${FONT} font-size="${size}" font-weight="${weight}" ` +
    `text-anchor="${anchor}">${xml(text)}</text>`
  );
}

function line(x1: number, y1: number, x2: number, y2: number, colour = "#555", dashed = false): string {
  return (
    `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${colour}" ` +
    `stroke-width="2"${dashed ? ' stroke-dasharray="6 4"' : ""}/>`
  );
}

/** What the diagram shows of a preview: each domain's zones with their subnets, the links' ranges, the tenants. */
interface NetworkView {
  readonly zones: (domain: string) => { zone: string; name: string; subnets: readonly Resource[] }[];
  readonly subnets: readonly Resource[];
  readonly exchangeCidr: unknown;
  readonly transitCidr: unknown;
  /** The departments that have a subnet, sorted. */
  readonly tenants: readonly string[];
  readonly floatingIps: number;
}

type Resource = PreviewResult["resources"][number];

const WIDTH = 1100;
const EXIT_BOX: Box = { x: 380, y: 90, w: 340, h: 56 };
/** Where the domains' boxes start: below the exit and the transit link's label. */
const DOMAINS_Y = 200;

export function renderNetworkDiagram(result: PreviewResult): string {
  const network = networkView(result);
  const parts = internetAndExit(network.floatingIps);
  const pub = domainBox(network, "public", 20, "公共服务域 public-service domain", "#1f6fb2", "#eef5fc");
  const adm = domainBox(network, "admin", 660, "行政服务域 administrative-service domain", "#2e7d32", "#eef7ee");
  parts.push(...pub.parts, ...adm.parts);
  parts.push(
    line(550, EXIT_BOX.y + EXIT_BOX.h, pub.box.x + pub.box.w / 2, pub.box.y, "#e08a00"),
    label(420, 180, `transit ${text(network.transitCidr)}`, 11),
  );
  parts.push(label(adm.box.x + adm.box.w / 2, adm.box.y - 10, "no route to the internet", 11, "normal"));
  const exY = DOMAINS_Y + Math.max(pub.box.h, adm.box.h) + 40;
  parts.push(...exchangePlatform(exY, pub.box, adm.box, network.exchangeCidr));
  const tenants = tenantTable(exY + 100, network);
  parts.push(...tenants.parts);
  return svg(`network of stack ${result.stack}`, tenants.y + 20, parts);
}

function networkView(result: PreviewResult): NetworkView {
  const of = (suffix: string) => result.resources.filter((r) => r.type.endsWith(suffix));
  const subnets = of(":Subnet");
  return {
    zones: (domain) =>
      of(":Network")
        .filter((n) => tagValue(n, "domain") === domain)
        .map((n) => ({
          zone: tagValue(n, "zone") ?? "?",
          name: n.name,
          subnets: subnets.filter(
            (s) => tagValue(s, "domain") === domain && tagValue(s, "zone") === tagValue(n, "zone"),
          ),
        }))
        .sort((a, b) => ZONE_ORDER.indexOf(a.zone) - ZONE_ORDER.indexOf(b.zone)),
    subnets,
    exchangeCidr: subnets.find((s) => s.name === "exchange-platform-subnet")?.inputs.cidr,
    transitCidr: subnets.find((s) => s.name === "internet-exit-transit-subnet")?.inputs.cidr,
    tenants: [
      ...new Set(subnets.map((s) => tagValue(s, "department")).filter((d): d is string => d !== undefined)),
    ].sort(),
    floatingIps: of(":FloatingIp").length,
  };
}

/** The internet on top and, below it, the unified exit: the only way out, with the floating IPs it carries. */
function internetAndExit(floatingIps: number): string[] {
  return [
    rect({ x: 470, y: 16, w: 160, h: 40 }, "#f4f4f4", "#888"),
    label(550, 41, "互联网 Internet", 14, "bold"),
    line(550, 56, 550, EXIT_BOX.y),
    rect(EXIT_BOX, "#fff3e0", "#e08a00"),
    label(550, 113, "统一互联网出口 unified internet exit", 14, "bold"),
    label(550, 134, `${EXIT_ROUTER} · SNAT · ${floatingIps} floating IP(s), DMZ only`, 11),
  ];
}

/** A domain with its core router and a row per zone; the DMZ is dashed in the exit's colour: it hangs on the exit. */
function domainBox(
  network: NetworkView,
  domain: "public" | "admin",
  x: number,
  title: string,
  colour: string,
  fill: string,
): { box: Box; parts: string[] } {
  const list = network.zones(domain);
  const h = 70 + list.length * 46;
  const box = { x, y: DOMAINS_Y, w: 420, h };
  const parts = [
    rect(box, fill, colour),
    label(x + 210, 224, title, 15, "bold"),
    label(x + 210, 243, coreRouterName(domain), 11),
  ];
  list.forEach((zone, i) => {
    const y = 256 + i * 46;
    const onExit = zone.zone === "dmz";
    parts.push(
      rect({ x: x + 16, y, w: 388, h: 38 }, "#ffffff", onExit ? "#e08a00" : colour, onExit),
      label(x + 28, y + 17, `${zone.zone.toUpperCase()} zone · ${zone.name}`, 12, "bold", "start"),
      label(
        x + 28,
        y + 32,
        `${zone.subnets.length} subnet(s)${onExit ? " · on the exit router" : ""}`,
        11,
        "normal",
        "start",
      ),
    );
  });
  return { box, parts };
}

/** The exchange platform below the domains, linked to both: the only path between them. */
function exchangePlatform(y: number, pub: Box, adm: Box, cidr: unknown): string[] {
  const box = { x: 380, y, w: 340, h: 56 };
  return [
    rect(box, "#f3e5f5", "#8e24aa"),
    label(550, y + 23, "共享交换平台 exchange platform", 14, "bold"),
    label(550, y + 43, `${text(cidr)} · the only path between the domains`, 11),
    line(pub.x + pub.w / 2, pub.y + pub.h, box.x + 40, y, "#8e24aa"),
    line(adm.x + adm.w / 2, adm.y + adm.h, box.x + box.w - 40, y, "#8e24aa"),
  ];
}

/** A row per department tenant: its public and admin subnets' ranges; and where the table ends. */
function tenantTable(top: number, { tenants, subnets }: NetworkView): { parts: string[]; y: number } {
  let y = top;
  const parts = [label(20, y, `部门租户 department tenants (${tenants.length})`, 15, "bold", "start")];
  y += 14;
  parts.push(
    label(20, y + 14, "department", 11, "bold", "start"),
    label(260, y + 14, "public: dmz / app / data", 11, "bold", "start"),
    label(680, y + 14, "admin: app / data", 11, "bold", "start"),
  );
  y += 22;
  for (const tenant of tenants) {
    const cidrs = (domain: string) =>
      ["dmz", "app", "data"]
        .map(
          (zone) =>
            subnets.find(
              (s) =>
                tagValue(s, "department") === tenant &&
                tagValue(s, "domain") === domain &&
                tagValue(s, "zone") === zone,
            )?.inputs.cidr,
        )
        .filter(Boolean)
        .join(" / ");
    parts.push(
      label(20, y + 12, tenant, 11, "normal", "start"),
      label(260, y + 12, cidrs("public") || "—", 11, "normal", "start"),
      label(680, y + 12, cidrs("admin") || "—", 11, "normal", "start"),
    );
    y += 18;
  }
  return { parts, y };
}

function svg(title: string, height: number, parts: readonly string[]): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ` +
    `${height}">\n<title>${xml(title)}</title>\n<rect width="100%" height="100%" ` +
    `fill="#ffffff"/>\n${parts.join("\n")}\n</svg>\n`
  );
}
