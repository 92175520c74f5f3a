/**
 * The Pulumi program (Pulumi.yaml's main): `pulumi up` runs this function, with the
 * stack's `govcloud:` configuration. The offline preview runs the same function under
 * the SDK's mock runtime.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig } from "./config";
import { landingZone } from "./landing-zone";

/** The project root: Pulumi.yaml's folder, two levels above dist/program or src/program. */
const PROJECT_ROOT = path.resolve(__dirname, "..", "..");

async function main(): Promise<Record<string, unknown>> {
  const config = new pulumi.Config("govcloud");
  return landingZone(parseStackConfig((key) => config.get(key)), PROJECT_ROOT);
}

export = main;
