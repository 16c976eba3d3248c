/**
 * Headers of an OpenAI-style event stream. No `Connection` header: a server answers what the
 * client asked.
 */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
} as const;

/** One event exactly as OpenAI frames it: `data: <json>` and a blank line. */
export function sseEvent(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

/** The terminator OpenAI sends after the last chunk of a complete answer. */
export const SSE_DONE = 'data: [DONE]\n\n';
