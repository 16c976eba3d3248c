import type { FastifyInstance } from 'fastify';

/**
 * JSON bodies reach the OpenAI handler as the text that arrived (within the body limit): the
 * handler parses them, refuses prototype-poisoning keys and limits their nesting
 * (`parseJsonBody` in `@bedrock-bridge/openai`), so the rule is in one place for the server and
 * for in-process callers. Other content types stay Fastify's 415.
 */
export function useJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    done(null, body);
  });
}
