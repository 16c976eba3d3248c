import { HttpRequest } from '@smithy/core/protocols';
import { getSchemaSerdePlugin } from '@smithy/core/schema';
import type {
  HandlerExecutionContext,
  MetadataBearer,
  Pluggable,
  SerializeMiddleware,
} from '@smithy/types';

type Serializer = SerializeMiddleware<object, MetadataBearer>;

/** The commands whose requests are kept. */
const COMMANDS = new Set(['ConverseCommand', 'ConverseStreamCommand']);

/** Requests kept per endpoint, at most this many (distinct model ids) each. */
const MAX_KEPT = 64;

/** The SDK's own serializer middleware for `config`, or undefined if it has none by that name. */
function sdkSerializer(config: unknown): Serializer | undefined {
  let found: Serializer | undefined;
  const plugin = getSchemaSerdePlugin(config as Parameters<typeof getSchemaSerdePlugin>[0]);
  plugin.applyToStack({
    add(middleware: Serializer, options: { name?: string }) {
      if (options.name === 'serializerMiddleware') found = middleware;
    },
  } as never);
  return found;
}

/**
 * The key of an input that holds only strings, numbers and booleans (a Converse input once
 * `converseBodyPlugin` has taken its body: the model id), or undefined for any other input.
 */
function keyOf(commandName: string, input: object): string | undefined {
  for (const value of Object.values(input)) {
    const type = typeof value;
    if (type !== 'string' && type !== 'number' && type !== 'boolean') return undefined;
  }
  return `${commandName}\u0000${JSON.stringify(input)}`;
}

/**
 * The SDK's serializer, its request kept: for a Converse or ConverseStream input of strings,
 * numbers and booleans only (the model id: `converseBodyPlugin` takes the body out of the input
 * before the serializer and puts it in after), the SDK's serializer copies the whole client
 * config and handler context and walks the operation's HTTP bindings on every call to build the
 * same request (method, endpoint, path with the model id, headers, a `{}` body). The first such
 * call of an input and endpoint goes through it and a copy of its request is kept; later calls
 * get a fresh copy (`HttpRequest.clone`: own headers and query). Any other input goes through the
 * SDK's serializer.
 */
export function keptRequestPlugin(clientConfig: unknown): Pluggable<object, MetadataBearer> {
  const sdk = sdkSerializer(clientConfig);
  if (sdk === undefined) return { applyToStack() {} };
  const kept = new WeakMap<object, Map<string, HttpRequest>>();
  const middleware: Serializer = (next, context: HandlerExecutionContext) => (args) => {
    const endpoint = (context as { endpointV2?: object }).endpointV2;
    const key =
      endpoint !== undefined && COMMANDS.has(context.commandName ?? '')
        ? keyOf(context.commandName ?? '', args.input)
        : undefined;
    if (endpoint === undefined || key === undefined) return sdk(next, context)(args);
    let requests = kept.get(endpoint);
    const request = requests?.get(key);
    if (request !== undefined) return next({ ...args, request: HttpRequest.clone(request) });
    return sdk((serialized) => {
      if (HttpRequest.isInstance(serialized.request)) {
        if (requests === undefined) {
          requests = new Map();
          kept.set(endpoint, requests);
        }
        if (requests.size >= MAX_KEPT) requests.clear();
        requests.set(key, HttpRequest.clone(serialized.request));
      }
      return next(serialized);
    }, context)(args);
  };
  return {
    applyToStack(stack) {
      stack.add(middleware, {
        name: 'serializerMiddleware',
        step: 'serialize',
        tags: ['SERIALIZER'],
        override: true,
      });
    },
  };
}
