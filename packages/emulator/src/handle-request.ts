import { handleAdmin } from './admin-api.js';
import { BedrockError, sendBedrockError } from './bedrock-error.js';
import type { Catalogue } from './catalogue.js';
import { handleControl } from './control-plane.js';
import { type DeliveryPacing, deliverReply } from './deliver-reply.js';
import type { Exchange } from './exchange.js';
import { faultError, streamExceptionPayload } from './fault-error.js';
import type { FaultQueue } from './fault-queue.js';
import { invokeModelReply } from './invoke-model.js';
import { readIdentity } from './read-identity.js';
import {
  exceptionAsError,
  handleRuntime,
  type Reply,
  type RuntimeSettings,
  resolveRuntimeModel,
} from './runtime-handler.js';
import type { Fault, Operation, RecordedRequest, ScriptedAnswer } from './types.js';

/** The emulator's state and settings, as request handling sees them. */
export interface EmulatorState extends DeliveryPacing, RuntimeSettings {
  catalogue: Catalogue;
  region: string;
  deltas: number;
  denyStreamingFor: readonly string[];
  faults: FaultQueue;
  scripts: ScriptedAnswer[];
  requests: RecordedRequest[];
  log: ((line: string) => void) | undefined;
}

const SECRET_HEADERS = new Set(['authorization', 'x-amz-security-token', 'cookie']);

function redact(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!SECRET_HEADERS.has(name) && !name.startsWith(':')) out[name] = value;
  }
  return out;
}

function parseBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

interface Route {
  operation: Operation;
  segments: string[];
}

function route(method: string, pathname: string): Route {
  const segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (segments[0] === '__emulator') return { operation: 'admin', segments: segments.slice(1) };
  const [first, , action] = segments;
  if (method === 'POST' && first === 'model' && segments.length === 3) {
    if (action === 'converse' || action === 'converse-stream')
      return { operation: action, segments };
    if (action === 'invoke') return { operation: 'invoke-model', segments };
  }
  return { operation: 'control', segments };
}

/** Routes, records, authenticates, applies faults and answers one request. */
export async function handleRequest(state: EmulatorState, exchange: Exchange): Promise<void> {
  const startedAt = Date.now();
  const url = new URL(exchange.url, 'http://emulator');
  let routed: Route;
  try {
    routed = route(exchange.method, url.pathname);
  } catch {
    routed = { operation: 'control', segments: ['?'] };
  }
  const { operation, segments } = routed;
  const attempt = /attempt=(\d+)/.exec(exchange.headers['amz-sdk-request'] ?? '')?.[1];
  const record: RecordedRequest = {
    protocol: exchange.protocol,
    method: exchange.method,
    path: exchange.url,
    operation,
    headers: redact(exchange.headers),
    body: undefined,
    connectionId: exchange.connection.id,
  };
  const isRuntime =
    operation === 'converse' || operation === 'converse-stream' || operation === 'invoke-model';
  if (isRuntime && segments[1] !== undefined) record.modelId = segments[1];
  if (attempt) record.attempt = Number(attempt);
  state.requests.push(record);
  exchange.onHead = (status) => {
    record.status = status;
  };
  exchange.onClose(() => {
    const fault = record.fault ? ` fault=${record.fault}` : '';
    state.log?.(
      `${new Date().toISOString()} ${record.protocol} #${record.connectionId} ${record.method} ${record.path} ${record.status ?? '-'} ${Date.now() - startedAt}ms${fault}`,
    );
  });
  const raw = await exchange.readBody().catch(() => undefined);
  if (raw === undefined) return;
  record.body = parseBody(raw);

  if (operation === 'admin') {
    return deliverReply(
      state,
      exchange,
      handleAdmin(state, exchange.method, segments[0], record.body),
      undefined,
    );
  }
  let fault: Fault | undefined;
  try {
    const identity = readIdentity(exchange.headers.authorization);
    const region = identity.region ?? state.region;
    fault = state.faults.take(operation, record.modelId);
    if (fault) record.fault = fault.type;
    if (fault?.type === 'stale-keep-alive') return exchange.drop();
    if (fault?.type === 'blackhole') return;
    if (fault?.type === 'slow-first-byte') await state.sleep(fault.delayMs);
    if (fault) {
      let model: ReturnType<typeof resolveRuntimeModel> | undefined;
      try {
        if (record.modelId) model = resolveRuntimeModel(state.catalogue, region, record.modelId);
      } catch {
        model = undefined;
      }
      const error = faultError(fault, model);
      if (error) throw error;
      if (fault.type === 'stream-exception' && operation !== 'converse-stream') {
        throw exceptionAsError(fault.exception, streamExceptionPayload(fault), model?.modelId);
      }
    }
    let reply: Reply | undefined;
    if (operation === 'invoke-model') {
      if (record.modelId !== undefined) {
        reply = invokeModelReply(state.catalogue, region, record.modelId, record.body);
      }
    } else if (isRuntime && record.modelId !== undefined) {
      reply = handleRuntime(state, {
        operation,
        modelId: record.modelId,
        body: record.body,
        identity,
        region,
        sequence: state.requests.length,
        startedAt,
      });
    } else if (exchange.method === 'GET') {
      reply = handleControl(state.catalogue, region, segments, url.searchParams);
    }
    if (!reply) {
      throw new BedrockError(
        'UnknownOperationException',
        `No operation for ${exchange.method} ${url.pathname}`,
      );
    }
    await deliverReply(state, exchange, reply, fault);
  } catch (err) {
    if (exchange.done) return;
    const error =
      err instanceof BedrockError
        ? err
        : new BedrockError('InternalServerException', `Emulator failure: ${String(err)}`);
    sendBedrockError(exchange, error);
  }
}
