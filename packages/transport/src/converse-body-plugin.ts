import {
  type HandlerExecutionContext,
  type MetadataBearer,
  type Pluggable,
  type SerializeMiddleware,
  SMITHY_CONTEXT_KEY,
} from '@smithy/types';
import { type ConverseBody, converseBody, UnsupportedShape } from './converse-body.js';

/** The commands whose body is written by `converseBody`. */
const COMMANDS = new Set(['ConverseCommand', 'ConverseStreamCommand']);

/** Where the body waits, in the command's context, between the two middlewares. */
const BODY = Symbol('bedrock-bridge.converse-body');

type BodyContext = HandlerExecutionContext & { [BODY]?: Buffer };

function operationInput(context: HandlerExecutionContext): unknown {
  const smithy = context[SMITHY_CONTEXT_KEY] as { operationSchema?: unknown[] } | undefined;
  return smithy?.operationSchema?.[4];
}

/**
 * Writes the JSON body of Converse and ConverseStream with one `JSON.stringify`
 * (`converseBody`) instead of the SDK's serializer, which encodes each string one character at a
 * time (a 100K-token prompt cost more CPU there than anything else in the gateway). The SDK's
 * serializer still builds the request (endpoint, path with the model id, headers) from the
 * input's URL-bound members; the body is put in right after it, before the content length,
 * signing (SigV4 hashes this body once), retries and sending, which all stay the SDK's. Inputs
 * the fast path cannot write exactly as the SDK would go through the SDK's serializer untouched.
 */
export function converseBodyPlugin<
  Input extends object,
  Output extends MetadataBearer,
>(): Pluggable<Input, Output> {
  const before: SerializeMiddleware<Input, Output> = (next, context: BodyContext) => (args) => {
    const schema = operationInput(context);
    if (context.commandName === undefined || !COMMANDS.has(context.commandName) || !schema) {
      return next(args);
    }
    let split: ConverseBody;
    try {
      split = converseBody(schema, args.input);
    } catch (err) {
      if (err instanceof UnsupportedShape) return next(args);
      throw err;
    }
    context[BODY] = split.body;
    // The SDK's serializer sees only what goes in the URL and headers: it writes "{}" as body.
    const input = args.input as Record<string, unknown>;
    const bound: Record<string, unknown> = {};
    for (const name of split.bound) if (input[name] !== undefined) bound[name] = input[name];
    return next({ ...args, input: bound as Input });
  };
  const after: SerializeMiddleware<Input, Output> = (next, context: BodyContext) => (args) => {
    const body = context[BODY];
    if (body !== undefined) {
      delete context[BODY];
      (args.request as { body?: unknown }).body = body;
    }
    return next(args);
  };
  return {
    applyToStack(stack) {
      stack.addRelativeTo(before, {
        name: 'bedrockBridgeConverseBodyInput',
        relation: 'before',
        toMiddleware: 'serializerMiddleware',
      });
      stack.addRelativeTo(after, {
        name: 'bedrockBridgeConverseBody',
        relation: 'after',
        toMiddleware: 'serializerMiddleware',
      });
    },
  };
}
