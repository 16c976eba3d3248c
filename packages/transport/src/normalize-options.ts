import { BedrockBridgeError } from '@bedrock-bridge/errors';
import type { TransportOptions } from './transport-options.js';

/** Largest delay a Node timer accepts; above it `setTimeout` fires at once. */
const MAX_TIMER_MS = 2_147_483_647;

/** The defaults of every numeric option. */
export const TRANSPORT_DEFAULTS = {
  connectMs: 5_000,
  firstByteMs: 120_000,
  streamFirstByteMs: 15_000,
  idleMs: 300_000,
  textIdleMs: 15_000,
  totalMs: 600_000,
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  keepAliveMsecs: 15_000,
  maxSockets: 50,
} as const;

/** Options after defaults and validation. */
export interface NormalizedOptions {
  protocol: 'http1' | 'http2';
  connectMs: number;
  /** The caller's `firstByteMs`; `undefined` means the per-operation default. */
  firstByteMs: number | undefined;
  idleMs: number;
  /** Already capped by `idleMs`. */
  textIdleMs: number;
  totalMs: number;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  keepAliveMsecs: number;
  maxSockets: number;
  fallbackToNonStreaming: boolean;
}

function invalid(param: string, problem: string): BedrockBridgeError {
  return new BedrockBridgeError({
    kind: 'validation',
    message: `Invalid transport option ${param}: ${problem}`,
    param,
  });
}

function positive(param: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value)) throw invalid(param, 'not a number');
  if (!Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS) {
    throw invalid(
      param,
      `${value} is not allowed; give a finite number of milliseconds between 1 and ${MAX_TIMER_MS} (a deadline cannot be switched off)`,
    );
  }
  return value;
}

function nonNegative(param: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_TIMER_MS) {
    throw invalid(param, `${value} is not a finite number of milliseconds >= 0`);
  }
  return value;
}

/** Applies defaults and rejects values that would disable a deadline or make no sense. */
export function normalizeOptions(options: TransportOptions): NormalizedOptions {
  const protocol = options.protocol ?? 'http1';
  if (protocol !== 'http1' && protocol !== 'http2') {
    throw invalid('protocol', `expected 'http1' or 'http2', got ${JSON.stringify(protocol)}`);
  }
  const t = options.timeouts ?? {};
  const r = options.retry ?? {};
  const maxAttempts = r.maxAttempts ?? TRANSPORT_DEFAULTS.maxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 20) {
    throw invalid('retry.maxAttempts', `${maxAttempts} is not an integer between 1 and 20`);
  }
  const maxSockets = options.maxSockets ?? TRANSPORT_DEFAULTS.maxSockets;
  if (!Number.isInteger(maxSockets) || maxSockets < 1) {
    throw invalid('maxSockets', `${maxSockets} is not an integer >= 1`);
  }
  const idleMs = positive('timeouts.idleMs', t.idleMs, TRANSPORT_DEFAULTS.idleMs);
  return {
    protocol,
    connectMs: positive('timeouts.connectMs', t.connectMs, TRANSPORT_DEFAULTS.connectMs),
    firstByteMs:
      t.firstByteMs === undefined ? undefined : positive('timeouts.firstByteMs', t.firstByteMs, 0),
    idleMs,
    textIdleMs: Math.min(
      idleMs,
      positive('timeouts.textIdleMs', t.textIdleMs, TRANSPORT_DEFAULTS.textIdleMs),
    ),
    totalMs: positive('timeouts.totalMs', t.totalMs, TRANSPORT_DEFAULTS.totalMs),
    maxAttempts,
    baseDelayMs: nonNegative('retry.baseDelayMs', r.baseDelayMs, TRANSPORT_DEFAULTS.baseDelayMs),
    maxDelayMs: nonNegative('retry.maxDelayMs', r.maxDelayMs, TRANSPORT_DEFAULTS.maxDelayMs),
    keepAliveMsecs: positive(
      'keepAliveMsecs',
      options.keepAliveMsecs,
      TRANSPORT_DEFAULTS.keepAliveMsecs,
    ),
    maxSockets,
    fallbackToNonStreaming: options.fallbackToNonStreaming ?? false,
  };
}
