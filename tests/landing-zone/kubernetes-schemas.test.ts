/**
 * Every Kubernetes object the sample stack would create is valid against the official
 * Kubernetes OpenAPI schemas (bundled by kubernetes-models), offline.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Deployment } from "kubernetes-models/apps/v1";
import { LimitRange, Namespace, PersistentVolumeClaim, ResourceQuota, Service } from "kubernetes-models/v1";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1";
import type { PreviewResult } from "../../src/preview/preview";
import { preview } from "./support";

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  "kubernetes:apps/v1:Deployment": Deployment,
  "kubernetes:core/v1:LimitRange": LimitRange,
  "kubernetes:core/v1:Namespace": Namespace,
  "kubernetes:core/v1:PersistentVolumeClaim": PersistentVolumeClaim,
  "kubernetes:core/v1:ResourceQuota": ResourceQuota,
  "kubernetes:core/v1:Service": Service,
  "kubernetes:networking.k8s.io/v1:NetworkPolicy": NetworkPolicy,
  "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding": RoleBinding,
};

let result: PreviewResult;
beforeAll(async () => {
  result = await preview("zhoucun");
}, 120_000);

describe("Kubernetes objects of the zhoucun stack", () => {
  it("are all of kinds we know the schema of", () => {
    const kinds = new Set(result.resources.filter((r) => r.type.startsWith("kubernetes:")).map((r) => r.type));
    expect([...kinds].sort()).toEqual(Object.keys(MODELS).sort());
  });

  it("validate against the official Kubernetes schemas", () => {
    const objects = result.resources.filter((r) => r.type.startsWith("kubernetes:"));
    expect(objects.length).toBeGreaterThan(300);
    const invalid: string[] = [];
    for (const object of objects) {
      try {
        new MODELS[object.type]!(object.inputs as never).validate();
      } catch (cause) {
        invalid.push(`${object.name}: ${(cause as Error).message}`);
      }
    }
    expect(invalid).toEqual([]);
  });

  it("a broken object is caught (the check can fail)", () => {
    const deployment = result.resources.find((r) => r.type === "kubernetes:apps/v1:Deployment")!;
    const broken = { ...deployment.inputs, spec: { ...(deployment.inputs.spec as object), replicas: "two" } };
    expect(() => new Deployment(broken as never).validate()).toThrow();
  });
});
