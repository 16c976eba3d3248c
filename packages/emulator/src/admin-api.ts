import type { FaultQueue } from './fault-queue.js';
import type { Reply } from './runtime-handler.js';
import type { RecordedRequest, ScriptedAnswer } from './types.js';

/** What the admin API reaches into. */
export interface AdminTarget {
  faults: FaultQueue;
  scripts: ScriptedAnswer[];
  requests: RecordedRequest[];
}

const error = (status: number, message: string): Reply => ({
  kind: 'json',
  status,
  body: { message },
});

function assertScript(value: unknown): asserts value is ScriptedAnswer {
  if (typeof value !== 'object' || value === null)
    throw new TypeError('Invalid script: expected an object');
  const s = value as Record<string, unknown>;
  if (s.content !== undefined && !Array.isArray(s.content)) {
    throw new TypeError('Invalid script: content must be an array of content blocks');
  }
  if (s.events !== undefined && !Array.isArray(s.events)) {
    throw new TypeError('Invalid script: events must be an array of stream events');
  }
  if (s.content === undefined && s.events === undefined) {
    throw new TypeError('Invalid script: give content or events');
  }
}

/** Queues a validated script. */
export function queueScript(scripts: ScriptedAnswer[], script: unknown): void {
  assertScript(script);
  scripts.push(script);
}

/**
 * The admin API: `POST /__emulator/faults` (a Fault or an array of them), `GET` and `DELETE`
 * `/__emulator/faults`, `POST /__emulator/script`, `GET /__emulator/requests`.
 */
export function handleAdmin(
  target: AdminTarget,
  method: string,
  name: string | undefined,
  body: unknown,
): Reply {
  try {
    if (name === 'faults' && method === 'POST') {
      const faults = Array.isArray(body) ? body : [body];
      for (const fault of faults) target.faults.add(fault);
      return { kind: 'json', status: 201, body: { queued: target.faults.list() } };
    }
    if (name === 'faults' && method === 'GET') {
      return { kind: 'json', status: 200, body: { queued: target.faults.list() } };
    }
    if (name === 'faults' && method === 'DELETE') {
      target.faults.clear();
      return { kind: 'json', status: 200, body: { queued: [] } };
    }
    if (name === 'script' && method === 'POST') {
      queueScript(target.scripts, body);
      return { kind: 'json', status: 201, body: { scripts: target.scripts.length } };
    }
    if (name === 'requests' && method === 'GET') {
      return { kind: 'json', status: 200, body: { requests: target.requests } };
    }
  } catch (err) {
    return error(400, err instanceof Error ? err.message : String(err));
  }
  return error(404, `No admin route ${method} /__emulator/${name ?? ''}`);
}
