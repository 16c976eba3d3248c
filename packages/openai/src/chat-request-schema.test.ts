import type { ChatCompletionMessageParam, ChatCompletionRequest } from '@bedrock-bridge/format';
import type OpenAI from 'openai';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { chatRequestSchema } from './validate-chat-request.js';

/*
 * The gateway's request schema is a checked twin of format's request type: the same fields at
 * the top and on every message role, and every request format's type (hence the openai
 * package's) allows passes the schema's types. These checks fail to compile (`pnpm typecheck`)
 * when either side drifts.
 */
type Shape = typeof chatRequestSchema.shape;
type MessageSchemas = Shape['messages']['element']['options'][number];
type SchemaRoleKeys<R extends string> = keyof Extract<
  MessageSchemas,
  { shape: { role: z.ZodLiteral<R> } }
>['shape'];
type OurRoleKeys<R> = keyof Extract<ChatCompletionMessageParam, { role: R }>;

describe("the gateway's request schema is the twin of format's request type", () => {
  it('has the same top-level fields', () => {
    expectTypeOf<keyof Shape>().toEqualTypeOf<keyof ChatCompletionRequest>();
    expect(Object.keys(chatRequestSchema.shape)).toContain('web_search_options');
  });

  it('has the same fields on every role', () => {
    expectTypeOf<SchemaRoleKeys<'system'>>().toEqualTypeOf<OurRoleKeys<'system'>>();
    expectTypeOf<SchemaRoleKeys<'developer'>>().toEqualTypeOf<OurRoleKeys<'developer'>>();
    expectTypeOf<SchemaRoleKeys<'user'>>().toEqualTypeOf<OurRoleKeys<'user'>>();
    expectTypeOf<SchemaRoleKeys<'assistant'>>().toEqualTypeOf<OurRoleKeys<'assistant'>>();
    expectTypeOf<SchemaRoleKeys<'tool'>>().toEqualTypeOf<OurRoleKeys<'tool'>>();
    expectTypeOf<SchemaRoleKeys<'function'>>().toEqualTypeOf<OurRoleKeys<'function'>>();
  });

  it("takes every request the openai package's type allows", () => {
    type Theirs = OpenAI.Chat.Completions.ChatCompletionCreateParams;
    const accepted: [Theirs] extends [z.input<typeof chatRequestSchema>] ? true : false = true;
    const ours: [ChatCompletionRequest] extends [z.input<typeof chatRequestSchema>] ? true : false =
      true;
    expect([accepted, ours]).toEqual([true, true]);
    expect(chatRequestSchema.safeParse({ model: 'm', messages: [] }).success).toBe(false);
  });
});
