import { readProperty } from './read-error-fields.js';

/** How many linked errors are looked at, at most (guards against absurd or cyclic chains). */
const MAX_NODES = 32;

/**
 * The thrown value followed by everything it links to, breadth-first: its `cause`, and the
 * members of `errors` (AggregateError, SDK aggregate failures). Each object appears once,
 * so a cyclic chain ends.
 */
export function errorChain(err: unknown): unknown[] {
  const out: unknown[] = [];
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0 && out.length < MAX_NODES) {
    const node = queue.shift();
    if (node === undefined || node === null) {
      if (out.length === 0) out.push(node);
      continue;
    }
    if (typeof node === 'object' || typeof node === 'function') {
      if (seen.has(node)) continue;
      seen.add(node);
    }
    out.push(node);
    const cause = readProperty(node, 'cause');
    if (cause !== undefined && cause !== null) queue.push(cause);
    const errors = readProperty(node, 'errors');
    if (Array.isArray(errors)) {
      for (const member of errors.slice(0, MAX_NODES)) queue.push(member);
    }
  }
  return out;
}
