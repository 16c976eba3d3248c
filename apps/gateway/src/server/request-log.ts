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
