import { BedrockBridgeError } from '@bedrock-bridge/errors';
import type { FastifyInstance } from 'fastify';
import { findTooDeep } from './json-depth.js';
import { paramFromPath } from './param-path.js';

/**
 * JSON bodies, parsed as Fastify does (prototype poisoning refused), with nesting limited to
 * `maxDepth` before anything else sees them: `JSON.parse` is iterative, but what reads the value
 * afterwards (validation, conversion, logging) recurses. Deeper is a 400 `nesting_too_deep`
 * whose `param` names where.
 */
export function useJsonBodyParser(app: FastifyInstance, maxDepth: number): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, String(body), (err, value) => {
      if (err) return done(err, undefined);
      const deep = findTooDeep(value, maxDepth);
      if (deep === undefined) return done(null, value);
      const param = paramFromPath(deep);
      done(
        new BedrockBridgeError({
          kind: 'validation',
          code: 'nesting_too_deep',
          param,
          message: `'${param}' is nested too deeply: at most ${maxDepth} levels of arrays and objects are accepted in a request.`,
        }),
        undefined,
      );
    });
  });
}
