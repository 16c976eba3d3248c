import type { Emulator, EmulatorOptions } from '@bedrock-bridge/emulator';
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import {
  createRouter,
  createTransport,
  type Router,
  type RouterOptions,
  resolveAuth,
  resolveEndpoints,
  resolveRegion,
  type Transport,
  type TransportOptions,
  type UpstreamOptions,
} from '@bedrock-bridge/transport';
import { upstreamModelId } from './upstreams/upstream-model-id.js';

/** Credentials the emulator accepts (it does not verify signatures). */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'emulator' };

/** Where calls go and with which identity. */
export interface StackOptions {
  /** AWS region. Default: `AWS_REGION`, `AWS_DEFAULT_REGION`, the profile's, then `us-east-1`. */
  region?: string;
  /** A Bedrock-compatible endpoint URL. Default: the AWS endpoint of the region. */
  endpoint?: string;
  /** Start an emulator in-process and use it. `true` or its options. Default: no emulator. */
  emulator?: boolean | EmulatorOptions;
  /**
   * Several upstreams (regions or accounts) behind a router with failover and circuit breakers.
   * Default: one upstream from `region` and `endpoint`. Ignored with `emulator`.
   */
  upstreams?: UpstreamOptions[];
  /** Router options besides the upstreams (circuit breaker, shared cool-downs). */
  router?: Pick<RouterOptions, 'circuit' | 'cooldowns'>;
  /** Extra transport options (timeouts, retries, events). */
  transport?: TransportOptions;
  /** Environment to read. Default `process.env`. */
  env?: Record<string, string | undefined>;
}

/** A transport ready to call Bedrock (or the emulator), and how it was set up. */
export interface Stack {
  transport: Transport;
  region: string;
  /** The endpoint in use, when not AWS's own. */
  endpoint: string | undefined;
  /** The router, when several upstreams (or any `upstreams`) were given. */
  router: Router | undefined;
  /** The in-process emulator, when one was started. */
  emulator: Emulator | undefined;
  /** Which identity signs calls, without secrets. */
  identity: string;
  /** Closes the transport, then the emulator. */
  close(): Promise<void>;
}

/** The `code` of the `auth` error thrown when nothing could sign a call to AWS. */
export const NO_CREDENTIALS_CODE = 'no_credentials';

/**
 * Nothing could sign a call to AWS: a `BedrockBridgeError` of kind `auth` (code
 * `no_credentials`) like every other failure; its message says what to do.
 */
export function noCredentialsError(): BedrockBridgeError {
  return new BedrockBridgeError({
    kind: 'auth',
    code: NO_CREDENTIALS_CODE,
    retryable: false,
    message: [
      'No AWS credentials found, and no --endpoint or --emulator given.',
      'Do one of:',
      '  - set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_REGION),',
      '  - set AWS_PROFILE to a profile in ~/.aws/config (e.g. after `aws sso login`),',
      '  - set AWS_BEARER_TOKEN_BEDROCK to a Bedrock API key,',
      '  - or try it without an AWS account: add --emulator (a local Bedrock with sample models).',
    ].join('\n'),
  });
}

/** Whether `err` is the error of `noCredentialsError()`. */
export function isNoCredentialsError(err: unknown): err is BedrockBridgeError {
  return BedrockBridgeError.is(err) && err.code === NO_CREDENTIALS_CODE;
}

/**
 * An upstream with a custom endpoint and no identity of its own, when nothing else could sign:
 * placeholder credentials it will not check (as for a single `--endpoint`).
 */
function withPlaceholderCredentials(u: UpstreamOptions, source: string): UpstreamOptions {
  if (u.credentials || u.token || u.profile || source !== 'default-chain') return u;
  if (u.endpoint === undefined) throw noCredentialsError();
  return { ...u, credentials: EMULATOR_CREDENTIALS };
}

/**
 * Upstream sockets per client pool; the transport's own default (the SDK's) is 50. Each open
 * stream holds one HTTP/1.1 socket, and the capacity bench holds 1,000 slow streams through one
 * gateway process: with 512, the 513th stream waited for a socket until another one ended.
 */
export const GATEWAY_MAX_SOCKETS = 2048;

/** Builds the transport (and, when asked, an emulator behind it). */
export async function createStack(options: StackOptions = {}): Promise<Stack> {
  const env = options.env ?? process.env;
  let emulator: Emulator | undefined;
  if (options.emulator) {
    // Loaded only when asked for: a production gateway never imports the emulator.
    const { startEmulator } = await import('@bedrock-bridge/emulator');
    emulator = await startEmulator(options.emulator === true ? {} : options.emulator);
  }
  // Region, identity and endpoints come from transport's resolvers, the ones `createTransport`
  // itself uses: one reading of the options and the environment (trimmed, the SDK's variables).
  const explicitEndpoint = emulator?.url ?? options.endpoint;
  const endpoint = resolveEndpoints(
    env,
    explicitEndpoint === undefined ? {} : { endpoint: explicitEndpoint },
  ).runtime;
  const { profile, credentials, token } = options.transport ?? {};
  const region = resolveRegion(env, {
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(profile === undefined ? {} : { profile }),
  }).region;
  const auth = resolveAuth(env, {
    ...(credentials === undefined ? {} : { credentials }),
    ...(token === undefined ? {} : { token }),
    ...(profile === undefined ? {} : { profile }),
  });
  // A gateway holds one upstream socket per open stream (HTTP/1.1): the SDK's pool of 50 would
  // queue the 51st concurrent stream behind the others, so the gateway's pool is larger.
  const transportOptions: TransportOptions = {
    maxSockets: GATEWAY_MAX_SOCKETS,
    ...options.transport,
    region,
    env,
  };
  let identity = auth.description;
  if (emulator !== undefined) {
    transportOptions.credentials = EMULATOR_CREDENTIALS;
    identity = 'emulator credentials (signatures are not checked)';
  } else if (auth.source === 'default-chain' && !options.upstreams?.length) {
    if (endpoint === undefined) throw noCredentialsError();
    // A custom endpoint without credentials: sign with placeholders it will not check.
    transportOptions.credentials = EMULATOR_CREDENTIALS;
    identity = 'placeholder credentials (no AWS credentials found)';
  }
  // Only an explicit endpoint is passed on: the transport reads the environment's own (runtime
  // and control plane apart) exactly as resolved above.
  if (explicitEndpoint !== undefined) transportOptions.endpoint = explicitEndpoint;
  const router =
    emulator === undefined && options.upstreams !== undefined && options.upstreams.length > 0
      ? createRouter({
          ...transportOptions,
          ...options.router,
          upstreams: options.upstreams.map((u) => withPlaceholderCredentials(u, auth.source)),
          modelIdFor: upstreamModelId,
        })
      : undefined;
  const transport = router ?? createTransport(transportOptions);
  return {
    transport,
    router,
    region: router ? router.region.region : region,
    endpoint: router ? options.upstreams?.[0]?.endpoint : endpoint,
    emulator,
    // with a router, each upstream signs with its own identity
    identity: router
      ? router
          .transports()
          .map((t) => `${t.name}: ${t.transport.auth.description}`)
          .join('; ')
      : identity,
    async close() {
      await transport.close();
      await emulator?.close();
    },
  };
}
