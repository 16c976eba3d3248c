import type { ErrorInfo } from './error-info.js';
import type { ErrorKind } from './error-kind.js';
import { kindFacts } from './kind-facts.js';

const BRAND = Symbol.for('@bedrock-bridge/errors.BedrockBridgeError');

/** What it takes to build a `BedrockBridgeError`; unset facts come from the kind. */
export interface BedrockBridgeErrorOptions {
  /** The kind of failure (required); sets the defaults of `retryable` and `evictClient`. */
  kind: ErrorKind;
  /** Human message; an empty one is replaced by the kind's summary. */
  message: string;
  /** The original error. Default: none. */
  cause?: unknown;
  /** Defaults to the kind's `retryable`. Ignored for `aborted`, which is never retryable. */
  retryable?: boolean;
  /** Defaults to the kind's `evictClient`. */
  evictClient?: boolean;
  /** Milliseconds the server asked the caller to wait before retrying. Default: unset. */
  retryAfterMs?: number;
  /** HTTP status of the failed response. Default: unset. */
  status?: number;
  /** The most specific code known (AWS error name, Node code, or our own). Default: unset. */
  code?: string;
  /** The request field at fault (an OpenAI-style `param`, e.g. `messages[3].content[0]`). */
  param?: string;
}

/**
 * An `Error` that carries its classification. Recognise it with `BedrockBridgeError.is(err)`,
 * which also works across duplicate installs of this package (a `Symbol.for` brand).
 */
export class BedrockBridgeError extends Error implements ErrorInfo {
  declare readonly [BRAND]: true;
  readonly kind: ErrorKind;
  readonly retryable: boolean;
  readonly evictClient: boolean;
  readonly retryAfterMs?: number;
  readonly status?: number;
  readonly code?: string;
  readonly param?: string;
  declare readonly cause: unknown;

  constructor(options: BedrockBridgeErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    Object.defineProperty(this, BRAND, { value: true });
    this.name = 'BedrockBridgeError';
    this.kind = options.kind;
    const facts = kindFacts(options.kind);
    // The caller cancelled: retrying would undo their decision, whatever the options say.
    this.retryable = options.kind === 'aborted' ? false : (options.retryable ?? facts.retryable);
    this.evictClient = options.evictClient ?? facts.evictClient;
    if (this.message === '') this.message = `${facts.summary} (${options.kind})`;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    if (options.status !== undefined) this.status = options.status;
    if (options.code !== undefined) this.code = options.code;
    if (options.param !== undefined) this.param = options.param;
    if (options.cause === undefined) this.cause = undefined;
  }

  /** True for any `BedrockBridgeError`, from this copy of the package or another one. */
  static is(value: unknown): value is BedrockBridgeError {
    if (typeof value !== 'object' || value === null) return false;
    try {
      return (value as { [BRAND]?: unknown })[BRAND] === true;
    } catch {
      // a Proxy or exotic object whose property read throws is not one of ours
      return false;
    }
  }

  /** The classification as a plain object. */
  toInfo(): ErrorInfo {
    const info: ErrorInfo = {
      kind: this.kind,
      retryable: this.retryable,
      evictClient: this.evictClient,
      message: this.message,
      cause: this.cause,
    };
    if (this.retryAfterMs !== undefined) info.retryAfterMs = this.retryAfterMs;
    if (this.status !== undefined) info.status = this.status;
    if (this.code !== undefined) info.code = this.code;
    return info;
  }
}
