import { BedrockBridgeError } from '@bedrock-bridge/errors';

/** A `timeout` error for one of our deadlines; its cause records which one and its limit. */
export function deadlineError(
  message: string,
  code: string,
  limitMs: number,
  retryable?: boolean,
): BedrockBridgeError {
  const cause = Object.assign(new Error(`${code}: ${limitMs} ms elapsed`), {
    name: 'TimeoutError',
    limitMs,
  });
  return new BedrockBridgeError({
    kind: 'timeout',
    message,
    code,
    cause,
    ...(retryable !== undefined ? { retryable } : {}),
  });
}

/** A `stream_truncated` error; its cause records what was seen before the end. */
export function truncationError(message: string, seen: string): BedrockBridgeError {
  return new BedrockBridgeError({
    kind: 'stream_truncated',
    message,
    code: 'STREAM_TRUNCATED',
    cause: new Error(`Truncated answer: ${seen}`),
  });
}
