import { describe, expect, it } from 'vitest';
import { listRemoteImages, listRemoteImageUrls } from './list-remote-image-urls.js';
import type { ChatCompletionRequest } from './openai-request.js';
import { dataUrl, IMAGES } from './test-support/images.js';
import { thrown } from './test-support/thrown.js';
import { toConverseInput } from './to-converse-input.js';
import { validateConverseInput } from './validate-converse-input.js';

const png = { type: 'image_url' as const, image_url: { url: dataUrl('image/png', IMAGES.png) } };
const pdf = (filename: string) => ({
  type: 'file' as const,
  file: {
    filename,
    file_data: `data:application/pdf;base64,${Buffer.from('%PDF-1.4 x').toString('base64')}`,
  },
});
const tools = [{ type: 'function' as const, function: { name: 'screenshot' } }];
const call = (id: string) => ({
  id,
  type: 'function' as const,
  function: { name: 'screenshot', arguments: '{}' },
});

describe('tool messages with image and document parts (item 10)', () => {
  it('become toolResult image and document blocks', () => {
    const request: ChatCompletionRequest = {
      model: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
      messages: [
        { role: 'user', content: 'Take a screenshot and fetch the report.' },
        { role: 'assistant', content: null, tool_calls: [call('c1'), call('c2')] },
        {
          role: 'tool',
          tool_call_id: 'c1',
          content: [{ type: 'text', text: 'Here it is.' }, png] as never,
        },
        { role: 'tool', tool_call_id: 'c2', content: [pdf('q3 report.pdf')] as never },
      ],
      tools,
    };
    const { input } = toConverseInput(request);
    expect(input.messages?.[2]?.content).toEqual([
      {
        toolResult: {
          toolUseId: 'c1',
          content: [
            { text: 'Here it is.' },
            { image: { format: 'png', source: { bytes: IMAGES.png } } },
          ],
        },
      },
      {
        toolResult: {
          toolUseId: 'c2',
          content: [
            {
              document: {
                format: 'pdf',
                name: 'q3 report',
                source: { bytes: new Uint8Array(Buffer.from('%PDF-1.4 x')) },
              },
            },
          ],
        },
      },
    ]);
    expect(validateConverseInput(input)).toEqual([]);
  });

  it('keep their images as user blocks when no tools are offered', () => {
    const { input } = toConverseInput(
      {
        model: 'm',
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: null, tool_calls: [call('c1')] },
          {
            role: 'tool',
            tool_call_id: 'c1',
            content: [{ type: 'text', text: 'shot' }, png] as never,
          },
        ],
        tools,
        tool_choice: 'none',
      },
      {},
    );
    expect(input.messages?.[2]?.content).toEqual([
      { text: '[tool result c1] shot' },
      { image: { format: 'png', source: { bytes: IMAGES.png } } },
    ]);
    expect(validateConverseInput(input)).toEqual([]);
  });

  it('refuse other part types with the part named', () => {
    const error = thrown(() =>
      toConverseInput({
        model: 'm',
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: null, tool_calls: [call('c1')] },
          {
            role: 'tool',
            tool_call_id: 'c1',
            content: [{ type: 'input_audio', input_audio: { data: 'AA', format: 'wav' } }] as never,
          },
        ],
        tools,
      }),
    );
    expect(error.code).toBe('unsupported_content_part');
    expect(error.param).toBe('messages[2].content[0]');
  });
});

describe('limits counted as Bedrock counts them (item 11)', () => {
  it('counts images over the whole request, naming the 21st', () => {
    const turns: ChatCompletionRequest['messages'] = [];
    for (let t = 0; t < 3; t++) {
      turns.push({ role: 'user', content: Array.from({ length: 7 }, () => png) });
      if (t < 2) turns.push({ role: 'assistant', content: 'ok' });
    }
    const error = thrown(() => toConverseInput({ model: 'm', messages: turns }));
    expect(error.code).toBe('too_many_images');
    expect(error.param).toBe('messages[4].content[6]');
    expect(() => toConverseInput({ model: 'm', messages: turns.slice(0, 3) })).not.toThrow();
  });

  it('counts documents over the whole request', () => {
    const error = thrown(() =>
      toConverseInput({
        model: 'm',
        messages: [
          {
            role: 'user',
            content: [pdf('a.pdf'), pdf('b.pdf'), pdf('c.pdf'), { type: 'text', text: 'x' }],
          },
          { role: 'assistant', content: 'ok' },
          {
            role: 'user',
            content: [pdf('d.pdf'), pdf('e.pdf'), pdf('f.pdf'), { type: 'text', text: 'y' }],
          },
        ],
      }),
    );
    expect(error.code).toBe('too_many_documents');
    expect(error.param).toBe('messages[2].content[2]');
  });

  it('refuses a thinking budget option below 1024', () => {
    const error = thrown(() =>
      toConverseInput(
        { model: 'm', messages: [{ role: 'user', content: 'q' }], reasoning_effort: 'low' },
        { reasoning: 'anthropic-thinking', reasoningBudgets: { low: 512 } },
      ),
    );
    expect(error.code).toBe('invalid_option');
    expect(error.param).toBe('reasoningBudgets.low');
  });
});

describe('listRemoteImageUrls', () => {
  it('lists the remote images of tool messages too (they become toolResult images)', () => {
    expect(
      listRemoteImageUrls({
        messages: [
          { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://a/1.png' } }] },
          {
            role: 'tool',
            tool_call_id: 'c1',
            content: [
              { type: 'image_url', image_url: { url: 'https://a/2.png' } },
              { type: 'image_url', image_url: { url: 'https://a/1.png' } },
              png,
            ],
          },
        ],
      }),
    ).toEqual(['https://a/1.png', 'https://a/2.png']);
  });

  it('names the field each remote image first appears in (listRemoteImages)', () => {
    expect(
      listRemoteImages({
        messages: [
          { role: 'system', content: 'be brief' },
          {
            role: 'user',
            content: [png, { type: 'image_url', image_url: { url: 'https://a/1.png' } }],
          },
          {
            role: 'tool',
            tool_call_id: 'c1',
            content: [{ type: 'image_url', image_url: { url: 'https://a/1.png' } }],
          },
        ],
      }),
    ).toEqual([{ url: 'https://a/1.png', param: 'messages[1].content[1].image_url.url' }]);
  });
});
