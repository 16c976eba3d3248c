import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';
import type { MetadataBearer, Pluggable } from '@smithy/types';
import { DeadlineHttpAgent, DeadlineHttpsAgent, h2SocketFactory } from './connect-timeout.js';
import { converseBodyPlugin } from './converse-body-plugin.js';
import { ENDPOINT_MIDDLEWARE, endpointFromConfigOnly, keepEndpoint } from './kept-endpoint.js';
import { keptRequestPlugin } from './kept-request.js';
import { keepSigners } from './kept-signer.js';
import { keepUserAgent, USER_AGENT_MIDDLEWARE, type UserAgentConfig } from './kept-user-agent.js';
import type { NormalizedOptions } from './normalize-options.js';
import { ObservingHandler } from './observing-handler.js';
import { oneAttemptRetryPlugin } from './one-attempt-retry.js';
import type { AuthSettings } from './resolve-auth.js';
import { type KeepMiddleware, ResolvedPipelines } from './resolved-pipeline.js';
import { streamOutputPlugin } from './stream-output-plugin.js';

/** Which client a pool entry holds. */
export type ClientKind = 'runtime' | 'control';

/** Everything a client is built from. */
export interface ClientSettings {
  kind: ClientKind;
  region: string;
  endpoint: string | undefined;
  auth: AuthSettings;
  options: NormalizedOptions;
}

/** A built SDK client with the means to close its sockets. */
export interface BuiltClient {
  client: BedrockRuntimeClient | BedrockClient;
  protocol: 'http1' | 'http2';
  /**
   * Sends the transport's own commands (built per call, no middleware of their own) with the
   * middleware order of each command class resolved once (`ResolvedPipelines`).
   */
  pipelines: ResolvedPipelines;
  /** Closes idle pooled sockets now (in-flight requests keep theirs). */
  closeIdle(): void;
  /** Closes every socket of the client. */
  destroy(): void;
}

function http1Handler(options: NormalizedOptions): {
  handler: NodeHttpHandler;
  agents: Array<DeadlineHttpAgent | DeadlineHttpsAgent>;
} {
  const agentOptions = {
    keepAlive: true,
    keepAliveMsecs: options.keepAliveMsecs,
    maxSockets: options.maxSockets,
    scheduling: 'lifo' as const,
    connectMs: options.connectMs,
  };
  const httpAgent = new DeadlineHttpAgent(agentOptions);
  const httpsAgent = new DeadlineHttpsAgent(agentOptions);
  return {
    handler: new NodeHttpHandler({ httpAgent, httpsAgent }),
    agents: [httpAgent, httpsAgent],
  };
}

/**
 * In the kept pipelines of a client with `config`: the endpoint middleware, its endpoint kept
 * where only the config sets it, and the user agent middleware, its header values kept per set
 * of inputs.
 */
export function keepInPipelines(config: UserAgentConfig): KeepMiddleware {
  return (name, middleware, commandClass) => {
    if (name === ENDPOINT_MIDDLEWARE && endpointFromConfigOnly(commandClass)) {
      return keepEndpoint(middleware);
    }
    if (name === USER_AGENT_MIDDLEWARE) return keepUserAgent(middleware, config);
    return middleware;
  };
}

/** Builds a runtime or control-plane client: SDK retries off, our handler, our sockets. */
export function buildClient(settings: ClientSettings): BuiltClient {
  const { options, auth } = settings;
  const protocol = settings.kind === 'control' ? 'http1' : options.protocol;
  let inner: NodeHttpHandler | NodeHttp2Handler;
  let agents: Array<DeadlineHttpAgent | DeadlineHttpsAgent> = [];
  if (protocol === 'http1') {
    ({ handler: inner, agents } = http1Handler(options));
  } else {
    inner = new NodeHttp2Handler({
      disableConcurrentStreams: false,
      nodeHttp2ConnectOptions: {
        createConnection: h2SocketFactory(options.connectMs, options.keepAliveMsecs) as never,
      },
    });
  }
  const config = {
    region: settings.region,
    maxAttempts: 1,
    requestHandler: new ObservingHandler(inner),
    ...(settings.endpoint !== undefined ? { endpoint: settings.endpoint } : {}),
    ...(auth.token !== undefined
      ? { token: { token: auth.token }, authSchemePreference: ['httpBearerAuth'] }
      : {}),
    ...(auth.token === undefined && auth.credentials !== undefined
      ? { credentials: auth.credentials }
      : {}),
    ...(auth.profile !== undefined ? { profile: auth.profile } : {}),
  };
  let client: BedrockRuntimeClient | BedrockClient;
  if (settings.kind === 'runtime') {
    const runtime = new BedrockRuntimeClient(config);
    // Converse bodies written with one JSON.stringify; signing and the rest stay the SDK's.
    runtime.middlewareStack.use(converseBodyPlugin());
    // The request the SDK's serializer builds around that body, kept per model id and endpoint.
    runtime.middlewareStack.use(keptRequestPlugin(runtime.config));
    // A stream whose events the transport decodes itself skips the SDK's deserializer.
    runtime.middlewareStack.use(streamOutputPlugin(runtime.config));
    client = runtime;
  } else {
    client = new BedrockClient(config);
  }
  // The SDK's SigV4 signer, kept instead of rebuilt (with a copy of the whole config) per call.
  keepSigners(client.config);
  // One attempt per send (maxAttempts: 1 above; the transport retries): no retry-token work.
  (client.middlewareStack as { use(plugin: Pluggable<object, MetadataBearer>): void }).use(
    oneAttemptRetryPlugin(),
  );
  return {
    client,
    protocol,
    pipelines: new ResolvedPipelines(client, keepInPipelines(client.config)),
    closeIdle() {
      for (const agent of agents) {
        for (const list of Object.values(agent.freeSockets)) {
          for (const socket of list ?? []) socket.destroy();
        }
      }
    },
    destroy() {
      client.destroy();
      for (const agent of agents) agent.destroy();
    },
  };
}
