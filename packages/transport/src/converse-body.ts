import { NormalizedSchema } from '@smithy/core/schema';
import { NumericValue } from '@smithy/core/serde';
import { LONG_STRING_UNITS, LongStrings } from './long-strings.js';

/**
 * Thrown for an input the fast path does not write exactly as the SDK would (idempotency tokens,
 * dates, big numbers, JSON media-type strings, `__type` structures...): the caller then lets the
 * SDK's own serializer write the body. None of these occur in Converse inputs today.
 */
export class UnsupportedShape extends Error {
  constructor(where: string) {
    super(`converse-body: ${where} is left to the SDK's serializer`);
    this.name = 'UnsupportedShape';
  }
}

/** Traits that bind a member to the URL or headers instead of the JSON body. */
const HTTP_BOUND = ['httpLabel', 'httpHeader', 'httpQuery', 'httpPrefixHeaders', 'httpQueryParams'];

type Json = Record<string, unknown>;

/**
 * Sets `out[key]`; a key "__proto__" (a document or map may hold one) becomes an own property,
 * as the SDK writes it, instead of a prototype assignment that would drop it.
 */
function put(out: Json, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(out, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    out[key] = value;
  }
}

const isNonFinite = (v: unknown): boolean =>
  typeof v === 'number' && (Number.isNaN(v) || v === Infinity || v === -Infinity);

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** A number as the SDK writes it: NaN and the infinities as strings, others as numbers. */
function wireNumber(value: number): unknown {
  return isNonFinite(value) ? String(value) : value;
}

/**
 * The wire form of a list or map of strings, numbers or booleans (the SDK writes those with one
 * `JSON.stringify`): nulls dropped unless the shape is sparse, NaN and infinities as strings.
 */
function primitiveList(value: readonly unknown[], sparse: boolean): unknown {
  let out: unknown[] | undefined;
  for (let i = 0; i < value.length; i += 1) {
    const v = value[i];
    if ((v == null && !sparse) || isNonFinite(v)) {
      out ??= value.slice(0, i);
      if (v != null) out.push(String(v));
    } else if (out !== undefined) {
      out.push(v);
    }
  }
  return out ?? value;
}

function primitiveMap(value: Json, sparse: boolean): Json {
  const out: Json = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v === undefined || (v === null && !sparse)) continue;
    put(out, key, isNonFinite(v) ? String(v) : v);
  }
  return out;
}

/** A document value (tool inputs, JSON schemas, additional fields): plain JSON, bytes as base64. */
function wireDocument(value: unknown, longs: LongStrings): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
      return longs.take(value);
    case 'boolean':
      return value;
    case 'number':
      return wireNumber(value);
    case 'object': {
      if (value instanceof Uint8Array) return base64(value);
      if (value instanceof Date) throw new UnsupportedShape('a date in a document');
      if (Array.isArray(value)) {
        const out: unknown[] = [];
        for (const item of value) if (item !== undefined) out.push(wireDocument(item, longs));
        return out;
      }
      if (value instanceof NumericValue) throw new UnsupportedShape('a NumericValue');
      const out: Json = {};
      for (const key of Object.keys(value)) {
        const v = (value as Json)[key];
        if (v !== undefined) put(out, key, wireDocument(v, longs));
      }
      return out;
    }
    default:
      throw new UnsupportedShape(`a ${typeof value} in a document`);
  }
}

/**
 * What `wireValue` asks of a schema, read from it once: the schema is static, so every answer is
 * kept (`planOf`) instead of asked again for each value of each body.
 */
interface Plan {
  ns: NormalizedSchema;
  /** Why any value of this schema goes to the SDK's serializer (a JSON media type, a big number). */
  refuse: string | undefined;
  blob: boolean;
  struct: boolean;
  document: boolean;
  list: boolean;
  map: boolean;
  sparse: boolean;
  /** A list or map of strings, numbers or booleans (written by `primitiveList`/`primitiveMap`). */
  primitiveItems: boolean;
  /** The plan of a list's or map's items, read on first use (schemas may be recursive). */
  item: Plan | undefined;
}

/** A structure member, read from the schema once. */
interface Member {
  name: string;
  /** Its key in the JSON (`jsonName` or the member name). */
  key: string;
  schema: NormalizedSchema;
  /** Carried by the URL, query or headers, not the body. */
  httpBound: boolean;
  /** The body itself or a stream: not a JSON member. */
  payload: boolean;
  idempotencyToken: boolean;
  /** `planOf(schema)`, read on first use (schemas may be recursive). */
  plan: Plan | undefined;
}

/** Structure members, the union flag and the plan of every schema met, kept per schema object. */
interface StructPlan {
  members: Member[];
  union: boolean;
}

/** Members by structure schema: the schema is static, so it is read once per structure. */
const MEMBERS = new WeakMap<object, StructPlan>();
const PLANS = new WeakMap<NormalizedSchema, Plan>();

function membersOf(ns: NormalizedSchema): StructPlan {
  const key = ns.getSchema() as object;
  let struct = MEMBERS.get(key);
  if (struct === undefined) {
    const members: Member[] = [];
    for (const [name, schema] of ns.structIterator()) {
      const traits = schema.getMergedTraits() as Record<string, unknown>;
      members.push({
        name,
        key: typeof traits.jsonName === 'string' ? traits.jsonName : name,
        schema,
        httpBound: HTTP_BOUND.some((t) => traits[t] !== undefined),
        payload: traits.httpPayload !== undefined || schema.isStreaming(),
        idempotencyToken: schema.isIdempotencyToken(),
        plan: undefined,
      });
    }
    struct = { members, union: ns.isUnionSchema() };
    MEMBERS.set(key, struct);
  }
  return struct;
}

function planOf(ns: NormalizedSchema): Plan {
  let plan = PLANS.get(ns);
  if (plan !== undefined) return plan;
  const traits = ns.getMergedTraits() as Record<string, unknown>;
  let refuse: string | undefined;
  if (ns.isStringSchema() && traits.mediaType !== undefined) refuse = 'a string with a media type';
  else if (ns.isBigIntegerSchema() || ns.isBigDecimalSchema()) refuse = 'a big number';
  const list = ns.isListSchema();
  const map = ns.isMapSchema();
  let primitiveItems = false;
  if (list || map) {
    const item = ns.getValueSchema();
    primitiveItems = item.isStringSchema() || item.isNumericSchema() || item.isBooleanSchema();
  }
  plan = {
    ns,
    refuse,
    blob: ns.isBlobSchema(),
    struct: ns.isStructSchema(),
    document: ns.isDocumentSchema(),
    list,
    map,
    sparse: Boolean(traits.sparse),
    primitiveItems,
    item: undefined,
  };
  PLANS.set(ns, plan);
  return plan;
}

function itemPlan(plan: Plan): Plan {
  plan.item ??= planOf(plan.ns.getValueSchema());
  return plan.item;
}

function wireStruct(ns: NormalizedSchema, value: Json, longs: LongStrings, bound?: string[]): Json {
  if (typeof value.__type === 'string') throw new UnsupportedShape('a structure with __type');
  const out: Json = {};
  let wrote = false;
  const struct = membersOf(ns);
  for (const member of struct.members) {
    if (bound !== undefined && member.httpBound) {
      bound.push(member.name);
      continue;
    }
    if (bound !== undefined && member.payload) {
      throw new UnsupportedShape(`the payload member ${member.name}`);
    }
    const item = value[member.name];
    if (item == null) {
      if (member.idempotencyToken) throw new UnsupportedShape('an idempotency token');
      continue;
    }
    member.plan ??= planOf(member.schema);
    out[member.key] = wireValue(member.plan, item, longs);
    wrote = true;
  }
  if (!wrote && struct.union) {
    const unknown = value.$unknown;
    if (Array.isArray(unknown)) put(out, String(unknown[0]), wireDocument(unknown[1], longs));
  }
  return out;
}

/**
 * One value in the JSON form the SDK's `JsonShapeSerializer` (restJson1, `jsonName` on) writes
 * for `plan`'s schema, as a plain value whose `JSON.stringify` gives the same bytes.
 */
function wireValue(plan: Plan, value: unknown, longs: LongStrings): unknown {
  if (value == null) return null;
  if (plan.refuse !== undefined) throw new UnsupportedShape(plan.refuse);
  switch (typeof value) {
    case 'string':
      return plan.blob ? Buffer.from(value, 'utf8').toString('base64') : longs.take(value);
    case 'number':
      return wireNumber(value);
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      throw new UnsupportedShape(`a ${typeof value}`);
  }
  if (plan.struct) return wireStruct(plan.ns, value as Json, longs);
  if (plan.document) return wireDocument(value, longs);
  if (Array.isArray(value) && plan.list) {
    if (plan.primitiveItems) return primitiveList(value, plan.sparse);
    const item = itemPlan(plan);
    const out: unknown[] = [];
    for (const v of value) {
      if (v == null && !plan.sparse) continue;
      out.push(wireValue(item, v, longs));
    }
    return out;
  }
  if (plan.map) {
    if (plan.primitiveItems) return primitiveMap(value as Json, plan.sparse);
    const item = itemPlan(plan);
    const out: Json = {};
    for (const key of Object.keys(value)) {
      const v = (value as Json)[key];
      if (v == null && !plan.sparse) continue;
      put(out, key, wireValue(item, v, longs));
    }
    return out;
  }
  if (value instanceof Uint8Array && plan.blob) return base64(value);
  throw new UnsupportedShape(
    `a ${value.constructor?.name ?? 'object'} for ${plan.ns.getName(true)}`,
  );
}

/** An operation input split as the SDK sends it. */
export interface ConverseBody {
  /** The JSON body, UTF-8. */
  body: Buffer;
  /** The input's members the URL, query or headers carry instead (for Converse: `modelId`). */
  bound: string[];
}

/** Options of `converseBody`. */
export interface ConverseBodyOptions {
  /**
   * Strings at least this many UTF-16 units long that JSON needs no escape in are copied into
   * the body as bytes instead of going through `JSON.stringify` (`LongStrings`). Default
   * `LONG_STRING_UNITS` (4096); `Infinity` turns it off.
   */
  longStringUnits?: number;
}

/**
 * The JSON body of a restJson1 operation's input (its members bound to the URL, query or headers
 * left out), byte for byte as the SDK's schema serializer writes it, but built as a plain object
 * and written by one `JSON.stringify`: the SDK encodes every string one character at a time,
 * which made the body of a 100K-token prompt the gateway's largest cost. Long strings skip even
 * that scan (`LongStrings`). Throws `UnsupportedShape` where it would differ.
 */
export function converseBody(
  inputSchema: unknown,
  input: object,
  options: ConverseBodyOptions = {},
): ConverseBody {
  const ns = NormalizedSchema.of(inputSchema as Parameters<typeof NormalizedSchema.of>[0]);
  if (!ns.isStructSchema()) throw new UnsupportedShape('an input that is not a structure');
  const units = options.longStringUnits ?? LONG_STRING_UNITS;
  const bound: string[] = [];
  const longs = new LongStrings(units);
  const body = longs.encode(wireStruct(ns, input as Json, longs, bound));
  if (body !== undefined) return { body, bound };
  // A token's text showed elsewhere in the body (it holds a random nonce): write it plainly,
  // the members bound to the URL or headers still left out.
  const wire = wireStruct(ns, input as Json, new LongStrings(Number.POSITIVE_INFINITY), []);
  return { body: Buffer.from(JSON.stringify(wire), 'utf8'), bound };
}
