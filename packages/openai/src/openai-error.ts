import type { BedrockBridgeError, ErrorKind } from '@bedrock-bridge/errors';

/** The body OpenAI returns for every failure: `{ error: { message, type, param, code } }`. */
export interface OpenAIErrorBody {
  error: {
    message: string;
    type: string;
    param: string | null;
    code: string | null;
  };
}

/** A failure ready to be sent: HTTP status, extra headers and the OpenAI-shaped body. */
export interface OpenAIErrorResponse {
  status: number;
  headers: Record<string, string>;
  body: OpenAIErrorBody;
  /** The taxonomy kind behind it (for logs), or `gateway` for HTTP-level problems. */
  kind: ErrorKind | 'gateway';
}

interface KindMapping {
  status: number;
  type: string;
  code: string;
}

/**
 * How each error kind reaches an OpenAI client. Statuses follow what OpenAI itself returns
 * where it has an equivalent (a context overflow is a 400 `context_length_exceeded`), and
 * HTTP's gateway conventions where the fault is upstream (502, 503, 504).
 */
export function mappingForKind(kind: ErrorKind): KindMapping {
  switch (kind) {
    case 'validation':
      return { status: 400, type: 'invalid_request_error', code: 'invalid_request' };
    case 'context_overflow':
      return { status: 400, type: 'invalid_request_error', code: 'context_length_exceeded' };
    case 'on_demand_unsupported':
      return { status: 400, type: 'invalid_request_error', code: 'on_demand_unsupported' };
    case 'content_filtered':
      return { status: 400, type: 'invalid_request_error', code: 'content_policy_violation' };
    case 'auth':
      return { status: 401, type: 'authentication_error', code: 'upstream_auth_failed' };
    case 'access_denied':
      return { status: 403, type: 'permission_error', code: 'access_denied' };
    case 'streaming_denied':
      return { status: 403, type: 'permission_error', code: 'streaming_denied' };
    case 'model_not_found':
      return { status: 404, type: 'invalid_request_error', code: 'model_not_found' };
    case 'rate_limit':
      return { status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded' };
    case 'quota_exceeded':
      return { status: 429, type: 'insufficient_quota', code: 'insufficient_quota' };
    case 'overloaded':
      return { status: 503, type: 'server_error', code: 'overloaded' };
    case 'timeout':
      return { status: 504, type: 'server_error', code: 'upstream_timeout' };
    case 'stale_connection':
      return { status: 502, type: 'server_error', code: 'upstream_connection_lost' };
    case 'unreachable':
      return { status: 502, type: 'server_error', code: 'upstream_unreachable' };
    case 'stream_truncated':
      return { status: 502, type: 'server_error', code: 'stream_truncated' };
    case 'aborted':
      // nginx's "client closed request": only ever seen in logs, the client is gone.
      return { status: 499, type: 'server_error', code: 'aborted' };
    case 'unknown':
      return { status: 500, type: 'server_error', code: 'internal_error' };
    default: {
      const unreachable: never = kind;
      throw new Error(`unhandled error kind ${String(unreachable)}`);
    }
  }
}

/** An HTTP-level problem found by the gateway itself (auth, body size, bad JSON, routing). */
export function gatewayError(
  status: number,
  message: string,
  options: { type?: string; code?: string | null; param?: string | null } = {},
): OpenAIErrorResponse {
  return {
    status,
    headers: {},
    kind: 'gateway',
    body: {
      error: {
        message,
        type: options.type ?? 'invalid_request_error',
        param: options.param ?? null,
        code: options.code ?? null,
      },
    },
  };
}

/** Turns a classified failure into what the client receives. */
export function openAIErrorFromBridgeError(err: BedrockBridgeError): OpenAIErrorResponse {
  const mapping = mappingForKind(err.kind);
  const headers: Record<string, string> = {};
  if (err.kind === 'rate_limit' || err.kind === 'overloaded' || err.kind === 'quota_exceeded') {
    // Always tell the client when to come back; 1 s when upstream did not say.
    const seconds = Math.max(1, Math.ceil((err.retryAfterMs ?? 1000) / 1000));
    headers['retry-after'] = String(seconds);
  }
  return {
    status: mapping.status,
    headers,
    kind: err.kind,
    body: {
      error: {
        message: err.message,
        type: mapping.type,
        // A model that does not exist or cannot be called as named is about the `model` field.
        param:
          err.param ??
          (err.kind === 'model_not_found' || err.kind === 'on_demand_unsupported' ? 'model' : null),
        // Validation errors keep their specific code (e.g. `unsupported_parameter`) when they have one.
        code: err.kind === 'validation' && err.code ? err.code : mapping.code,
      },
    },
  };
}
