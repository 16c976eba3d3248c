/** One structured line per request. Never holds prompts (unless asked) nor secrets. */
export interface RequestLogEntry {
  time: string;
  level: 'info' | 'warn' | 'error';
  msg: 'request';
  id: string;
  method: string;
  path: string;
  /** The model the client asked for, when the body named one. */
  model?: string;
  stream?: boolean;
  status: number;
  latencyMs: number;
  /** Upstream attempts the transport made (1 when nothing was retried). */
  attempts: number;
  /** Chunks written to an event stream. */
  chunks?: number;
  /** Streams: ms from the request's arrival to its first token handed to the socket. */
  ttftMs?: number;
  /** Request fields not sent to Bedrock (field names only), as in `x-bedrock-bridge-warnings`. */
  dropped?: string[];
  /** Other adjustments the conversion made (no prompt text), as in `x-bedrock-bridge-warnings`. */
  warnings?: string[];
  /** Taxonomy kind of the failure, when there was one. */
  errorKind?: string;
  error?: string;
  /** True when the client went away before the answer was complete. */
  clientGone?: boolean;
  /** The request's messages; only with `logPrompts`. */
  messages?: unknown;
  /** Why the full line could not be written (it was written without `messages`). */
  logError?: string;
}

/** Where log lines go. Default: one JSON line on stdout. */
export type RequestLogger = (entry: RequestLogEntry) => void;

export const jsonLineLogger: RequestLogger = (entry) => {
  process.stdout.write(`${JSON.stringify(entry)}\n`);
};

/** Level from status: 5xx are errors, 4xx warnings. */
export function levelForStatus(status: number): RequestLogEntry['level'] {
  if (status >= 500) return 'error';
  if (status >= 400) return 'warn';
  return 'info';
}

/**
 * Hands a line to the logger and never throws: a log line that cannot be built or written (a
 * logger that throws, a value `JSON.stringify` cannot take) is replaced by a line saying so,
 * and if even that fails, dropped. Log lines are written from `close` listeners, where a throw
 * would end the process.
 */
export function logSafely(log: RequestLogger, entry: () => RequestLogEntry): void {
  let built: RequestLogEntry | undefined;
  try {
    built = entry();
    log(built);
  } catch (error) {
    try {
      const { messages: _dropped, ...rest } = built ?? {
        time: new Date().toISOString(),
        level: 'error' as const,
        msg: 'request' as const,
        id: 'unknown',
        method: 'unknown',
        path: 'unknown',
        status: 0,
        latencyMs: 0,
        attempts: 0,
      };
      log({ ...rest, logError: error instanceof Error ? error.message : String(error) });
    } catch {
      // Nothing left to tell it to.
    }
  }
}
