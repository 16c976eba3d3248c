import type { ServerResponse } from 'node:http';
import { capText, ECHO_LIMITS, type OpenAIErrorResponse } from '@bedrock-bridge/openai';
import { redactText } from '@bedrock-bridge/transport';
import type { FastifyRequest } from 'fastify';
import { levelForStatus, type RequestLogEntry } from './request-log.js';
import './request-state.js';

/** A list for a log line: at most `logList` entries, each shortened and redacted. */
function list(values: readonly string[], secrets: readonly string[]): string[] {
  return values
    .slice(0, ECHO_LIMITS.logList)
    .map((v) => capText(redactText(v, secrets), ECHO_LIMITS.message));
}

/**
 * The log line of a finished request. What the client chose (model, path, notes) is shortened
 * and redacted; a client that left before a whole answer is a 499 (nginx's "client closed
 * request"), also when a stream had begun; `severed` is the answer Node's parser gave a request
 * it cut (a body timeout).
 */
export function buildLogEntry(
  request: FastifyRequest,
  res: ServerResponse,
  o: { secrets: readonly string[]; logPrompts: boolean; severed?: OpenAIErrorResponse },
): RequestLogEntry {
  const s = request.bridge;
  const { severed, secrets } = o;
  if (severed) {
    s.status = severed.status;
    s.recordFailure(severed);
  }
  const gone = s.clientGone === true || !res.writableFinished;
  let status = s.status ?? res.statusCode;
  if (gone && !severed && (status < 400 || s.errorKind === 'aborted')) {
    status = 499;
    s.errorKind ??= 'aborted';
    s.error ??= 'The client closed the connection.';
  }
  const entry: RequestLogEntry = {
    time: new Date().toISOString(),
    level: levelForStatus(status === 499 ? 499 : (s.errorStatus ?? status)),
    msg: 'request',
    id: request.id,
    method: request.method,
    path: capText(request.url.split('?')[0] ?? request.url, ECHO_LIMITS.logField),
    status,
    latencyMs: Math.round(performance.now() - s.start),
    attempts: s.attempts,
  };
  if (s.model !== undefined)
    entry.model = capText(redactText(s.model, secrets), ECHO_LIMITS.logField);
  if (s.stream !== undefined) entry.stream = s.stream;
  if (s.chunks !== undefined) entry.chunks = s.chunks;
  if (s.ttftMs !== undefined) entry.ttftMs = s.ttftMs;
  if (s.dropped?.length) entry.dropped = list(s.dropped, secrets);
  if (s.warnings?.length) entry.warnings = list(s.warnings, secrets);
  if (s.errorKind !== undefined) entry.errorKind = s.errorKind;
  if (s.error !== undefined) entry.error = s.error;
  if (gone) entry.clientGone = true;
  if (o.logPrompts && s.messages !== undefined) entry.messages = s.messages;
  return entry;
}
