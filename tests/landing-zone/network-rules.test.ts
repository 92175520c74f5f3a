/**
 * The network rules at the domains' boundaries, one case per edge, on a small landing zone laid
 * out as the components lay it out (names and tags as in zhoucun). References are resolved by
 * mock ids, as in the offline preview: a property holds `<name>-id`.
 */
import { describe, expect, it } from "vitest";
import { checkNetworkRules, mockIdContext, type RuleResource } from "../../src/network-rules/rules";

const STACK = "urn:pulumi:zhoucun::govcloud::";
const OPENSTACK = `${STACK}pulumi:providers:openstack::zhoucun-openstack::zhoucun-openstack-id`;
const TYPE = {
  router: "openstack:networking/router:Router",
  route: "openstack:networking/routerRoute:RouterRoute",
  link: "openstack:networking/routerInterface:RouterInterface",
  subnet: "openstack:networking/subnet:Subnet",
  port: "openstack:networking/port:Port",
  fip: "openstack:networking/floatingIp:FloatingIp",
  group: "openstack:networking/secGroup:SecGroup",
  rule: "openstack:networking/secGroupRule:SecGroupRule",
  network: "openstack:networking/network:Network",
};
const id = (name: string) => `${name}-id`;
const tags = (...pairs: string[]) => ["govcloud", ...pairs];

function resource(type: string, name: string, inputs: Record<string, unknown>): RuleResource {
  return { urn: `${STACK}${type}::${name}`, type, name, provider: OPENSTACK, custom: true, inputs };
}
const router = (name: string, pairs: string[], more: Record<string, unknown> = {}) =>
  resource(TYPE.router, name, { name, tags: tags(...pairs), ...more });
const subnet = (name: string, ...pairs: string[]) => resource(TYPE.subnet, name, { name, tags: tags(...pairs) });
const port = (name: string, on: string, more: Record<string, unknown> = {}) =>
  resource(TYPE.port, name, { fixedIps: [{ subnetId: id(on) }], ...more });
const link = (name: string, on: string, to: { subnet: string } | { port: string }) =>
  resource(TYPE.link, name, {
    routerId: id(on),
    ...("subnet" in to ? { subnetId: id(to.subnet) } : { portId: id(to.port) }),
  });
const route = (name: string, on: string, destinationCidr: unknown) =>
  resource(TYPE.route, name, { routerId: id(on), destinationCidr, nextHop: "10.99.0.2" });
const fip = (name: string, portId: string | undefined) =>
  resource(TYPE.fip, name, { pool: "internet", ...(portId ? { portId: id(portId) } : {}) });
const worldRule = (name: string, group: string, from: number, to = from, more: Record<string, unknown> = {}) =>
  resource(TYPE.rule, name, {
    securityGroupId: id(group),
    direction: "ingress",
    protocol: "tcp",
    portRangeMin: from,
    portRangeMax: to,
    remoteIpPrefix: "0.0.0.0/0",
    ...more,
  });

/** Both domains' core routers, the exit with the DMZ, the exchange, one published web server. */
const LANDING_ZONE: RuleResource[] = [
  router("admin-core-router", ["domain=admin", "role=core-router"]),
  router("public-core-router", ["domain=public", "role=core-router"]),
  router("internet-exit-router", ["role=internet-exit"], { externalNetworkId: "ext-net" }),
  subnet("hrss-admin-app", "department=hrss", "domain=admin", "zone=app"),
  subnet("hrss-public-app", "department=hrss", "domain=public", "zone=app"),
  subnet("hrss-public-dmz", "department=hrss", "domain=public", "zone=dmz"),
  subnet("exchange-platform-subnet", "role=exchange-platform"),
  subnet("internet-exit-transit-subnet", "role=internet-exit"),
  link("hrss-admin-app-if", "admin-core-router", { subnet: "hrss-admin-app" }),
  link("hrss-public-app-if", "public-core-router", { subnet: "hrss-public-app" }),
  link("hrss-public-dmz-if", "internet-exit-router", { subnet: "hrss-public-dmz" }),
  port("exchange-platform-admin-port", "exchange-platform-subnet", {
    tags: tags("role=exchange-platform", "domain=admin"),
  }),
  port("exchange-platform-public-port", "exchange-platform-subnet", {
    tags: tags("role=exchange-platform", "domain=public"),
  }),
  link("exchange-platform-admin-if", "admin-core-router", { port: "exchange-platform-admin-port" }),
  link("exchange-platform-public-if", "public-core-router", { port: "exchange-platform-public-port" }),
  port("internet-exit-router-transit-port", "internet-exit-transit-subnet", { tags: tags("role=internet-exit") }),
  port("internet-exit-router-public-core-port", "internet-exit-transit-subnet", { tags: tags("role=internet-exit") }),
  link("internet-exit-router-transit-if", "internet-exit-router", { port: "internet-exit-router-transit-port" }),
  link("internet-exit-router-public-core-if", "public-core-router", { port: "internet-exit-router-public-core-port" }),
  route("public-core-router-route-0-0-0-0-0", "public-core-router", "0.0.0.0/0"),
  route("internet-exit-router-route-10-20-0-0-16", "internet-exit-router", "10.20.0.0/16"),
  resource(TYPE.group, "portal-web", { name: "hrss-portal-web" }),
  port("portal-web-1-port", "hrss-public-dmz", {
    securityGroupIds: [id("portal-web")],
    tags: tags("system=hrss-portal", "domain=public"),
  }),
  fip("portal-web-1-fip", "portal-web-1-port"),
  worldRule("portal-web-https", "portal-web", 443),
  worldRule("portal-web-http", "portal-web", 80),
  resource(TYPE.group, "payroll-app", { name: "hrss-payroll-app" }),
  port("payroll-app-1-port", "hrss-admin-app", {
    securityGroupIds: [id("payroll-app")],
    tags: tags("system=hrss-payroll", "domain=admin"),
  }),
];

const DOMAIN_CIDRS = { admin: "10.10.0.0/16", public: "10.20.0.0/16" };

/** The violations of the landing zone with `extra` added, as [policy, message]. */
function violations(
  extra: RuleResource[],
  base: RuleResource[] = LANDING_ZONE,
  domainCidrs = DOMAIN_CIDRS,
): string[][] {
  const resources = [...base, ...extra];
  const context = mockIdContext(resources, {
    buildable: new Set(["hrss-portal", "hrss-payroll"]),
    known: new Set(["hrss-portal", "hrss-payroll", "hrss-archive"]),
    domainCidrs,
  });
  return checkNetworkRules(resources, context).map((v) => [v.rule, v.message]);
}

it("a landing zone laid out as the components lay it out passes every rule", () => {
  expect(violations([])).toEqual([]);
});

describe("the admin domain has no internet", () => {
  it("a default route on the admin core router is refused; one to the old machine room is not the internet", () => {
    expect(
      violations([
        route("admin-core-router-route-0-0-0-0-0", "admin-core-router", "0.0.0.0/0"),
        route("admin-core-router-route-172-16-0-0-12", "admin-core-router", "172.16.0.0/12"),
      ]),
    ).toEqual([
      [
        "admin-domain-has-no-internet",
        "route admin-core-router-route-0-0-0-0-0 sends the admin domain's traffic to 0.0.0.0/0",
      ],
    ]);
  });

  it("a route to any public range is the internet too: half the space, a public block, or one that spills over", () => {
    const destinations = {
      "upper-half": "128.0.0.0/1",
      "public-block": "59.255.0.0/16",
      "wider-than-private": "10.0.0.0/7",
      "private-line": "100.64.0.0/10",
      "old-room": "192.168.10.0/24",
      "own-domain": "10.0.0.0/12",
      unreadable: "next to the printer",
    };
    const names = Object.keys(destinations);
    const why = ", which is neither private address space nor the cloud's own";
    expect(
      violations(names.map((name) => route(name, "admin-core-router", destinations[name as keyof typeof destinations])))
        .filter(([rule]) => rule === "admin-domain-has-no-internet")
        .map(([, message]) => message),
    ).toEqual([
      `route public-block sends the admin domain's traffic to 59.255.0.0/16${why}`,
      "route unreadable sends the admin domain's traffic to next to the printer, which is not a CIDR govcloud can read",
      `route upper-half sends the admin domain's traffic to 128.0.0.0/1${why}`,
      `route wider-than-private sends the admin domain's traffic to 10.0.0.0/7${why}`,
    ]);
  });

  it("an extranet numbered in registered space is not the internet once the address plan declares it", () => {
    const extranet = { admin: "59.255.0.0/20", public: "59.255.16.0/20" };
    const provincial = [route("provincial", "admin-core-router", "59.255.8.0/24")];
    const rule = ([name]: string[]) => name === "admin-domain-has-no-internet";
    expect(violations(provincial, LANDING_ZONE, extranet).filter(rule)).toEqual([]);
    expect(violations(provincial).filter(rule)).toHaveLength(1);
    // An address plan the rule cannot read declares nothing (and breaks nothing).
    const unreadable = { admin: "the old admin range", public: "10.20.0.0/16" };
    expect(violations(provincial, LANDING_ZONE, unreadable).filter(rule)).toHaveLength(1);
  });

  it("a floating IP is refused when either its port or the port's subnet is of the admin domain", () => {
    const untaggedPort = port("payroll-app-2-port", "hrss-admin-app");
    const taggedPortElsewhere = resource(TYPE.port, "payroll-app-3-port", { tags: tags("domain=admin") });
    expect(
      violations([
        untaggedPort,
        taggedPortElsewhere,
        fip("payroll-app-2-fip", "payroll-app-2-port"),
        fip("payroll-app-3-fip", "payroll-app-3-port"),
      ]).filter(([policy]) => policy === "admin-domain-has-no-internet"),
    ).toEqual([
      [
        "admin-domain-has-no-internet",
        "floating IP payroll-app-2-fip is on a port of the admin domain (payroll-app-2-port)",
      ],
      [
        "admin-domain-has-no-internet",
        "floating IP payroll-app-3-fip is on a port of the admin domain (payroll-app-3-port)",
      ],
    ]);
  });
});

describe("floating IPs only in the public domain's DMZ", () => {
  it("a public app-zone port, a DMZ-tagged subnet of the admin domain and no port at all are refused", () => {
    const adminDmz = subnet("hrss-admin-dmz", "domain=admin", "zone=dmz");
    expect(
      violations([
        port("portal-app-1-port", "hrss-public-app"),
        fip("portal-app-1-fip", "portal-app-1-port"),
        adminDmz,
        port("odd-1-port", "hrss-admin-dmz"),
        fip("odd-1-fip", "odd-1-port"),
        // A floating IP left on no port (null) is not in the DMZ either.
        resource(TYPE.fip, "spare-fip", { pool: "internet", portId: null }),
      ]).filter(([policy]) => policy === "floating-ips-only-in-the-dmz"),
    ).toEqual([
      ["floating-ips-only-in-the-dmz", "floating IP odd-1-fip is on a port outside the DMZ (subnet hrss-admin-dmz)"],
      [
        "floating-ips-only-in-the-dmz",
        "floating IP portal-app-1-fip is on a port outside the DMZ (subnet hrss-public-app)",
      ],
      ["floating-ips-only-in-the-dmz", "floating IP spare-fip is on a port outside the DMZ (subnet unknown)"],
    ]);
  });

  it("a DMZ port's subnet is found whatever the order of its fixed IP's fields", () => {
    const addressFirst = resource(TYPE.port, "portal-web-2-port", {
      fixedIps: [{ ipAddress: "10.20.0.12", subnetId: id("hrss-public-dmz") }],
    });
    expect(violations([addressFirst, fip("portal-web-2-fip", "portal-web-2-port")])).toEqual([]);
  });
});

describe("the domains meet only at the exchange platform", () => {
  it("a subnet of one domain on the other domain's core router is refused, named or through a port on it", () => {
    expect(
      violations([
        link("hrss-admin-app-public-if", "public-core-router", { subnet: "hrss-admin-app" }),
        port("bridge-port", "hrss-public-app"),
        link("bridge-if", "admin-core-router", { port: "bridge-port" }),
      ]),
    ).toEqual([
      ["domains-meet-only-at-the-exchange", "bridge-if joins the public domain's app zone to the admin router"],
      [
        "domains-meet-only-at-the-exchange",
        "hrss-admin-app-public-if joins the admin domain's app zone to the public router",
      ],
    ]);
  });

  it("the exit router carries the public DMZ only: not a public app zone, not the exchange platform", () => {
    expect(
      violations([
        subnet("hrss-admin-dmz", "domain=admin", "zone=dmz"),
        link("hrss-admin-dmz-if", "internet-exit-router", { subnet: "hrss-admin-dmz" }),
        link("hrss-public-app-exit-if", "internet-exit-router", { subnet: "hrss-public-app" }),
        link("exchange-platform-exit-if", "internet-exit-router", { port: "exchange-platform-admin-port" }),
      ]),
    ).toEqual([
      ["domains-meet-only-at-the-exchange", "exchange-platform-exit-if joins the admin domain to the exit router"],
      ["domains-meet-only-at-the-exchange", "hrss-admin-dmz-if joins the admin domain's dmz zone to the exit router"],
      [
        "domains-meet-only-at-the-exchange",
        "hrss-public-app-exit-if joins the public domain's app zone to the exit router",
      ],
    ]);
  });

  it("a route from one core router into the other domain, or from the exit into the admin domain, is refused", () => {
    expect(
      violations([
        route("admin-core-router-route-10-20-1-0-24", "admin-core-router", "10.20.1.0/24"),
        route("public-core-router-route-10-10-0-0-16", "public-core-router", "10.10.0.0/16"),
        route("internet-exit-router-route-10-0-0-0-8", "internet-exit-router", "10.0.0.0/8"),
      ]),
    ).toEqual([
      [
        "domains-meet-only-at-the-exchange",
        "route admin-core-router-route-10-20-1-0-24 on the admin router leads into the public domain (10.20.1.0/24)",
      ],
      [
        "domains-meet-only-at-the-exchange",
        "route internet-exit-router-route-10-0-0-0-8 on the exit router leads into the admin domain (10.0.0.0/8)",
      ],
      [
        "domains-meet-only-at-the-exchange",
        "route public-core-router-route-10-10-0-0-16 on the public router leads into the admin domain (10.10.0.0/16)",
      ],
    ]);
  });

  it("routes within a domain, a destination not known yet and another stack's router are not judged here", () => {
    expect(
      violations([
        link("hrss-admin-app-foreign-if", "router-of-another-stack", { subnet: "hrss-admin-app" }),
        route("admin-core-router-route-10-10-8-0-24", "admin-core-router", "10.10.8.0/24"),
        route("public-core-router-route-pending", "public-core-router", undefined),
        route("foreign-router-route-10-10-0-0-16", "router-of-another-stack", "10.10.0.0/16"),
      ]),
    ).toEqual([]);
  });
});

describe("no ingress from anywhere but published DMZ services", () => {
  it("a world-open rule is refused unless it is 80 or 443 alone on a group used only by DMZ ports", () => {
    expect(
      violations([
        worldRule("portal-web-ssh", "portal-web", 22),
        worldRule("portal-web-range", "portal-web", 80, 443),
        worldRule("portal-web-alt", "portal-web", 8443),
        worldRule("payroll-app-https", "payroll-app", 443),
        resource(TYPE.group, "unused", { name: "unused" }),
        worldRule("unused-https", "unused", 443),
      ]).filter(([policy]) => policy === "no-ingress-from-anywhere-but-published-dmz-services"),
    ).toEqual([
      [
        "no-ingress-from-anywhere-but-published-dmz-services",
        "payroll-app-https opens port 443 to 0.0.0.0/0 on a group not only used in the DMZ",
      ],
      ["no-ingress-from-anywhere-but-published-dmz-services", "portal-web-alt opens port 8443 to 0.0.0.0/0"],
      ["no-ingress-from-anywhere-but-published-dmz-services", "portal-web-range opens port 80 to 0.0.0.0/0"],
      ["no-ingress-from-anywhere-but-published-dmz-services", "portal-web-ssh opens port 22 to 0.0.0.0/0"],
      [
        "no-ingress-from-anywhere-but-published-dmz-services",
        "unused-https opens port 443 to 0.0.0.0/0 on a group not only used in the DMZ",
      ],
    ]);
  });

  it("a web group also used by a port outside the DMZ is no longer published", () => {
    const appPort = port("portal-app-1-port", "hrss-public-app", { securityGroupIds: [id("portal-web")] });
    expect(violations([appPort])).toEqual([
      [
        "no-ingress-from-anywhere-but-published-dmz-services",
        "portal-web-http opens port 80 to 0.0.0.0/0 on a group not only used in the DMZ",
      ],
      [
        "no-ingress-from-anywhere-but-published-dmz-services",
        "portal-web-https opens port 443 to 0.0.0.0/0 on a group not only used in the DMZ",
      ],
    ]);
  });

  it("egress to anywhere and ingress from a known range are not this rule's business", () => {
    expect(
      violations([
        worldRule("payroll-app-egress", "payroll-app", 443, 443, { direction: "egress" }),
        worldRule("payroll-app-ssh-from-mgmt", "payroll-app", 22, 22, { remoteIpPrefix: "10.10.12.0/24" }),
      ]),
    ).toEqual([]);
  });
});

describe("nothing for systems that stay or go", () => {
  const archive = resource(TYPE.network, "archive-net", { tags: tags("system=hrss-archive") });
  const stranger = resource(TYPE.network, "stranger-net", { tags: tags("system=not-in-the-inventory") });

  it("a resource of a known system the plan does not move is refused; a tag of a foreign system is not", () => {
    expect(violations([archive, stranger])).toEqual([
      [
        "nothing-for-systems-that-stay-or-go",
        "archive-net belongs to hrss-archive, which the plan does not move to the cloud",
      ],
    ]);
  });

  it("is not judged without the plan's dispositions (the CrossGuard pack)", () => {
    const resources = [...LANDING_ZONE, archive];
    const context = mockIdContext(resources, {
      buildable: undefined,
      known: new Set(["hrss-archive"]),
      domainCidrs: { admin: "10.10.0.0/16", public: "10.20.0.0/16" },
    });
    expect(checkNetworkRules(resources, context)).toEqual([]);
  });
});

describe("tags", () => {
  it("a tag not known yet (not a string in a preview) does not hide the others", () => {
    const dmz = subnet("hrss-public-dmz", "department=hrss", "domain=public", "zone=dmz");
    const pending = { ...dmz, inputs: { ...dmz.inputs, tags: [undefined, ...(dmz.inputs.tags as string[])] } };
    expect(
      violations(
        [],
        LANDING_ZONE.map((r) => (r.name === dmz.name ? pending : r)),
      ),
    ).toEqual([]);
  });
});

describe("the order of violations", () => {
  it("by resource, then by policy name, whatever order the policies found them in", () => {
    // only-the-exit-reaches-the-internet is checked first and explicit-providers last.
    const gateway = { externalNetworkId: "ext-net" };
    const another = router("another-router", ["domain=public"], gateway);
    const rogue = { ...router("rogue-router", ["domain=admin"], gateway), provider: "" };
    const zeta = { ...router("zeta-router", ["domain=admin"]), provider: "" };
    expect(violations([another, rogue, zeta])).toEqual([
      [
        "only-the-exit-reaches-the-internet",
        "router another-router has an external gateway; only the unified internet exit may",
      ],
      ["explicit-providers", "rogue-router uses the default provider"],
      [
        "only-the-exit-reaches-the-internet",
        "router rogue-router has an external gateway; only the unified internet exit may",
      ],
      ["explicit-providers", "zeta-router uses the default provider"],
    ]);
  });
});
