import { describe, expect, it } from 'vitest';
import type { ChatCompletionRequest } from './openai-request.js';
import { PLACEHOLDERS } from './repair-history.js';
import { thrown } from './test-support/thrown.js';
import { toConverseInput } from './to-converse-input.js';
import { validateConverseInput } from './validate-converse-input.js';

const req = (
  messages: ChatCompletionRequest['messages'],
  extra: Partial<ChatCompletionRequest> = {},
): ChatCompletionRequest => ({
  model: 'anthropic.claude-3-haiku-20240307-v1:0',
  messages,
  ...extra,
});

describe('toConverseInput: reasoning', () => {
  const messages: ChatCompletionRequest['messages'] = [{ role: 'user', content: 'think' }];

  it('maps reasoning_effort per reasoning style', () => {
    const anthropic = toConverseInput(req(messages, { reasoning_effort: 'medium' }), {
      reasoning: 'anthropic-thinking',
    });
    expect(anthropic.input.additionalModelRequestFields).toEqual({
      thinking: { type: 'enabled', budget_tokens: 8192 },
    });
    expect(anthropic.input.inferenceConfig?.maxTokens).toBe(8192 + 4096);
    const nova = toConverseInput(req(messages, { reasoning_effort: 'minimal' }), {
      reasoning: 'nova-reasoning',
    });
    expect(nova.input.additionalModelRequestFields).toEqual({
      reasoningConfig: { type: 'enabled', maxReasoningEffort: 'low' },
    });
    const passthrough = toConverseInput(req(messages, { reasoning_effort: 'high' }), {
      reasoning: 'passthrough',
    });
    expect(passthrough.input.additionalModelRequestFields).toEqual({ reasoning_effort: 'high' });
    expect(thrown(() => toConverseInput(req(messages, { reasoning_effort: 'high' }))).param).toBe(
      'reasoning_effort',
    );
    expect(
      toConverseInput(req(messages, { reasoning_effort: 'none' })).input
        .additionalModelRequestFields,
    ).toBeUndefined();
  });

  it('refuses a max_tokens below the thinking budget and sampling changes with thinking', () => {
    expect(
      thrown(() =>
        toConverseInput(req(messages, { reasoning_effort: 'low', max_tokens: 1000 }), {
          reasoning: 'anthropic-thinking',
        }),
      ).code,
    ).toBe('max_tokens_below_reasoning_budget');
    expect(
      thrown(() =>
        toConverseInput(req(messages, { reasoning_effort: 'low', temperature: 0.3 }), {
          reasoning: 'anthropic-thinking',
        }),
      ).param,
    ).toBe('temperature');
  });

  it('does not keep a prefill while Anthropic thinking is sent: (continue) follows, and a warning says so', () => {
    const messages: ChatCompletionRequest['messages'] = [
      { role: 'user', content: 'JSON please' },
      { role: 'assistant', content: '{"answer": ' },
    ];
    const continued = [
      { role: 'assistant', content: [{ text: '{"answer": ' }] },
      { role: 'user', content: [{ text: PLACEHOLDERS.continueAfterAssistant }] },
    ];
    const thinking = toConverseInput(
      { model: 'm', messages, reasoning_effort: 'low' },
      { supportsPrefill: true, reasoning: 'anthropic-thinking' },
    );
    expect(validateConverseInput(thinking.input)).toEqual([]);
    expect(thinking.input.messages?.slice(1)).toEqual(continued);
    expect(thinking.warnings).toEqual([expect.stringMatching(/not sent as a prefill.*thinking/)]);
    // Thinking turned on by the caller's own additionalModelRequestFields counts too.
    const own = toConverseInput(
      { model: 'm', messages },
      {
        supportsPrefill: true,
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 2048 } },
      },
    );
    expect(own.input.messages?.slice(1)).toEqual(continued);
    // No thinking sent (effort none, or a family without Anthropic thinking): prefill kept.
    for (const options of [
      { supportsPrefill: true, reasoning: 'anthropic-thinking' as const },
      { supportsPrefill: true, reasoning: 'nova-reasoning' as const },
    ]) {
      const effort = options.reasoning === 'nova-reasoning' ? 'low' : 'none';
      const kept = toConverseInput({ model: 'm', messages, reasoning_effort: effort }, options);
      expect(kept.input.messages?.at(-1)).toEqual({
        role: 'assistant',
        content: [{ text: '{"answer":' }],
      });
      expect(kept.warnings).toEqual([]);
    }
  });

  it('replays reasoning blocks (text + signature, redacted) from earlier assistant turns', () => {
    const { input } = toConverseInput(
      req([
        { role: 'user', content: 'q1' },
        {
          role: 'assistant',
          content: 'a1',
          reasoning_content: 'thinking...',
          reasoning_details: [
            { type: 'reasoning.text', text: 'thinking...', signature: 'sig' },
            { type: 'reasoning.encrypted', data: 'AAEC' },
          ],
        },
        { role: 'user', content: 'q2' },
      ]),
      { reasoning: 'anthropic-thinking' },
    );
    expect(input.messages?.[1]?.content).toEqual([
      { reasoningContent: { reasoningText: { text: 'thinking...', signature: 'sig' } } },
      { reasoningContent: { redactedContent: new Uint8Array([0, 1, 2]) } },
      { text: 'a1' },
    ]);
  });

  it('moves reasoning blocks of merged assistant messages to the start of the turn, in order', () => {
    const thought = (text: string) => ({ type: 'reasoning.text', text, signature: 's' });
    const reasoned = (text: string) => ({
      reasoningContent: { reasoningText: { text, signature: 's' } },
    });
    const convert = (messages: unknown[]) =>
      toConverseInput(req(messages as never), { reasoning: 'anthropic-thinking' }).input
        .messages?.[1]?.content;
    // Already first: kept as it is.
    expect(
      convert([
        { role: 'user', content: 'q1' },
        { role: 'assistant', content: 'a1', reasoning_details: [thought('t1')] },
        { role: 'assistant', content: 'a2' },
        { role: 'user', content: 'q2' },
      ]),
    ).toEqual([reasoned('t1'), { text: 'a1' }, { text: 'a2' }]);
    // After text (a second assistant message merged into the turn): moved before it.
    expect(
      convert([
        { role: 'user', content: 'q1' },
        { role: 'assistant', content: 'a1', reasoning_details: [thought('t1')] },
        { role: 'assistant', content: 'a2', reasoning_details: [thought('t2'), thought('t3')] },
        { role: 'user', content: 'q2' },
      ]),
    ).toEqual([reasoned('t1'), reasoned('t2'), reasoned('t3'), { text: 'a1' }, { text: 'a2' }]);
    expect(
      convert([
        { role: 'user', content: 'q1' },
        { role: 'assistant', content: 'a1' },
        { role: 'assistant', content: null, reasoning_details: [thought('t1')] },
        { role: 'user', content: 'q2' },
      ]),
    ).toEqual([reasoned('t1'), { text: 'a1' }]);
  });

  const unsigned = req([
    { role: 'user', content: 'q1' },
    {
      role: 'assistant',
      content: 'a1',
      reasoning_details: [
        { type: 'reasoning.text', text: 'no signature' },
        { type: 'reasoning.text', text: 'empty signature', signature: '' },
        { type: 'reasoning.text', text: '', signature: 'sig-of-empty-thinking' },
      ],
    },
    { role: 'user', content: 'q2' },
  ]);

  it('never replays unsigned reasoning to Anthropic (it rejects it), and says so', () => {
    const result = toConverseInput(unsigned, { reasoning: 'anthropic-thinking' });
    expect(result.input.messages?.[1]?.content).toEqual([{ text: 'a1' }]);
    expect(result.warnings).toEqual([
      'messages[1].reasoning_details[0]: reasoning without a signature is not replayed (Anthropic rejects unsigned thinking blocks).',
      'messages[1].reasoning_details[1]: reasoning without a signature is not replayed (Anthropic rejects unsigned thinking blocks).',
      'messages[1].reasoning_details[2]: reasoning with empty text is not replayed.',
    ]);
  });

  it('replays unsigned reasoning to other families without an empty signature field', () => {
    const result = toConverseInput(unsigned, { reasoning: 'nova-reasoning' });
    expect(result.input.messages?.[1]?.content).toEqual([
      { reasoningContent: { reasoningText: { text: 'no signature' } } },
      { reasoningContent: { reasoningText: { text: 'empty signature' } } },
      { text: 'a1' },
    ]);
    expect(result.warnings).toEqual([
      'messages[1].reasoning_details[2]: reasoning with empty text is not replayed.',
    ]);
    expect(validateConverseInput(result.input)).toEqual([]);
  });

  it('joins streamed fragments of one block (same index) into one signed block', () => {
    const { input, warnings } = toConverseInput(
      req([
        { role: 'user', content: 'q1' },
        {
          role: 'assistant',
          content: 'a1',
          reasoning_details: [
            { type: 'reasoning.text', text: 'Let me ', index: 0 },
            { type: 'reasoning.text', text: 'think.', index: 0 },
            { type: 'reasoning.text', text: '', signature: 'sig', index: 0 },
          ],
        },
        { role: 'user', content: 'q2' },
      ]),
      { reasoning: 'anthropic-thinking' },
    );
    expect(input.messages?.[1]?.content?.[0]).toEqual({
      reasoningContent: { reasoningText: { text: 'Let me think.', signature: 'sig' } },
    });
    expect(warnings).toEqual([]);
  });

  it('validateConverseInput reports an empty reasoning text (Bedrock rejects it)', () => {
    const problems = validateConverseInput({
      modelId: 'm',
      messages: [
        { role: 'user', content: [{ text: 'q' }] },
        {
          role: 'assistant',
          content: [
            { reasoningContent: { reasoningText: { text: '', signature: 's' } } },
            { text: 'a' },
          ],
        },
      ],
    });
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['messages[1].content[0].reasoningContent.reasoningText.text', 'empty_reasoning_text'],
    ]);
  });
});

describe('toConverseInput: Anthropic adaptive thinking (item 10)', () => {
  const ask = (effort: NonNullable<ChatCompletionRequest['reasoning_effort']>, extra = {}) =>
    req([{ role: 'user', content: 'q' }], { reasoning_effort: effort, ...extra });

  it('sends thinking adaptive with output_config.effort, no budget', () => {
    const { input } = toConverseInput(ask('medium'), { reasoning: 'anthropic-adaptive' });
    expect(input.additionalModelRequestFields).toEqual({
      thinking: { type: 'adaptive' },
      output_config: { effort: 'medium' },
    });
    expect(input.inferenceConfig).toBeUndefined();
    expect(
      toConverseInput(ask('minimal'), { reasoning: 'anthropic-adaptive' }).input
        .additionalModelRequestFields,
    ).toEqual({
      thinking: { type: 'adaptive' },
      output_config: { effort: 'low' },
    });
  });

  it('fits the effort to the levels the model takes, with a warning', () => {
    const plain = toConverseInput(ask('xhigh'), { reasoning: 'anthropic-adaptive' });
    expect(plain.input.additionalModelRequestFields).toMatchObject({
      output_config: { effort: 'high' },
    });
    expect(plain.warnings).toEqual([
      'reasoning_effort: effort "xhigh" is not offered by this model; "high" was sent.',
    ]);
    const newer = toConverseInput(ask('xhigh'), {
      reasoning: 'anthropic-adaptive',
      adaptiveEfforts: ['low', 'medium', 'high', 'xhigh', 'max'],
    });
    expect(newer.input.additionalModelRequestFields).toMatchObject({
      output_config: { effort: 'xhigh' },
    });
    expect(newer.warnings).toEqual([]);
  });

  it('keeps the thinking rules: no temperature, no forced tool, no prefill, signed replay', () => {
    const error = thrown(() =>
      toConverseInput(ask('high', { temperature: 0.2 }), { reasoning: 'anthropic-adaptive' }),
    );
    expect([error.code, error.param]).toEqual(['unsupported_parameter', 'temperature']);
    const forced = thrown(() =>
      toConverseInput(
        ask('high', {
          tools: [{ type: 'function', function: { name: 'f' } }],
          tool_choice: 'required',
        }),
        { reasoning: 'anthropic-adaptive' },
      ),
    );
    expect([forced.code, forced.param]).toEqual(['unsupported_parameter', 'tool_choice']);
    const prefill = toConverseInput(
      req(
        [
          { role: 'user', content: 'q' },
          { role: 'assistant', content: 'Sure:' },
        ],
        { reasoning_effort: 'high' },
      ),
      { reasoning: 'anthropic-adaptive', supportsPrefill: true },
    );
    expect(prefill.input.messages?.at(-1)).toEqual({
      role: 'user',
      content: [{ text: PLACEHOLDERS.continueAfterAssistant }],
    });
  });
});
