import { NormalizedSchema } from '@smithy/core/schema';

/** The SDK's JSON codec reader (`JsonShapeDeserializer`), as far as it is used here. */
export interface JsonCodec {
  /** The SDK's reader of an already parsed value (`_read`): the authority for every shape. */
  readObject(schema: unknown, value: unknown): unknown;
  settings?: { jsonName?: boolean };
}

/** What reading a value of a schema takes, worked out once per schema. */
type Plan =
  | { kind: 'struct'; ns: NormalizedSchema; members: Member[]; union: boolean }
  | { kind: 'list'; ns: NormalizedSchema; item: Plan | undefined; transform: boolean }
  | { kind: 'plain'; ns: NormalizedSchema; numeric: boolean }
  | { kind: 'sdk'; ns: NormalizedSchema };

interface Member {
  name: string;
  /** Its key in the JSON. */
  from: string;
  ns: NormalizedSchema;
  plan: Plan | undefined;
}

/** Whether the SDK's reader goes through the items of a list of `ns` (its `needsTransform`). */
function transforms(ns: NormalizedSchema): boolean {
  return (
    ns.isBlobSchema() ||
    ns.isTimestampSchema() ||
    ns.isBigIntegerSchema() ||
    ns.isBigDecimalSchema() ||
    ns.isNumericSchema() ||
    ns.isDocumentSchema() ||
    ns.isStructSchema() ||
    ns.isListSchema() ||
    ns.isMapSchema() ||
    (ns.isStringSchema() && Boolean(ns.getMergedTraits().mediaType))
  );
}

/**
 * Reads a parsed JSON answer into an operation output exactly as the SDK's JSON codec does
 * (`readObject`, restJson1), without asking the schema again for each value: the shapes of a
 * Converse answer (structures, unions with `$unknown`, lists, strings, numbers, booleans) are
 * read here from plans worked out once per schema, in the SDK's member order and with its
 * rules (members read from their `jsonName`, nulls skipped, lists transformed in place); every
 * other value (documents, blobs, timestamps, big numbers, JSON media-type strings, numbers
 * written as strings, structures with `__type`, maps) and any value of an unexpected JSON type
 * is handed to the SDK's own reader, which stays the authority.
 */
export class JsonOutputReader {
  readonly #codec: JsonCodec;
  readonly #jsonName: boolean;
  readonly #plans = new WeakMap<object, Plan>();
  /** Plans of the operation output schemas `read` was given, by schema. */
  readonly #top = new WeakMap<object, Plan>();

  constructor(codec: JsonCodec) {
    this.#codec = codec;
    this.#jsonName = codec.settings?.jsonName === true;
  }

  /** The output of `schema` read from `value` (parsed JSON), as `codec.readObject` gives it. */
  read(schema: unknown, value: unknown): unknown {
    let plan = typeof schema === 'object' && schema !== null ? this.#top.get(schema) : undefined;
    if (plan === undefined) {
      plan = this.#planOf(NormalizedSchema.of(schema as never));
      if (typeof schema === 'object' && schema !== null) this.#top.set(schema, plan);
    }
    return this.#read(plan, value);
  }

  #read(plan: Plan, value: unknown): unknown {
    const isObject = value !== null && typeof value === 'object';
    switch (plan.kind) {
      case 'struct':
        if (isObject && typeof (value as { __type?: unknown }).__type !== 'string') {
          return this.#struct(plan, value as Record<string, unknown>);
        }
        break;
      case 'list':
        if (Array.isArray(value)) {
          if (plan.transform) {
            plan.item ??= this.#planOf(plan.ns.getValueSchema());
            for (let i = 0; i < value.length; i += 1) value[i] = this.#read(plan.item, value[i]);
          }
          return value;
        }
        break;
      case 'plain':
        if (!isObject && !(plan.numeric && typeof value === 'string')) return value;
        break;
      case 'sdk':
        break;
      default: {
        const never: never = plan;
        throw new Error(`json-output-reader: unknown plan ${String(never)}`);
      }
    }
    return this.#codec.readObject(plan.ns, value);
  }

  #struct(
    plan: Extract<Plan, { kind: 'struct' }>,
    record: Record<string, unknown>,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let unknownKeys: Set<string> | undefined;
    if (plan.union) {
      unknownKeys = new Set(Object.keys(record));
      unknownKeys.delete('__type');
    }
    for (const member of plan.members) {
      unknownKeys?.delete(member.from);
      const v = record[member.from];
      if (v != null) {
        member.plan ??= this.#planOf(member.ns);
        out[member.name] = this.#read(member.plan, v);
      }
    }
    if (unknownKeys?.size === 1 && Object.keys(out).length === 0) {
      const key = unknownKeys.values().next().value as string;
      out.$unknown = [key, record[key]];
    }
    return out;
  }

  #planOf(ns: NormalizedSchema): Plan {
    // Member schemas carry their own traits: kept per NormalizedSchema object, which the plans
    // themselves hold on to.
    const known = this.#plans.get(ns);
    if (known !== undefined) return known;
    let plan: Plan;
    if (ns.isStructSchema()) {
      const members: Member[] = [];
      for (const [name, member] of ns.structIterator()) {
        const jsonName = member.getMergedTraits().jsonName;
        members.push({
          name,
          from: this.#jsonName && typeof jsonName === 'string' ? jsonName : name,
          ns: member,
          plan: undefined,
        });
      }
      plan = { kind: 'struct', ns, members, union: ns.isUnionSchema() };
    } else if (ns.isListSchema()) {
      plan = { kind: 'list', ns, item: undefined, transform: transforms(ns.getValueSchema()) };
    } else if ((ns.isStringSchema() && !ns.getMergedTraits().mediaType) || ns.isBooleanSchema()) {
      plan = { kind: 'plain', ns, numeric: false };
    } else if (ns.isNumericSchema() && !ns.isBigIntegerSchema() && !ns.isBigDecimalSchema()) {
      plan = { kind: 'plain', ns, numeric: true };
    } else {
      plan = { kind: 'sdk', ns };
    }
    this.#plans.set(ns, plan);
    return plan;
  }
}
