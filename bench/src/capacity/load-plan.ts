import type { Percentiles } from './histogram.js';
import type { ProfileId } from './workloads.js';

/** Who receives the load: the gateway (OpenAI requests) or the floor proxy (Converse bytes). */
export type TargetKind = 'gateway' | 'floor';

/** What one load-generator process does (passed to `load-child` as JSON). */
export interface LoadPlan {
  target: TargetKind;
  /** Base URL of the gateway or of the floor proxy. */
  url: string;
  profile: ProfileId;
  /** Text deltas per answer (the slow profile's question is made long enough for them). */
  deltas: number;
  mode:
    | {
        /** Open loop: `rate` requests per second for `seconds`, whatever the answers do. */
        kind: 'rate';
        rate: number;
        seconds: number;
      }
    | {
        /** `streams` concurrent streams opened evenly over `rampSeconds`, each read to its end. */
        kind: 'streams';
        streams: number;
        rampSeconds: number;
      };
  /** A request not finished after this long counts as an error. */
  timeoutMs: number;
}

/** What one load-generator process measured. */
export interface LoadResult {
  /** Requests sent and how many ended with a complete answer or an error. */
  sent: number;
  ok: number;
  errors: number;
  firstError?: string;
  /** When the first error happened, ms after the run started. */
  firstErrorAtMs?: number;
  /** How far the generator fell behind its schedule (ms): the largest lag of one send. */
  maxSendLagMs: number;
  /** From the first send to the last answer (s). */
  wallSeconds: number;
  /** Send to complete answer, every request. */
  latency: Percentiles;
  /** Send to the first chunk carrying answer text, streamed requests. */
  ttft: Percentiles;
  /** Between two successive chunks carrying answer text (streams only). */
  gaps: Percentiles;
  /** Stream events received: SSE `data:` lines from the gateway, frames from the floor. */
  events: number;
}
