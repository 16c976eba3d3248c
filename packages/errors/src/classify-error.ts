import { BedrockBridgeError } from './bedrock-bridge-error.js';
import {
  describeThrown,
  type ErrorNode,
  isSocketLibraryAssertion,
  readErrorNode,
} from './classify-node.js';
import { errorChain } from './error-chain.js';
import type { ErrorInfo } from './error-info.js';
import { type ErrorKind, isErrorKind } from './error-kind.js';
import { kindFacts } from './kind-facts.js';
import { kindFromMessage } from './kind-from-message.js';
import { kindFromStatus } from './kind-from-status.js';
import {
  matchesAny,
  STALE_CONNECTION_PATTERNS,
  STREAM_TRUNCATED_PATTERNS,
} from './message-patterns.js';
import {
  STALE_CONNECTION_CODES,
  TIMEOUT_CODES,
  TIMEOUT_NAMES,
  UNREACHABLE_CODES,
} from './node-error-codes.js';
import { readProperty } from './read-error-fields.js';
import { retryAfterMsOf } from './retry-after.js';
import { serviceExceptionKind } from './service-exception-kind.js';

interface Decision {
  kind: ErrorKind;
  code?: string | undefined;
  /** A nested `BedrockBridgeError` that decided; its own facts are kept. */
  branded?: ErrorNode;
}

/**
 * Turns anything thrown (an AWS SDK exception, a Node network error, an event-stream
 * exception, a DOMException, one of our errors, a string, `null`) into one `ErrorInfo`.
 * Pure and synchronous; never throws; `message` is never empty; `cause` is always `err`
 * itself. A `BedrockBridgeError` passes through with its own classification (and `cause`
 * the error itself, not the error's own `cause`). `aborted` is never retryable.
 *
 * The whole `cause` chain (and `AggregateError.errors`) is read. Precedence, first match wins:
 * a nested `BedrockBridgeError`; an abort; a named service exception (refined by its
 * message); a dead pooled connection anywhere in the chain; a broken event stream; a
 * timeout code or name; an unreachable endpoint; the message wording; the HTTP status.
 */
export function classifyError(err: unknown): ErrorInfo {
  if (BedrockBridgeError.is(err)) {
    const own = brandedInfo(err);
    if (own !== undefined) return own;
  }
  const nodes = errorChain(err).map(readErrorNode);
  const top = nodes[0] ?? readErrorNode(err);
  const decision = decide(nodes);
  const facts = kindFacts(decision.kind);
  const brandedValue = decision.branded?.value;
  const info: ErrorInfo = {
    kind: decision.kind,
    retryable:
      decision.kind === 'aborted' ? false : boolOf(brandedValue, 'retryable', facts.retryable),
    evictClient: boolOf(brandedValue, 'evictClient', facts.evictClient),
    message: messageFor(top, nodes, decision.kind),
    cause: err,
  };
  for (const node of nodes) {
    const retryAfterMs = retryAfterMsOf(node.value);
    if (retryAfterMs !== undefined) {
      info.retryAfterMs = retryAfterMs;
      break;
    }
  }
  const status = nodes.find((node) => node.status !== undefined)?.status;
  if (status !== undefined) info.status = status;
  const code = decision.code ?? nodes.find((n) => n.code !== undefined)?.code ?? awsName(top);
  if (code !== undefined) info.code = code;
  return info;
}

function decide(nodes: readonly ErrorNode[]): Decision {
  const branded = nodes.find((node) => node.branded);
  if (branded !== undefined) {
    const kind = readProperty(branded.value, 'kind');
    if (typeof kind === 'string') {
      const facts = safeKind(kind);
      if (facts !== undefined) return { kind: facts, code: branded.code, branded };
    }
  }
  const abort = nodes.find((n) => n.name === 'AbortError' || n.code === 'ABORT_ERR');
  if (abort !== undefined) return { kind: 'aborted', code: abort.code ?? abort.name };

  for (const node of nodes) {
    if (node.name === undefined) continue;
    const original = readProperty(node.value, 'originalStatusCode');
    const kind = serviceExceptionKind(node.name, node.message ?? '', original);
    if (kind !== undefined) return { kind, code: node.name };
  }

  const stale = nodes.find(
    (n) =>
      (n.code !== undefined && STALE_CONNECTION_CODES.has(n.code)) ||
      isSocketLibraryAssertion(n) ||
      (n.message !== undefined && matchesAny(STALE_CONNECTION_PATTERNS, n.message)),
  );
  if (stale !== undefined) {
    const coded = nodes.find((n) => n.code !== undefined && STALE_CONNECTION_CODES.has(n.code));
    return { kind: 'stale_connection', code: coded?.code ?? stale.code ?? stale.name };
  }

  const truncated = nodes.find(
    (n) => n.message !== undefined && matchesAny(STREAM_TRUNCATED_PATTERNS, n.message),
  );
  if (truncated !== undefined) return { kind: 'stream_truncated', code: truncated.code };

  const timeout = nodes.find(
    (n) =>
      (n.code !== undefined && TIMEOUT_CODES.has(n.code)) ||
      (n.name !== undefined && TIMEOUT_NAMES.has(n.name)),
  );
  if (timeout !== undefined) return { kind: 'timeout', code: timeout.code ?? timeout.name };

  const unreachable = nodes.find((n) => n.code !== undefined && UNREACHABLE_CODES.has(n.code));
  if (unreachable !== undefined) return { kind: 'unreachable', code: unreachable.code };

  // The wording is read with a status (the node's own, else the first in the chain), so
  // that a 429 stays a rate whatever it says.
  const withStatus = nodes.find((n) => n.status !== undefined);
  for (const node of nodes) {
    if (node.message === undefined) continue;
    const kind = kindFromMessage(node.message, node.status ?? withStatus?.status);
    if (kind !== undefined) return { kind, code: node.code };
  }

  if (withStatus?.status !== undefined) {
    return { kind: kindFromStatus(withStatus.status), code: withStatus.code };
  }
  return { kind: 'unknown' };
}

/**
 * The info a branded error carries itself (its `toInfo`, possibly from another copy of the
 * package), with `cause` set to the error itself and `aborted` never retryable.
 */
function brandedInfo(err: BedrockBridgeError): ErrorInfo | undefined {
  try {
    const toInfo = readProperty(err, 'toInfo');
    if (typeof toInfo === 'function') {
      const info: unknown = toInfo.call(err);
      const kind = readProperty(info, 'kind');
      const message = readProperty(info, 'message');
      if (typeof kind === 'string' && safeKind(kind) && typeof message === 'string' && message) {
        const own = { ...(info as ErrorInfo), cause: err };
        if (kind === 'aborted') own.retryable = false;
        return own;
      }
    }
  } catch {
    // a foreign copy whose toInfo misbehaves: classify it like any other error below
  }
  return undefined;
}

function safeKind(kind: string): ErrorKind | undefined {
  return isErrorKind(kind) ? kind : undefined;
}

function boolOf(value: unknown, key: string, fallback: boolean): boolean {
  const found = readProperty(value, key);
  return typeof found === 'boolean' ? found : fallback;
}

/** The AWS error name when the top value looks like one (`...Exception`). */
function awsName(top: ErrorNode): string | undefined {
  return top.name !== undefined && /Exception$/.test(top.name) ? top.name : undefined;
}

/** The human message: the thrown value's own, or one naming its class and the kind. */
function messageFor(top: ErrorNode, nodes: readonly ErrorNode[], kind: ErrorKind): string {
  if (top.message !== undefined) return top.message;
  const { value } = top;
  if (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint' ||
    typeof value === 'symbol'
  ) {
    return `Non-error value thrown (${kind}): ${safeString(value)}`;
  }
  const base = `${describeThrown(top)} (${kind}): ${kindFacts(kind).summary}`;
  const deeper = nodes.slice(1).find((node) => node.message !== undefined)?.message;
  return deeper === undefined ? base : `${base} (cause: ${deeper})`;
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return typeof value;
  }
}
