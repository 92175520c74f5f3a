/** The exchange platform's security rules: each exchange service's port, from each domain. Pure. */
import type { DomainTopology, ExchangeTopology } from "../landing-zone/topology";

export interface ExchangeRule {
  readonly name: string;
  readonly port: number;
  readonly from: string;
}

export function exchangeRules(
  exchange: ExchangeTopology,
  domains: readonly Pick<DomainTopology, "domain" | "cidr">[],
): ExchangeRule[] {
  return exchange.services.flatMap((service) =>
    domains.map((domain) => ({ name: `${service.name}-from-${domain.domain}`, port: service.port, from: domain.cidr })),
  );
}
