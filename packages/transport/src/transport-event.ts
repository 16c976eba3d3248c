import type { ErrorKind } from '@bedrock-bridge/errors';

/** Which API a call used. */
export type TransportOperation = 'converse' | 'converse-stream' | 'invoke-model' | 'control';

/** Which deadline fired. */
export type TimeoutPhase = 'connect' | 'first-byte' | 'idle' | 'total';

interface EventBase {
  operation: TransportOperation;
  /** 1-based attempt number within the call. */
  attempt: number;
  /** Model id of a runtime call, command name of a control call. */
  target: string;
  /** Name of the upstream that made this attempt; set by a router (`createRouter`). */
  upstream?: string;
}

/**
 * What the transport reports through `onEvent`, for logs and metrics.
 * No event ever carries a secret (keys, tokens, signatures).
 */
export type TransportEvent =
  | (EventBase & {
      type: 'attempt';
      protocol: 'http1' | 'http2';
      region: string;
      /** This attempt's first-byte deadline: the caller's `firstByteMs`, or the default. */
      firstByteMs: number;
    })
  | (EventBase & {
      type: 'retry';
      /** The kind of the failure that is being retried. */
      reason: ErrorKind;
      /** How long the transport sleeps before the next attempt. */
      delayMs: number;
      /** `retry-after`: the server said so; `backoff`: full jitter; `immediate`: fresh client. */
      delaySource: 'retry-after' | 'backoff' | 'immediate';
      message: string;
    })
  | (EventBase & {
      type: 'evict';
      reason: ErrorKind;
      /** Pool key of the evicted client (a hash; never a secret). */
      poolKey: string;
    })
  | (EventBase & { type: 'timeout'; phase: TimeoutPhase; limitMs: number })
  | (EventBase & { type: 'fallback'; reason: 'streaming_denied' })
  | (EventBase & {
      type: 'failover';
      /** The failure that moved the call. */
      reason: ErrorKind;
      /** The upstream the call leaves (also in `upstream`). */
      from: string;
      /** The upstream the next attempt goes to. */
      to: string;
    })
  | (EventBase & {
      type: 'cooldown';
      /** The failure that opened the upstream's circuit. */
      reason: ErrorKind;
      /** How long the upstream gets no calls (a half-open probe follows). */
      cooldownMs: number;
    })
  | (EventBase & { type: 'success'; durationMs: number })
  | (EventBase & { type: 'error'; kind: ErrorKind; message: string; durationMs: number });

/** Calls each hook, ignoring hooks that throw (an observer must not break a call). */
export function emitTransportEvent(
  event: TransportEvent,
  ...hooks: Array<((event: TransportEvent) => void) | undefined>
): void {
  for (const hook of hooks) {
    if (hook === undefined) continue;
    try {
      hook(event);
    } catch {
      // observers never break calls
    }
  }
}
