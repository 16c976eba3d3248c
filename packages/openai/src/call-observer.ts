import type { TransportEvent } from '@bedrock-bridge/transport';
import type { ConversionNotes } from './chat-completion.js';
import type { OpenAIErrorResponse } from './openai-error.js';

/** How an event stream ended, for logs and metrics. */
export type StreamOutcome = (
  | { ok: true; chunks: number }
  | { ok: false; chunks: number; error: unknown; clientGone: boolean }
) & {
  /** `performance.now()` when the first event with a token was handed to the reader. */
  firstTokenAt?: number;
};

/**
 * What a server hears about one request while the handler answers it, so it can log and meter
 * without deciding anything again. Every method is optional and called at most once, except
 * `transportEvent`.
 */
export interface CallObserver {
  /**
   * The validated request: its model, whether it streams (not said for embeddings), and its
   * prompt (chat messages or Responses input; not said for embeddings).
   */
  request?(info: { model: string; stream?: boolean; prompt?: unknown }): void;
  /** What the conversion dropped or adjusted, and the `x-bedrock-bridge-warnings` value sent. */
  notes?(notes: ConversionNotes, header: string): void;
  /** Transport events of this request (attempts, retries, evictions). */
  transportEvent?(event: TransportEvent): void;
  /** The failure answered, or reported inside a stream, as it left the handler (redacted). */
  failure?(failure: OpenAIErrorResponse): void;
  /**
   * The first event with a token (answer text, reasoning, a tool call) is being handed to the
   * stream's reader now: a server flushes it at once.
   */
  firstToken?(at: number): void;
  /** How a streamed answer ended (after its last byte was read, or when it was cancelled). */
  stream?(outcome: StreamOutcome): void;
}

/** The per-call argument of an `OpenAIHandler`. */
export interface HandlerCall {
  /**
   * Aborts the upstream call (client gone, server shutting down). A `BedrockBridgeError` as the
   * reason is the failure reported (a shutdown's `overloaded`); anything else reads as `aborted`.
   * The request's own `signal` works too.
   */
  signal?: AbortSignal;
  /** Hears what happened to this request. */
  observer?: CallObserver;
}
