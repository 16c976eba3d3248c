import { NormalizedSchema } from '@smithy/core/schema';
import type { HttpResponse, MetadataBearer, ResponseMetadata } from '@smithy/types';
import { type JsonCodec, JsonOutputReader } from './json-output-reader.js';

/** What is used here of the SDK's protocol (`config.protocol`): its JSON body reader. */
export interface OutputProtocol {
  deserializer?: {
    read?(schema: unknown, bytes: Uint8Array): unknown;
    readCodec?(schema: unknown, bytes: Uint8Array): unknown;
    /** The JSON codec behind `readCodec`; its `readObject` reads a value already parsed. */
    codecDeserializer?: Partial<JsonCodec>;
  };
  deserializeMetadata?(response: HttpResponse): ResponseMetadata;
}

/**
 * Whether this runtime hands a `JSON.parse` reviver the source text of each value (Node 22 and
 * later). The SDK's JSON reader parses with a reviver that keeps numbers a double cannot hold
 * exactly (as a `NumericValue` or `BigInt`) using that text, and returns every value unchanged
 * without it: on a runtime without it (Node 20) the reviver changes nothing, and parsing without
 * it gives the same value at a third of the CPU.
 */
export const REVIVER_SEES_SOURCE: boolean = (() => {
  let seen = false;
  JSON.parse('1', (_key, value, ...context: unknown[]) => {
    seen = context[0] !== undefined;
    return value;
  });
  return seen;
})();

/** A `JsonOutputReader` per SDK codec. */
const READERS = new WeakMap<object, JsonOutputReader>();

/**
 * The body read as the SDK's JSON reader reads it: `readCodec(schema, bytes)`, or, where its
 * reviver changes nothing (`REVIVER_SEES_SOURCE` false), the bytes parsed without a reviver
 * (the same values: the SDK parses the same UTF-8 text) and read by a `JsonOutputReader` over
 * the same codec (the codec's own `readObject` for every shape it does not read itself).
 */
function readJson(
  reader: NonNullable<OutputProtocol['deserializer']>,
  schema: unknown,
  bytes: Uint8Array,
): unknown {
  const codec = reader.codecDeserializer;
  if (!REVIVER_SEES_SOURCE && typeof codec?.readObject === 'function') {
    let output = READERS.get(codec);
    if (output === undefined) {
      output = new JsonOutputReader(codec as JsonCodec);
      READERS.set(codec, output);
    }
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return output.read(schema, JSON.parse(text));
  }
  return typeof reader.readCodec === 'function'
    ? reader.readCodec(schema, bytes)
    : reader.read?.(schema, bytes);
}

/** Whether `protocol` has what `readBodyOutput` uses. */
export function canReadBodies(protocol: unknown): protocol is Required<OutputProtocol> {
  const p = protocol as OutputProtocol | undefined;
  return (
    typeof p?.deserializeMetadata === 'function' &&
    (typeof p.deserializer?.readCodec === 'function' || typeof p.deserializer?.read === 'function')
  );
}

/** Traits that put a member anywhere but the JSON body. */
const BOUND_TRAITS = [
  'httpHeader',
  'httpPrefixHeaders',
  'httpQuery',
  'httpQueryParams',
  'httpResponseCode',
  'httpPayload',
  'httpLabel',
  'streaming',
] as const;

const bodyMembersOf = new WeakMap<object, readonly string[] | null>();

/**
 * The member names of an output structure all of whose members are read from the JSON body (for
 * Converse: all of them), in schema order; null when one comes from elsewhere (a header, the
 * status code, a payload or a stream), which only the SDK's own deserializer handles.
 */
export function bodyMembers(schema: unknown): readonly string[] | null {
  // A schema is an array, or a function returning one (a lazy reference).
  if (schema === null || (typeof schema !== 'object' && typeof schema !== 'function')) return null;
  const known = bodyMembersOf.get(schema);
  if (known !== undefined) return known;
  let names: string[] | null = [];
  const ns = NormalizedSchema.of(schema as Parameters<typeof NormalizedSchema.of>[0]);
  if (!ns.isStructSchema() || ns.isUnionSchema()) names = null;
  else {
    for (const [name, member] of ns.structIterator()) {
      const traits = member.getMergedTraits() as Record<string, unknown>;
      if (BOUND_TRAITS.some((trait) => traits[trait] !== undefined && traits[trait] !== false)) {
        names = null;
        break;
      }
      names.push(name);
    }
  }
  bodyMembersOf.set(schema, names);
  return names;
}

/** The whole body of a response, as the SDK's collector would give it. */
export function collectBody(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return Promise.resolve(body);
  if (body === undefined || body === null) return Promise.resolve(new Uint8Array());
  const stream = body as NodeJS.ReadableStream;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer | string) => {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    });
    stream.once('end', () => {
      resolve(chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks));
    });
    stream.once('error', reject);
  });
}

/**
 * Reads a successful (status below 300) JSON answer whose output members all come from the body
 * (`bodyMembers`) as the SDK's deserializer does, with the SDK's own JSON reader
 * (`protocol.deserializer`: the same member names, unions, blobs, documents, numbers), but
 * without the rest of its per-call work (a copy of the whole client config and handler context,
 * the HTTP binding pass, a stream collector piped per call): the members of the body that are not
 * null, in schema order, then `$metadata` from the SDK's protocol. Rejects with what collecting or
 * reading threw, after which the caller hands the answer (`body` replaced by the bytes, if they
 * were read) to the SDK's deserializer so the error is the SDK's.
 */
export async function readBodyOutput(
  protocol: Required<OutputProtocol>,
  schema: unknown,
  members: readonly string[],
  response: HttpResponse,
  onBytes: (bytes: Uint8Array) => void,
): Promise<MetadataBearer> {
  const bytes = await collectBody(response.body);
  onBytes(bytes);
  const output: Record<string, unknown> = {};
  if (bytes.byteLength > 0) {
    const fromBody = (await readJson(protocol.deserializer, schema, bytes)) as
      | Record<string, unknown>
      | undefined;
    for (const name of members) {
      const value = fromBody?.[name];
      if (value !== undefined && value !== null) output[name] = value;
    }
  }
  output.$metadata = protocol.deserializeMetadata(response);
  return output as unknown as MetadataBearer;
}
