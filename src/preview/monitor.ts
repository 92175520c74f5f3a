/**
 * The resource monitor of an offline run: the SDK's own MockMonitor, minus two wire
 * round trips that a run in one process does not need.
 *
 * For every resource the stock mock monitor decodes the request's properties twice
 * (protobuf Struct → JavaScript, once to read and once to deserialize), then, when the
 * mocks answer "the state is the inputs", serializes that state again, walks it through
 * the SDK's async serializer and encodes it back into a protobuf Struct, only for the SDK
 * to decode it once more. Here the request is decoded once, and when the state is the
 * inputs (every resource but a StackReference), the answer carries the request's own
 * serialized properties: the SDK deserializes exactly what the stock monitor would have
 * handed it. Everything else (URNs, ids, invokes, outputs, features) is MockMonitor's.
 * withoutWireEncoding, below, spares the SDK's side the encoding the other way.
 * tests/landing-zone/monitor.test.ts checks that the offline run records the same
 * stacks as the SDK's monitor with its protobuf encoding.
 */
import { MockMonitor, type Mocks } from "@pulumi/pulumi/runtime/mocks";

/** Where a registered resource sits, told to the harness as it is registered. */
export interface Registration {
  readonly urn: string;
  readonly parent: string;
  readonly read: boolean;
  /** Registered with `protect: true` (the engine refuses to delete it); false for reads. */
  readonly protect: boolean;
  /** URNs it depends on (dependsOn and its inputs' resources): the engine deletes it before them. */
  readonly dependencies: readonly string[];
}

/** The part of the SDK's protobuf requests the monitor reads. */
interface StructLike {
  toJavaScript(): Record<string, unknown>;
}
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProvider(): string;
  getCustom(): boolean;
  getImportid(): string;
  getProtect(): boolean | undefined;
  getDependenciesList(): string[];
  getObject(): StructLike;
}
interface ReadRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProvider(): string;
  getId(): string;
  getProperties(): StructLike;
}
type Callback = (error: unknown, response: unknown) => void;

const { deserializeProperties, serializeProperties } = require("@pulumi/pulumi/runtime/rpc") as {
  deserializeProperties(struct: StructLike, keepUnknowns?: boolean): Record<string, unknown>;
  serializeProperties(label: string, props: Record<string, unknown>): Promise<Record<string, unknown>>;
};

/** A decoded Struct, shaped like one for the SDK's deserializer. */
const decoded = (value: Record<string, unknown>): StructLike => ({ toJavaScript: () => value });

export class OfflineMonitor extends MockMonitor {
  constructor(
    mocks: Mocks,
    /** Told of every resource, with its URN and parent, before the mocks see it. */
    private readonly onRegistration: (where: Registration) => void,
  ) {
    super(mocks);
  }

  /** MockMonitor's URN scheme (private in its typings). */
  private urnOf(parent: string, type: string, name: string): string {
    return (this as unknown as { newUrn(parent: string, type: string, name: string): string }).newUrn(
      parent,
      type,
      name,
    );
  }

  private async answer(
    where: Registration,
    request: { type: string; name: string; provider: string; custom: boolean; id: string },
    serialized: Record<string, unknown>,
  ): Promise<{ id: string; state: Record<string, unknown> }> {
    this.onRegistration(where);
    const inputs = deserializeProperties(decoded(serialized));
    const result = await this.mocks.newResource({ ...request, inputs });
    // The state is the inputs (the mocks' usual answer): its serialized form is the request's.
    const state = result.state === inputs ? serialized : await serializeProperties("", result.state);
    this.resources.set(where.urn, { urn: where.urn, id: result.id ?? null, state });
    return { id: result.id ?? "", state };
  }

  // The SDK's monitor interface is callback-based; the signatures follow MockMonitor's.
  override async registerResource(req: RegisterRequest, callback: Callback): Promise<void> {
    try {
      const urn = this.urnOf(req.getParent(), req.getType(), req.getName());
      const where = {
        urn,
        parent: req.getParent(),
        read: false,
        protect: req.getProtect() ?? false,
        dependencies: req.getDependenciesList(),
      };
      const { id, state } = await this.answer(
        where,
        {
          type: req.getType(),
          name: req.getName(),
          provider: req.getProvider(),
          custom: req.getCustom(),
          id: req.getImportid(),
        },
        req.getObject().toJavaScript(),
      );
      callback(null, {
        getUrn: () => urn,
        getId: () => id,
        getObject: () => decoded(state),
        getPropertydependenciesMap: () => undefined,
        getResult: () => 0,
      });
    } catch (error) {
      callback(error, undefined);
    }
  }

  override async readResource(req: ReadRequest, callback: Callback): Promise<void> {
    try {
      const urn = this.urnOf(req.getParent(), req.getType(), req.getName());
      const where = { urn, parent: req.getParent(), read: true, protect: false, dependencies: [] };
      const { state } = await this.answer(
        where,
        { type: req.getType(), name: req.getName(), provider: req.getProvider(), custom: true, id: req.getId() },
        req.getProperties().toJavaScript(),
      );
      callback(null, { getUrn: () => urn, getProperties: () => decoded(state) });
    } catch (error) {
      callback(error, undefined);
    }
  }
}

interface StructClass {
  new (): StructLike & { getFieldsMap(noLazyCreate?: boolean): unknown; serializeBinary(): Uint8Array };
  fromJavaScript(value: Record<string, unknown>): StructLike;
}

/**
 * The other half of the wire: the SDK encodes every request's properties into a protobuf
 * Struct (a message per value) for the monitor to decode at once, in the same process.
 * For the run, Struct.fromJavaScript hands over the value itself in a Struct that
 * encodes only if something asks for its protobuf form (its fields, its bytes).
 * Returns the function that puts the SDK's encoder back.
 */
export function withoutWireEncoding(): () => void {
  const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as { Struct: StructClass };
  const encode = Struct.fromJavaScript;
  Struct.fromJavaScript = (value) => {
    const struct = new Struct();
    let encoded: InstanceType<StructClass> | undefined;
    const real = () => (encoded ??= encode.call(Struct, value) as InstanceType<StructClass>);
    struct.toJavaScript = () => value;
    struct.getFieldsMap = (noLazyCreate) => real().getFieldsMap(noLazyCreate);
    struct.serializeBinary = () => real().serializeBinary();
    return struct;
  };
  return () => {
    Struct.fromJavaScript = encode;
  };
}
