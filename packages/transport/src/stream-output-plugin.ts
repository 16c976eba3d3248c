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
  const middleware: Deserializer =
    (next, context: HandlerExecutionContext) =>
    async (args): Promise<DeserializeHandlerOutput<MetadataBearer>> => {
      if (context.commandName !== 'ConverseStreamCommand') return sdk(next, context)(args);
      const result = await next(args);
      const response = result.response as MarkedResponse;
      if (response[TAKEN_EVENT_STREAM] === true) {
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
