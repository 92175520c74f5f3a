/**
 * A network diagram of a stack, drawn offline from its preview: the internet and the
 * unified exit on top, the public-service domain (its DMZ on the exit) and the
 * administrative-service domain side by side, the exchange platform between them, and
 * each department tenant's subnets below. Hand-written SVG; deterministic.
 */
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

export function renderNetworkDiagram(result: PreviewResult): string {
  const of = (suffix: string) => result.resources.filter((r) => r.type.endsWith(suffix));
  const subnets = of(":Subnet");
  const zones = (domain: string) =>
    of(":Network")
      .filter((n) => tagValue(n, "domain") === domain)
      .map((n) => ({
        zone: tagValue(n, "zone") ?? "?",
        name: n.name,
        subnets: subnets.filter((s) => tagValue(s, "domain") === domain && tagValue(s, "zone") === tagValue(n, "zone")),
      }))
      .sort((a, b) => ZONE_ORDER.indexOf(a.zone) - ZONE_ORDER.indexOf(b.zone));
  const exchange = subnets.find((s) => s.name === "exchange-platform-subnet");
  const transit = subnets.find((s) => s.name === "internet-exit-transit-subnet");
  const tenants = [
    ...new Set(subnets.map((s) => tagValue(s, "department")).filter((d): d is string => d !== undefined)),
  ].sort();
  const fips = of(":FloatingIp").length;

  const width = 1100;
  const parts: string[] = [];
  const exitBox = { x: 380, y: 90, w: 340, h: 56 };
  parts.push(rect({ x: 470, y: 16, w: 160, h: 40 }, "#f4f4f4", "#888"), label(550, 41, "互联网 Internet", 14, "bold"));
  parts.push(
    line(550, 56, 550, exitBox.y),
    rect(exitBox, "#fff3e0", "#e08a00"),
    label(550, 113, "统一互联网出口 unified internet exit", 14, "bold"),
    label(550, 134, `internet-exit-router · SNAT · ${fips} floating IP(s), DMZ only`, 11),
  );

  const domainBox = (domain: "public" | "admin", x: number, title: string, colour: string, fill: string) => {
    const list = zones(domain);
    const h = 70 + list.length * 46;
    const box = { x, y: 200, w: 420, h };
    parts.push(
      rect(box, fill, colour),
      label(x + 210, 224, title, 15, "bold"),
      label(x + 210, 243, `${domain}-core-router`, 11),
    );
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
    return box;
  };
  const pub = domainBox("public", 20, "公共服务域 public-service domain", "#1f6fb2", "#eef5fc");
  const adm = domainBox("admin", 660, "行政服务域 administrative-service domain", "#2e7d32", "#eef7ee");
  parts.push(
    line(550, exitBox.y + exitBox.h, pub.x + pub.w / 2, pub.y, "#e08a00"),
    label(420, 180, `transit ${text(transit?.inputs.cidr)}`, 11),
  );
  parts.push(label(adm.x + adm.w / 2, adm.y - 10, "no route to the internet", 11, "normal"));

  const exY = 200 + Math.max(pub.h, adm.h) + 40;
  const exBox = { x: 380, y: exY, w: 340, h: 56 };
  parts.push(
    rect(exBox, "#f3e5f5", "#8e24aa"),
    label(550, exY + 23, "共享交换平台 exchange platform", 14, "bold"),
    label(550, exY + 43, `${text(exchange?.inputs.cidr)} · the only path between the domains`, 11),
  );
  parts.push(
    line(pub.x + pub.w / 2, pub.y + pub.h, exBox.x + 40, exY, "#8e24aa"),
    line(adm.x + adm.w / 2, adm.y + adm.h, exBox.x + exBox.w - 40, exY, "#8e24aa"),
  );

  let y = exY + 100;
  parts.push(label(20, y, `部门租户 department tenants (${tenants.length})`, 15, "bold", "start"));
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
  const height = y + 20;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ` +
    `${height}">\n<title>${xml(`network of stack ${result.stack}`)}</title>\n<rect width="100%" height="100%" ` +
    `fill="#ffffff"/>\n${parts.join("\n")}\n</svg>\n`
  );
}
