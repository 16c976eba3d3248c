import { BedrockBridgeError } from '@bedrock-bridge/errors';
import secureJson from 'secure-json-parse';
import { findTooDeep } from './json-depth.js';
import { paramFromPath } from './param-path.js';

/** Deepest nesting of arrays and objects accepted in a request body by default. */
export const DEFAULT_MAX_JSON_DEPTH = 64;

const SECURE = { protoAction: 'error', constructorAction: 'error' } as const;

/**
 * A request body as JSON, before anything else reads it: not JSON is a `SyntaxError` (a 400
 * `invalid_json`); then the rules of `checkJsonValue`. A leading byte-order mark is skipped.
 * The prototype-poisoning check walks the parsed value (`secure-json-parse`'s `scan`) instead of
 * running that library's two regular expressions over the whole text first: a 100K-token prompt
 * is one long string, a few nodes to walk but 400 KB to scan twice.
 */
export function parseJsonBody(text: string, maxDepth = DEFAULT_MAX_JSON_DEPTH): unknown {
  if (text.trim() === '') throw new SyntaxError('The body is empty; a JSON object is expected.');
  const value: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  return checkJsonValue(value, maxDepth);
}

/**
 * A parsed body (from `parseJsonBody`, or given parsed by an in-process caller) held to the
 * body rules: nested deeper than `maxDepth` is a 400 `nesting_too_deep` whose `param` names
 * where (checked first, so a cyclic value is refused too: `JSON.parse` is iterative, but what
 * reads the value afterwards (validation, conversion, logging) recurses); a `__proto__` or
 * `constructor.prototype` key, refused against prototype poisoning, a `SyntaxError` (a 400
 * `invalid_json`).
 */
export function checkJsonValue(value: unknown, maxDepth = DEFAULT_MAX_JSON_DEPTH): unknown {
  checkNesting(value, maxDepth);
  if (typeof value === 'object' && value !== null) secureJson.scan(value, SECURE);
  return value;
}

function checkNesting(value: unknown, maxDepth: number): void {
  const deep = findTooDeep(value, maxDepth);
  if (deep === undefined) return;
  const param = paramFromPath(deep);
  throw new BedrockBridgeError({
    kind: 'validation',
    code: 'nesting_too_deep',
    param,
    message: `'${param}' is nested too deeply: at most ${maxDepth} levels of arrays and objects are accepted in a request.`,
  });
}
