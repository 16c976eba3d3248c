import { Readable } from 'node:stream';
import { getSchemaSerdePlugin } from '@smithy/core/schema';
import type {
  DeserializeHandlerOutput,
  DeserializeMiddleware,
  HandlerExecutionContext,
  HttpResponse,
  MetadataBearer,
  Pluggable,
  ResponseMetadata,
} from '@smithy/types';
import { SMITHY_CONTEXT_KEY } from '@smithy/types';
import { bodyMembers, canReadBodies, readBodyOutput } from './converse-output.js';

/**
 * Set by the handler wrapper on a response whose event-stream body it took for
 * `decodeConverseStream` (the SDK got an empty body in its place).
 */
export const TAKEN_EVENT_STREAM = Symbol('bedrock-bridge.taken-event-stream');

type MarkedResponse = HttpResponse & { [TAKEN_EVENT_STREAM]?: true };

/** The `$metadata` the SDK's protocol reads from a response's status and headers. */
function metadataOf(response: HttpResponse): ResponseMetadata {
  const h = response.headers;
  return {
    httpStatusCode: response.statusCode,
    requestId: h['x-amzn-requestid'] ?? h['x-amzn-request-id'] ?? h['x-amz-request-id'],
    extendedRequestId: h['x-amz-id-2'],
    cfId: h['x-amz-cf-id'],
  } as ResponseMetadata;
}

const EMPTY_STREAM: AsyncIterable<never> = {
  async *[Symbol.asyncIterator]() {},
};

type Deserializer = DeserializeMiddleware<object, MetadataBearer>;

/** The SDK's own deserializer middleware for `config`, or undefined if it has none by that name. */
function sdkDeserializer(config: unknown): Deserializer | undefined {
  let found: Deserializer | undefined;
  const plugin = getSchemaSerdePlugin(config as Parameters<typeof getSchemaSerdePlugin>[0]);
  plugin.applyToStack({
    add(middleware: Deserializer, options: { name?: string }) {
      if (options.name === 'deserializerMiddleware') found = middleware;
    },
  } as never);
  return found;
}

/**
 * For a ConverseStream answer whose event stream the transport took (`TAKEN_EVENT_STREAM`),
 * answers `{ $metadata, stream }` (an empty stream: the events come from `decodeConverseStream`)
 * without the SDK's deserializer, which on every stream required its event-stream module again
 * and set up a decoder for the empty body (about 0.2 ms of CPU per stream, 5% of the gateway's
 * CPU per chat request). Every other answer, errors included, goes through the SDK's
 * deserializer as before. A no-op if the client has no schema deserializer to delegate to.
 */
export function streamOutputPlugin(clientConfig: unknown): Pluggable<object, MetadataBearer> {
  const sdk = sdkDeserializer(clientConfig);
  if (sdk === undefined) return { applyToStack() {} };
  const protocol = (clientConfig as { protocol?: unknown }).protocol;
  const middleware: Deserializer =
    (next, context: HandlerExecutionContext) =>
    async (args): Promise<DeserializeHandlerOutput<MetadataBearer>> => {
      if (context.commandName === 'ConverseCommand' && canReadBodies(protocol)) {
        return converseOutput(protocol, sdk, next, context, args);
      }
      if (context.commandName !== 'ConverseStreamCommand') return sdk(next, context)(args);
      const result = await next(args);
      const response = result.response as MarkedResponse;
      if (response[TAKEN_EVENT_STREAM] === true) {
        // The empty stand-in body is read by nobody here; the SDK keeps `response` until the
        // call's socket closes, so it is let go now rather than held for the stream's life.
        response.body = undefined;
        const output = { $metadata: metadataOf(response), stream: EMPTY_STREAM };
        return { response, output };
      }
      return sdk(async () => result, context)(args);
    };
  return {
    applyToStack(stack) {
      stack.add(middleware, {
        name: 'deserializerMiddleware',
        step: 'deserialize',
        tags: ['DESERIALIZER'],
        override: true,
      });
    },
  };
}

type Next = Parameters<Deserializer>[0];
type Args = Parameters<ReturnType<Deserializer>>[0];

/**
 * A Converse answer: a success read by `readBodyOutput` (the SDK's JSON reader without the rest
 * of its deserializer's per-call work, about 0.03 ms of CPU per call); an error answer, an output
 * with members outside the body, or a body that fails to collect or read go to the SDK's
 * deserializer (with the bytes already read, or a body that fails the same way), so errors
 * stay the SDK's.
 */
async function converseOutput(
  protocol: Parameters<typeof readBodyOutput>[0],
  sdk: Deserializer,
  next: Next,
  context: HandlerExecutionContext,
  args: Args,
): Promise<DeserializeHandlerOutput<MetadataBearer>> {
  const result = await next(args);
  const response = result.response as HttpResponse;
  const smithy = context[SMITHY_CONTEXT_KEY] as { operationSchema?: unknown[] } | undefined;
  const schema = smithy?.operationSchema?.[5];
  const members = bodyMembers(schema);
  if (members === null || !(response.statusCode < 300)) {
    return sdk(async () => result, context)(args);
  }
  let bytes: Uint8Array | undefined;
  try {
    const output = await readBodyOutput(protocol, schema, members, response, (read) => {
      bytes = read;
    });
    return { response, output };
  } catch (err) {
    response.body =
      bytes ??
      new Readable({
        read() {
          this.destroy(err as Error);
        },
      });
    return sdk(async () => result, context)(args);
  }
}
