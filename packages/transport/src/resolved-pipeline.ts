import { constructStack } from '@smithy/core/client';
import type {
  Handler,
  HandlerExecutionContext,
  HttpHandlerOptions,
  MiddlewareStack,
} from '@smithy/types';

// biome-ignore lint/suspicious/noExplicitAny: middleware of every step and command shares this type
type AnyHandler = Handler<any, any>;
export type AnyMiddleware = (next: AnyHandler, context: HandlerExecutionContext) => AnyHandler;
// biome-ignore lint/suspicious/noExplicitAny: the stack of any client and command
type AnyStack = MiddlewareStack<any, any>;

/**
 * Gives, for a middleware of the kept order (by its name in the stack) and the command class, the
 * function to keep in its place: itself, or one doing the same work more cheaply.
 */
export type KeepMiddleware = (
  name: string | undefined,
  middleware: AnyMiddleware,
  commandClass: unknown,
) => AnyMiddleware;

/** What `sendResolved` needs of an SDK client. */
export interface PipelineClient {
  readonly middlewareStack: AnyStack;
  readonly config: unknown;
}

/** What `sendResolved` needs of an SDK command: the SDK's own `resolveMiddleware`. */
export interface PipelineCommand<Input extends object, Output extends object> {
  resolveMiddleware(stack: AnyStack, config: unknown, options: unknown): Handler<Input, Output>;
}

/**
 * The middleware functions of `stack` in the order the SDK's `resolve` applies them (innermost
 * first), worked out once by the SDK's own sorting: every entry is re-added, under the same step,
 * priority, name and relation, to a fresh stack as a marker that records its middleware when
 * that stack resolves.
 */
function resolutionOrder(
  stack: AnyStack,
  keep: (name: string | undefined, middleware: AnyMiddleware) => AnyMiddleware,
): AnyMiddleware[] {
  const order: AnyMiddleware[] = [];
  const probe = constructStack<object, object>();
  const marker =
    (middleware: AnyMiddleware, name: string | undefined): AnyMiddleware =>
    (next) => {
      order.push(keep(name, middleware));
      return next;
    };
  type Entry = { middleware?: unknown; name?: string };
  stack.applyToStack({
    add(middleware: AnyMiddleware, { middleware: _own, ...options }: Entry) {
      probe.add(marker(middleware, options.name) as never, options as never);
    },
    addRelativeTo(middleware: AnyMiddleware, { middleware: _own, ...options }: Entry) {
      probe.addRelativeTo(marker(middleware, options.name) as never, options as never);
    },
  } as unknown as AnyStack);
  probe.resolve(
    () => Promise.reject(new Error('the probe stack is never called')),
    {} as HandlerExecutionContext,
  );
  return order;
}

/**
 * One client's pipelines, one per command class: the SDK's `Client.send` sorts and resolves the
 * whole middleware stack again on every call that passes options (and we pass the attempt's
 * signal on every call), about 0.1 ms of CPU per call. Here the order is worked out on the first
 * call of a command class and kept; each call still has the SDK build its own handler context
 * and final handler from that call's options (its abort signal and attempt reach the HTTP
 * handler and the retry middleware exactly as through `send`), and still runs every middleware:
 * serialization, endpoint, user agent, SigV4 signing with the client's credentials, deserialization.
 *
 * Only for commands built right before the call with no middleware of their own, on a client
 * whose stack no longer changes (the pool's clients: `buildClient` sets them up before any call).
 */
export class ResolvedPipelines {
  readonly #client: PipelineClient;
  readonly #keep: KeepMiddleware | undefined;
  readonly #stacks = new Map<unknown, AnyStack>();

  /** `keep`, if given, may put a cheaper equivalent in the place of a middleware of the order. */
  constructor(client: PipelineClient, keep?: KeepMiddleware) {
    this.#client = client;
    this.#keep = keep;
  }

  /** `client.send(command, options)`, with the middleware order of the command class kept. */
  send<Input extends object, Output extends object>(
    command: PipelineCommand<Input, Output>,
    options: HttpHandlerOptions,
  ): Promise<Output> {
    const stack = this.#stackFor((command as { constructor: unknown }).constructor);
    const handler = command.resolveMiddleware(stack, this.#client.config, options);
    return handler(command as never).then((result) => result.output);
  }

  /**
   * The stack handed to the command in place of the client's: the command concatenates its own
   * stack to it and resolves the result with the handler context and final handler of this call,
   * which are then threaded through the kept order (the first call works the order out from the
   * client's real stack and that call's command stack).
   */
  #stackFor(commandClass: unknown): AnyStack {
    const known = this.#stacks.get(commandClass);
    if (known !== undefined) return known;
    const client = this.#client.middlewareStack;
    const keep = this.#keep;
    let order: AnyMiddleware[] | undefined;
    const stack = {
      ...client,
      concat(commandStack: AnyStack) {
        order ??= resolutionOrder(client.concat(commandStack), (name, middleware) =>
          keep === undefined ? middleware : keep(name, middleware, commandClass),
        );
        const kept = order;
        return {
          resolve(handler: AnyHandler, context: HandlerExecutionContext): AnyHandler {
            let next = handler;
            for (const middleware of kept) next = middleware(next, context);
            return next;
          },
        };
      },
    } as AnyStack;
    this.#stacks.set(commandClass, stack);
    return stack;
  }
}
