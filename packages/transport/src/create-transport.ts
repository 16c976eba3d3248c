import type {
  BedrockClient,
  ServiceInputTypes as ControlInput,
  ServiceOutputTypes as ControlOutput,
} from '@aws-sdk/client-bedrock';
import {
  ConverseCommand,
  type ConverseCommandInput,
  type ConverseCommandOutput,
  type ConverseStreamCommandInput,
  type ConverseStreamOutput,
  type InvokeModelCommandInput,
} from '@aws-sdk/client-bedrock-runtime';
import type { Command } from '@smithy/types';
import type { ClientKind, ClientSettings } from './build-client.js';
import { CallContext, type CallDeps } from './call-context.js';
import { ClientPool } from './client-pool.js';
import { converseFirstByteMs } from './first-byte-deadline.js';
import { type InvokeModelResult, invokeFirstByteMs, sendInvokeModel } from './invoke-model.js';
import { normalizeOptions } from './normalize-options.js';
import { type AuthSettings, type ResolvedAuth, resolveAuthSettings } from './resolve-auth.js';
import { resolveEndpoints } from './resolve-endpoint.js';
import { type ResolvedRegion, resolveRegion } from './resolve-region.js';
import { runUnary } from './run-unary.js';
import { streamCall } from './stream-call.js';
import type { CallOptions, TransportOptions } from './transport-options.js';

/** A control-plane command: any `@aws-sdk/client-bedrock` command (`ListFoundationModelsCommand`...). */
export type ControlCommand<I extends ControlInput, O extends ControlOutput> = Command<
  ControlInput,
  I,
  ControlOutput,
  O,
  // biome-ignore lint/suspicious/noExplicitAny: the SDK's resolved configuration type is internal
  any
>;

/** The transport: Converse calls that never hang, never truncate silently, and heal. */
export interface Transport {
  /** One Converse call, with deadlines and retries. */
  converse(input: ConverseCommandInput, options?: CallOptions): Promise<ConverseCommandOutput>;
  /**
   * One ConverseStream call as a lazy `AsyncIterable` of the SDK's stream events: the request
   * starts when iteration starts (each iteration is a new call). Ends only after `messageStop`
   * and `metadata`; anything else throws. Breaking out of the loop aborts the request.
   */
  converseStream(
    input: ConverseStreamCommandInput,
    options?: CallOptions,
  ): AsyncIterable<ConverseStreamOutput>;
  /**
   * One InvokeModel call (non-streaming; e.g. an embedding model) with the same deadlines,
   * retries, eviction and error classification as `converse`. The body is the model's own JSON.
   */
  invokeModel(input: InvokeModelCommandInput, options?: CallOptions): Promise<InvokeModelResult>;
  /** `@aws-sdk/client-bedrock` commands through the same pool, deadlines and retries. */
  control: {
    send<I extends ControlInput, O extends ControlOutput>(
      command: ControlCommand<I, O>,
      options?: CallOptions,
    ): Promise<O>;
  };
  /** The region calls go to and where it came from. */
  readonly region: ResolvedRegion;
  /** The identity calls use, without secrets. */
  readonly auth: ResolvedAuth;
  /** Closes every pooled client and socket. Calls made afterwards fail. */
  close(): Promise<void>;
}

/** Creates a transport; resolves region, identity and endpoints once, now (no network). */
export function createTransport(options: TransportOptions = {}): Transport {
  const env = options.env ?? process.env;
  const normalized = normalizeOptions(options);
  const region = resolveRegion(env, {
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
  });
  const auth: AuthSettings = resolveAuthSettings(env, {
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
    ...(options.token !== undefined ? { token: options.token } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
  });
  const endpoints = resolveEndpoints(env, {
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    ...(options.controlEndpoint !== undefined ? { controlEndpoint: options.controlEndpoint } : {}),
  });
  const pool = new ClientPool();
  const settings = (kind: ClientKind): ClientSettings => ({
    kind,
    region: region.region,
    endpoint: kind === 'runtime' ? endpoints.runtime : endpoints.control,
    auth,
    options: normalized,
  });
  const deps = (call?: CallOptions): CallDeps => ({
    options: normalized,
    pool,
    secrets: auth.secrets,
    hooks: [options.onEvent, call?.onEvent],
  });

  return {
    region,
    auth: auth.info,
    converse(input, callOptions = {}) {
      const call = new CallContext(
        deps(callOptions),
        'converse',
        input.modelId ?? '',
        callOptions.signal,
      );
      return runUnary(call, {
        pool,
        settings: settings('runtime'),
        firstByteMs: converseFirstByteMs(input),
        send: (built, sendOptions) => built.pipelines.send(new ConverseCommand(input), sendOptions),
      }).finally(() => call.dispose());
    },
    invokeModel(input, callOptions = {}) {
      const call = new CallContext(
        deps(callOptions),
        'invoke-model',
        input.modelId ?? '',
        callOptions.signal,
      );
      return runUnary(call, {
        pool,
        settings: settings('runtime'),
        firstByteMs: invokeFirstByteMs(input),
        send: (built, sendOptions) => sendInvokeModel(built, input, sendOptions),
      }).finally(() => call.dispose());
    },
    converseStream(input, callOptions = {}) {
      return {
        [Symbol.asyncIterator]() {
          const call = new CallContext(
            deps(callOptions),
            'converse-stream',
            input.modelId ?? '',
            callOptions.signal,
          );
          return streamCall(
            call,
            {
              pool,
              settings: settings('runtime'),
              fallbackToNonStreaming: normalized.fallbackToNonStreaming,
            },
            input,
          );
        },
      };
    },
    control: {
      send<I extends ControlInput, O extends ControlOutput>(
        command: ControlCommand<I, O>,
        callOptions: CallOptions = {},
      ): Promise<O> {
        const name = command.constructor.name.replace(/Command$/, '');
        const call = new CallContext(deps(callOptions), 'control', name, callOptions.signal);
        return runUnary<O>(call, {
          pool,
          settings: settings('control'),
          send: (built, sendOptions) =>
            (built.client as BedrockClient).send(command as never, sendOptions) as Promise<O>,
        }).finally(() => call.dispose());
      },
    },
    async close() {
      pool.close();
    },
  };
}
