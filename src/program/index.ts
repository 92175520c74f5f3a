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

/** Whether the stack file holds a key as a secure value (the SDK knows; it does not export the question). */
const isSecret = (key: string): boolean =>
  (pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean }).isConfigSecret?.(key) ?? false;

async function main(): Promise<Record<string, unknown>> {
  return landingZone(parseStackConfig(pulumi.runtime.allConfig(), isSecret), PROJECT_ROOT);
}

export = main;
