import { BedrockBridgeError } from '@bedrock-bridge/errors';
import secureJson from 'secure-json-parse';
import { findTooDeep } from './json-depth.js';
import { paramFromPath } from './param-path.js';

/** Deepest nesting of arrays and objects accepted in a request body by default. */
export const DEFAULT_MAX_JSON_DEPTH = 64;

const SECURE = { protoAction: 'error', constructorAction: 'error' } as const;

/**
 * A request body as JSON, before anything else reads it: not JSON (or a `__proto__` /
 * `constructor.prototype` key, refused by `secure-json-parse` against prototype poisoning) is a
 * `SyntaxError` (a 400 `invalid_json`); nested deeper than `maxDepth` is a 400
 * `nesting_too_deep` whose `param` names where (`JSON.parse` is iterative, but what reads the
 * value afterwards (validation, conversion, logging) recurses).
 */
export function parseJsonBody(text: string, maxDepth = DEFAULT_MAX_JSON_DEPTH): unknown {
  if (text.trim() === '') throw new SyntaxError('The body is empty; a JSON object is expected.');
  const value: unknown = secureJson.parse(text, undefined, SECURE);
  checkNesting(value, maxDepth);
  return value;
}

/**
 * A body the caller already parsed, held to the same rules as `parseJsonBody`: nested deeper than
 * `maxDepth` is a 400 `nesting_too_deep` (checked first, so a cyclic value is refused too), a
 * `__proto__` / `constructor.prototype` key a `SyntaxError` (a 400 `invalid_json`).
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
