import type { Catalogue } from './catalogue.js';

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** TCP port to listen on. Default `0` (any free port; read the chosen one from `url`). */
  port?: number;
  /** Interface to bind. Default `'127.0.0.1'` (loopback only). */
  host?: string;
  /** Models and inference profiles to serve. Default: the built-in catalogue (`defaultCatalogue`). */
  catalogue?: Catalogue;
  /**
   * Region assumed when a request does not name one in its SigV4 credential scope
   * (for example a Bearer-token request). Default `'us-east-1'`.
   */
  region?: string;
  /**
   * Delay in milliseconds between two events of a stream. Default `0`. Kept on the clock: event
   * `i` is due `i * paceMs` after the first, so one late event does not delay the rest.
   */
  paceMs?: number;
  /** Number of text deltas the default model streams an answer in. Default `8`. */
  deltas?: number;
  /**
   * Access key ids or Bearer tokens that are refused `converse-stream`
   * (403 AccessDeniedException about `bedrock:InvokeModelWithResponseStream`). Default: none.
   */
  denyStreamingFor?: string[];
  /**
   * Serve HTTPS: HTTP/2 or HTTP/1.1 negotiated by ALPN, as Bedrock serves them. `true` makes a
   * self-signed certificate for localhost / 127.0.0.1 / ::1 (read it from `Emulator.certificate`
   * to trust it); or pass your own PEM `cert` and `key`. Default `false` (plain HTTP/1.1 and h2c).
   */
  tls?: boolean | { cert: string; key: string };
  /** Receives one line per request once it is answered (the bin passes `console.log`). Default: silent. */
  log?: (line: string) => void;
}

/** The operation a request was routed to. */
export type Operation = 'converse' | 'converse-stream' | 'invoke-model' | 'control' | 'admin';

/** Exceptions Bedrock can send inside a ConverseStream. */
export type StreamExceptionType =
  | 'throttlingException'
  | 'modelStreamErrorException'
  | 'validationException'
  | 'internalServerException'
  | 'serviceUnavailableException';

/** What a fault does. `afterEvents` defaults to 2. */
export type FaultSpec =
  | {
      type: 'throttling';
      /**
       * Adds a `Retry-After` header of this many seconds (a number >= 0; fractions are rounded
       * up, since the header carries whole seconds). Default: no header.
       */
      retryAfterSeconds?: number;
    }
  | { type: 'service-unavailable' }
  | { type: 'internal-server' }
  | { type: 'model-not-ready' }
  | { type: 'model-timeout' }
  | { type: 'context-overflow' }
  | { type: 'access-denied' }
  /** 403 `UnrecognizedClientException`: the signature's credentials are not valid (bad or expired keys). */
  | { type: 'invalid-credentials' }
  /**
   * 429 `ThrottlingException` "Too many tokens per day, please wait before trying again.": the
   * account's daily token quota is spent (Bedrock answers it as a throttle, without Retry-After).
   */
  | { type: 'quota-exceeded' }
  /**
   * 424 `ModelErrorException` with `originalStatusCode` (default 500) and `resourceName` (the
   * model id): the model itself failed.
   */
  | { type: 'model-error'; originalStatusCode?: number; message?: string }
  | {
      type: 'stream-exception';
      exception: StreamExceptionType;
      afterEvents?: number;
      /**
       * The exception's message. Default: Bedrock's usual wording for that exception (for
       * `validationException`, the context-overflow one: "...Input is too long for requested model.").
       */
      message?: string;
      /** For `modelStreamErrorException`: the model's status code it carries. Default: none. */
      originalStatusCode?: number;
    }
  | { type: 'cut'; afterEvents?: number }
  | { type: 'reset'; afterEvents?: number }
  | { type: 'stall'; afterEvents?: number }
  | { type: 'blackhole' }
  | { type: 'stale-keep-alive' }
  | { type: 'no-message-stop' }
  | { type: 'corrupt-frame'; afterEvents?: number }
  | { type: 'slow-first-byte'; delayMs: number }
  /**
   * Goes silent for `delayMs` after K events (a Converse answer: after half its body), then
   * carries on and ends normally: Bedrock's long pauses, e.g. while it buffers a large tool
   * call's input.
   */
  | { type: 'pause'; afterEvents?: number; delayMs: number };

/** A fault and the requests it applies to. */
export type Fault = FaultSpec & {
  /** How many matching requests it applies to. Default `1`. */
  times?: number;
  /** Which requests match. Default `'runtime'` (converse, converse-stream and invoke-model). */
  operation?: 'converse' | 'converse-stream' | 'invoke-model' | 'runtime' | 'control';
  /** Only requests for this model id (as written in the path, percent-decoded). Default: any. */
  modelId?: string;
};

/** One request as the emulator saw it. */
export interface RecordedRequest {
  protocol: 'http1' | 'http2';
  method: string;
  path: string;
  operation: Operation;
  modelId?: string;
  /** Request headers, without `authorization`, `x-amz-security-token`, `cookie` and HTTP/2 pseudo-headers. */
  headers: Record<string, string>;
  /** Parsed JSON body, the raw text when it is not JSON, `undefined` when empty. */
  body: unknown;
  /** `attempt` from the SDK's `amz-sdk-request: attempt=N; max=M` header. */
  attempt?: number;
  /** Which TCP connection carried it (1, 2, ... in accept order). */
  connectionId: number;
  /** The fault applied to it, by type. */
  fault?: string;
  /** HTTP status answered (absent when no answer was sent). */
  status?: number;
}

/** Token usage as Bedrock reports it. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
  /** Cache writes per TTL. */
  cacheDetails?: Array<{ ttl: string; inputTokens: number }>;
}

/** A stream event exactly as on the wire: one key (the event or exception type) and its payload. */
export type StreamEvent = Record<string, unknown>;

/**
 * An exact answer for the next runtime request. Give `content` (Converse content blocks; streamed
 * the way the default model streams them) or `events` (the exact stream events, e.g.
 * `{ messageStart: { role: 'assistant' } }` or `{ throttlingException: { message: '...' } }`;
 * a converse request gets them aggregated into one answer).
 */
export interface ScriptedAnswer {
  content?: Array<Record<string, unknown>>;
  /** Default `'end_turn'` (or `'tool_use'` when `content` has a toolUse block). */
  stopReason?: string;
  /** Default: counted from the request and the content (characters / 4, rounded up). */
  usage?: Partial<Usage>;
  events?: StreamEvent[];
}

/** A running emulator. */
export interface Emulator {
  /**
   * Base URL, e.g. `http://127.0.0.1:43123` (the same port speaks HTTP/1.1 and h2c), or
   * `https://...` in TLS mode (HTTP/2 or HTTP/1.1 by ALPN).
   */
  url: string;
  /** In TLS mode, the PEM certificate the emulator serves (self-signed: give it as `ca`). */
  certificate?: string;
  /** Queue a fault. */
  inject(fault: Fault): void;
  /** Remove every queued fault. */
  clearFaults(): void;
  /** Queue an exact answer for the next runtime request. */
  script(answer: ScriptedAnswer): void;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  /** Live and ever-accepted TCP connections. */
  connections: { open: number; total: number };
  /** Ends every socket and session and clears every timer. */
  close(): Promise<void>;
}
