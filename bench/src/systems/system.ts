import type { Conversation } from '../conversation.js';

/** A client of one system, created for one emulator URL. */
export interface BenchClient {
  /** One non-streaming call of the benchmark conversation; resolves with the answer text. */
  converse(): Promise<string>;
  /**
   * One streaming call; calls `onToken` with every text piece as the caller would see it
   * (the harness takes the first one as time to first token) and resolves with the
   * whole text once the stream has ended.
   */
  stream(onToken: (text: string) => void): Promise<string>;
  /** Releases sockets, servers and timers. */
  close(): Promise<void>;
}

/** How a client is created. */
export interface CreateContext {
  /** Base URL of the emulator (or any Bedrock-compatible endpoint). */
  url: string;
  /**
   * What the client is for. A system may set itself up differently per purpose where the
   * figure does not depend on it (the gateway runs in its own process only for latency).
   */
  purpose: 'latency' | 'faults' | 'memory';
  conversation: Conversation;
  /**
   * When set, the system's own timeout option (see `SystemDef.timeoutOption`) is set to
   * this many milliseconds; otherwise the system runs with its defaults.
   */
  timeoutMs?: number;
}

/** One system of the comparison. */
export interface SystemDef {
  /** Stable short id (used for child processes and the chart). */
  id: string;
  /** Name in the tables. */
  label: string;
  /** Name in the chart (short enough for an axis label). */
  short: string;
  /** `floor` is the bare HTTP client; `info` rows are measured but hold no goal. */
  role: 'floor' | 'baseline' | 'peer' | 'ours' | 'info';
  /** Which of the system's options the "timeout set" fault rows use, if it has one. */
  timeoutOption?: string;
  /** Whether the system takes part in the fault table (the floor does not). */
  faults: boolean;
  /**
   * The memory test: `chart` (measured, in the chart), `table` (measured, tables only) or
   * `skip` (its process would not hold the whole stack, e.g. a gateway in another process).
   */
  memory: 'chart' | 'table' | 'skip';
  /** Whether a non-streaming call exists for the system. */
  converse: boolean;
  create(ctx: CreateContext): Promise<BenchClient>;
}

/** Text of the text blocks of a Converse answer's message. */
export function converseText(
  content: ReadonlyArray<{ text?: string | undefined }> | undefined,
): string {
  let text = '';
  for (const block of content ?? []) {
    if (typeof block.text === 'string') text += block.text;
  }
  return text;
}

/**
 * Reads a stream to its end, handing each text piece (`pieceOf` an item; empty ones skipped) to
 * `onToken` as the caller would see it; resolves with the whole text. Every system reads its
 * stream through this, so the harness costs each of them the same.
 */
export async function readText<T>(
  items: AsyncIterable<T> | Iterable<T>,
  pieceOf: (item: T) => string | null | undefined,
  onToken: (text: string) => void,
): Promise<string> {
  let text = '';
  for await (const item of items) {
    const piece = pieceOf(item);
    if (piece) {
      text += piece;
      onToken(piece);
    }
  }
  return text;
}
