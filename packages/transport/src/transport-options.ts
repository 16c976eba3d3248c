import type { TransportEvent } from './transport-event.js';

/** Static AWS credentials (the secret never appears in any event, log line or error). */
export interface TransportCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Deadlines, in milliseconds. Every one is finite: no configuration lets a call hang. */
export interface TransportTimeouts {
  /**
   * Time to open the TCP (and TLS) connection.
   * Default `5000`. Must be a finite number > 0 (0 and `Infinity` are rejected).
   */
  connectMs?: number;
  /**
   * Time from sending a request to the first part of its answer: for `converse` the response
   * headers, which arrive only once the model has finished; for `converseStream` the first
   * event (the model's prefill happens before it).
   * Default: a prefill allowance that grows with the request (1 s per 8,000 characters of
   * text, an image counting 8,000 and a document's bytes / 8), plus `15000` for
   * `converseStream` (`streamFirstByteMs`) or, for `converse`, `120000` or the time
   * `inferenceConfig.maxTokens` takes at 20 tokens a second, whichever is longer
   * (`converseFirstByteMs`). Must be finite and > 0.
   */
  firstByteMs?: number;
  /**
   * Longest silence between two stream events where Bedrock is known to pause: inside a tool
   * call's input (Bedrock buffers it; silences of 60-150 s have been reported for large
   * inputs), inside reasoning, between content blocks.
   * Default `300000` (5 min). Must be finite and > 0. Also caps `textIdleMs`.
   */
  idleMs?: number;
  /**
   * Longest silence after a text delta (text streams token by token, a few tens of ms
   * apart), and between the body chunks of a `converse` answer once its headers arrived
   * (the whole body follows them at once). Default `15000`. Must be finite and > 0; the
   * deadline used is the smaller of this and `idleMs`.
   */
  textIdleMs?: number;
  /**
   * Deadline for the whole call, every attempt and backoff sleep included.
   * Default `600000` (10 min). Must be finite and > 0.
   */
  totalMs?: number;
}

/** Retry policy of the transport's own loop (the SDK's own retries are switched off). */
export interface TransportRetry {
  /** Attempts per call, the first included; `1` means no retry. Integer 1..20. Default `3`. */
  maxAttempts?: number;
  /**
   * Base of the exponential backoff: before retry n (1, 2, ...) a uniformly random delay in
   * `[0, min(maxDelayMs, base * 2^(n-1)))` (full jitter). Default `500`.
   */
  baseDelayMs?: number;
  /**
   * Ceiling of one backoff sleep, and of a server's `Retry-After` (a longer request is capped to
   * this value). Default `20000`.
   */
  maxDelayMs?: number;
}

/** Which HTTP stack carries runtime calls. */
export type TransportProtocol = 'http1' | 'http2';

/** Options of `createTransport`. Every field is optional. */
export interface TransportOptions {
  /**
   * AWS region. Default: `AWS_REGION`, then `AWS_DEFAULT_REGION`, then the shared config
   * profile's `region` (`AWS_PROFILE`, `AWS_CONFIG_FILE`), then `us-east-1`.
   */
  region?: string;
  /**
   * Endpoint URL of the runtime (and, unless `controlEndpoint` is set, the control plane).
   * Default: `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`, then `AWS_ENDPOINT_URL`, then the AWS endpoint of
   * the region.
   */
  endpoint?: string;
  /**
   * Endpoint URL of the control plane (`@aws-sdk/client-bedrock`). Default: `endpoint` when given,
   * else `AWS_ENDPOINT_URL_BEDROCK`, then `AWS_ENDPOINT_URL`, then the AWS endpoint of the region.
   */
  controlEndpoint?: string;
  /**
   * Static credentials. Default: `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` /
   * `AWS_SESSION_TOKEN`, else the SDK's default provider chain (profile, SSO, container, web
   * identity, instance metadata). Ignored when a bearer token is in effect.
   */
  credentials?: TransportCredentials;
  /**
   * Bedrock API key, sent as `Authorization: Bearer` (the SDK's `httpBearerAuth` scheme).
   * Default: `AWS_BEARER_TOKEN_BEDROCK`. Takes precedence over credentials.
   */
  token?: string;
  /** Shared config/credentials profile for the default chain. Default: `AWS_PROFILE`, then `default`. */
  profile?: string;
  /**
   * HTTP stack for runtime calls: `'http1'` (a keep-alive socket pool, `NodeHttpHandler`) or
   * `'http2'` (`NodeHttp2Handler`). Default `'http1'`: measured faster per call (see README).
   * The control plane always uses HTTP/1.1.
   */
  protocol?: TransportProtocol;
  /** Deadlines; see `TransportTimeouts` for each default. */
  timeouts?: TransportTimeouts;
  /** Retry policy; see `TransportRetry` for each default. */
  retry?: TransportRetry;
  /**
   * When the identity may not call ConverseStream (`streaming_denied`), make the same request
   * with Converse and replay its answer as Converse stream events. Default `false`.
   */
  fallbackToNonStreaming?: boolean;
  /** TCP keep-alive probe delay on pooled sockets. Default `15000`. */
  keepAliveMsecs?: number;
  /** Upper bound of pooled HTTP/1.1 sockets per client. Default `50`. */
  maxSockets?: number;
  /**
   * Called for every transport event (attempt, retry, evict, timeout, fallback, success, error).
   * Events never carry secrets. A hook that throws is ignored.
   */
  onEvent?: (event: TransportEvent) => void;
  /**
   * Where environment variables are read from. Default `process.env`. (The SDK's default
   * credential chain still reads `process.env` itself.)
   */
  env?: Record<string, string | undefined>;
}

/** Options of one call. */
export interface CallOptions {
  /** Cancels the call at once: backoff sleeps end and open sockets are closed. */
  signal?: AbortSignal;
  /** Per-call event hook, called after the transport-level one. */
  onEvent?: (event: TransportEvent) => void;
}
