import { BedrockBridgeError } from '@bedrock-bridge/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arePlainMessages } from './plain-messages.js';
import { chatRequestSchema, describeIssue, validateChatRequest } from './validate-chat-request.js';

/** What `validateChatRequest` answered before the fast path: the full schema alone. */
function bySchemaAlone(body: Record<string, unknown>): unknown {
  const result = chatRequestSchema.safeParse(body, { reportInput: true });
  if (!result.success) {
    const error = describeIssue(result.error.issues[0] as never);
    return { error: error.message, param: error.param };
  }
  return Object.fromEntries(Object.entries(result.data).filter(([, v]) => v != null));
}

function byValidator(body: Record<string, unknown>): unknown {
  try {
    return validateChatRequest(body);
  } catch (err) {
    if (!BedrockBridgeError.is(err)) throw err;
    return { error: err.message, param: err.param };
  }
}

const deep = `${'['.repeat(70)}${']'.repeat(70)}`;
const text = fc.constantFrom('', 'hi', 'a longer answer');
const anything = fc.constantFrom<unknown>(null, 1, true, [], {}, 'x', '', deep);
const textPart = fc.oneof(
  fc.record({ type: fc.constant('text'), text }),
  fc.record({ type: fc.constant('text'), text: anything }),
  fc.record({ type: fc.constant('text'), text, cache_control: fc.constant({ type: 'ephemeral' }) }),
  fc.record({ type: fc.constantFrom('image_url', 'refusal'), text }),
);
const content = fc.oneof(text, fc.array(textPart, { maxLength: 3 }), anything);
const toolCall = fc.record(
  {
    id: fc.oneof(fc.constantFrom('c1', 'call_2'), anything),
    type: fc.constantFrom<unknown>('function', 'custom', 1),
    function: fc.oneof(
      fc.record(
        {
          name: fc.oneof(fc.constant('get_weather'), anything),
          arguments: fc.oneof(fc.constantFrom('{}', '{"city":"Paris"}', deep), anything),
          extra: fc.constant(1),
        },
        { requiredKeys: [] },
      ),
      anything,
    ),
    extra: fc.constant(true),
  },
  { requiredKeys: [] },
);
const role = fc.constantFrom<unknown>(
  'system',
  'developer',
  'user',
  'assistant',
  'tool',
  'function',
  'robot',
  1,
);
const message = fc.record(
  {
    role,
    content,
    name: fc.oneof(text, anything),
    tool_call_id: fc.oneof(fc.constantFrom('c1', ''), anything),
    tool_calls: fc.oneof(fc.array(toolCall, { maxLength: 2 }), anything),
    refusal: fc.constant(null),
    parsed: fc.constant({ a: 1 }),
    cache_control: fc.constant({ type: 'ephemeral' }),
  },
  { requiredKeys: ['role'] },
);

/** Mostly `valid`, sometimes any JSON value: the near misses the fast path must leave alone. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: anything });
const plainText = fc.oneof(
  text,
  fc.array(fc.record({ type: mostly(fc.constant('text')), text: mostly(text) })),
);
const plainCall = fc.record(
  {
    id: mostly(fc.constantFrom('c1', 'call_2')),
    type: mostly(fc.constant('function')),
    function: fc.record({
      name: mostly(fc.constant('get_weather')),
      arguments: mostly(fc.constantFrom('{}', '{"city":"Paris"}', deep)),
    }),
    // A field the schema refuses (rarely present).
    unknown: fc.constant(1),
  },
  { requiredKeys: ['id', 'type', 'function'] },
);
/** Mostly what the fast path takes, a deep `arguments` among them. */
const plainMessage = fc.oneof(
  fc.record(
    {
      role: fc.constantFrom('system', 'developer', 'user'),
      content: plainText,
      name: mostly(text),
    },
    { requiredKeys: ['role', 'content'] },
  ),
  fc.record(
    {
      role: fc.constant('tool'),
      content: plainText,
      tool_call_id: mostly(fc.constant('c1')),
      name: mostly(text),
    },
    { requiredKeys: ['role', 'content', 'tool_call_id'] },
  ),
  fc.record(
    {
      role: fc.constant('assistant'),
      content: fc.oneof(plainText, fc.constant(null)),
      tool_calls: mostly(fc.array(plainCall, { maxLength: 2 })),
      name: mostly(text),
    },
    { requiredKeys: ['role'] },
  ),
);
const someMessage = fc.oneof(
  { weight: 4, arbitrary: plainMessage },
  { weight: 1, arbitrary: message },
);

describe('arePlainMessages (the fast path of validateChatRequest)', () => {
  it('takes the histories clients send', () => {
    const messages = [
      { role: 'system', content: 'be brief' },
      { role: 'user', content: [{ type: 'text', text: 'hi' }], name: 'ann' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: '42' },
      { role: 'assistant', content: 'done' },
    ];
    expect(arePlainMessages(messages, 64)).toBe(true);
    expect(byValidator({ model: 'm', messages })).toEqual(bySchemaAlone({ model: 'm', messages }));
  });

  it('leaves to the schema what it does not certainly accept unchanged', () => {
    for (const messages of [
      [],
      [{ role: 'user', content: 'hi', cache_control: { type: 'ephemeral' } }],
      [{ role: 'assistant', content: 'x', parsed: null }],
      [{ role: 'assistant', content: 'x', tool_calls: null }],
      [{ role: 'user', content: 'hi', name: null }],
      [{ role: 'tool', tool_call_id: '', content: 'x' }],
      [{ role: 'function', name: 'f', content: 'x' }],
    ]) {
      expect(arePlainMessages(messages, 64)).toBe(false);
    }
  });

  it('answers every request exactly as the schema alone does (result or error)', () => {
    fc.assert(
      fc.property(
        fc.array(someMessage, { maxLength: 4 }),
        fc.constantFrom<Record<string, unknown>>({}, { temperature: 3 }, { stream: true }),
        (messages, around) => {
          const body = { model: 'm', ...around, messages };
          expect(byValidator(body)).toEqual(bySchemaAlone(body));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('finds plain histories in that same space (the property above covers both paths)', () => {
    const plain = fc.sample(fc.array(someMessage, { minLength: 1, maxLength: 4 }), 3000);
    expect(plain.filter((m) => arePlainMessages(m, 64)).length).toBeGreaterThan(300);
  });
});
