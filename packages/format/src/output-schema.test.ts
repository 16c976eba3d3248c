import { describe, expect, it } from 'vitest';
import { toOutputSchema } from './output-schema.js';
import { toConverseInput } from './to-converse-input.js';

describe('toOutputSchema (item 4: the JSON Schema subset Bedrock compiles)', () => {
  it('closes every object and moves unenforceable keywords into descriptions', () => {
    const { schema, moved } = toOutputSchema({
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 2, maxLength: 40, description: 'Full name.' },
        email: { type: 'string', format: 'email', pattern: '^.+@.+$' },
        age: { type: 'integer', minimum: 0, maximum: 150 },
        tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 5 },
        address: {
          type: 'object',
          properties: { city: { type: 'string' } },
          additionalProperties: true,
        },
        pet: {
          oneOf: [{ type: 'object', properties: { cat: { type: 'string' } } }, { type: 'null' }],
        },
      },
      required: ['name'],
      $defs: { point: { type: 'object', properties: { x: { type: 'number', multipleOf: 2 } } } },
    });
    expect(schema).toEqual({
      type: 'object',
      properties: {
        name: {
          type: 'string',
          description: 'Full name. Constraints: minLength: 2, maxLength: 40.',
        },
        email: { type: 'string', description: 'Constraints: format: "email", pattern: "^.+@.+$".' },
        age: { type: 'integer', description: 'Constraints: minimum: 0, maximum: 150.' },
        tags: {
          type: 'array',
          items: { type: 'string' },
          minItems: 1,
          description: 'Constraints: maxItems: 5.',
        },
        address: {
          type: 'object',
          properties: { city: { type: 'string' } },
          additionalProperties: false,
          description: 'Constraints: additionalProperties: true.',
        },
        pet: {
          anyOf: [
            {
              type: 'object',
              properties: { cat: { type: 'string' } },
              additionalProperties: false,
            },
            { type: 'null' },
          ],
        },
      },
      required: ['name'],
      $defs: {
        point: {
          type: 'object',
          properties: { x: { type: 'number', description: 'Constraints: multipleOf: 2.' } },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    });
    expect(moved).toContain('schema.properties.name: minLength');
    expect(moved).toContain('schema.properties.tags: maxItems');
  });

  it('keeps minItems 0 and 1 (Claude takes those) and moves larger ones', () => {
    expect(toOutputSchema({ type: 'array', minItems: 3 }).schema).toEqual({
      type: 'array',
      description: 'Constraints: minItems: 3.',
    });
  });

  it('is what toConverseInput sends to outputConfig, with a warning naming what moved', () => {
    const { input, warnings } = toConverseInput({
      model: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
      messages: [{ role: 'user', content: 'A user, please.' }],
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'user',
          schema: { type: 'object', properties: { name: { type: 'string', maxLength: 10 } } },
        },
      },
    });
    const sent = JSON.parse(
      input.outputConfig?.textFormat?.structure?.jsonSchema?.schema ?? 'null',
    ) as unknown;
    expect(sent).toEqual({
      type: 'object',
      properties: { name: { type: 'string', description: 'Constraints: maxLength: 10.' } },
      additionalProperties: false,
    });
    expect(warnings).toEqual([
      "response_format.json_schema.schema: Bedrock's structured output does not enforce schema.properties.name: maxLength; moved into descriptions (objects closed with additionalProperties: false).",
    ]);
  });
});
