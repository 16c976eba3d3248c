/**
 * The Responses recipe: an OpenAI Responses request in, a `response` (or its events) out, Bedrock
 * in between — the chat recipe's steps (`chat-completion.ts`) with the stored conversation around:
 *
 *   stored items (previous_response_id, item_reference) -> resolve the model -> Converse input
 *   (format/responses, the model's rules applied there) -> send (transport) -> response or events (format/responses)
 *   -> store the response
 */

import {
  type Response,
  type ResponseInputItem,
  type ResponseStreamEvent,
  type ResponsesInputResult,
  type ResponsesRequest,
  referencedItemIds,
  responseEventsFromConverseStream,
  responseFromConverseOutput,
  responsesToConverseInput,
} from '@bedrock-bridge/format/responses';
import { resolveModelId } from '@bedrock-bridge/models';
import { synthesizeStream } from '@bedrock-bridge/transport';
import type { ChatCompletionOptions } from '../chat-completion.js';
import type { ReasoningSeal } from './reasoning-seal.js';
import type { ResponseStore } from './response-store.js';
import { forClient, inputItemsOf } from './response-view.js';

/** What one Responses call needs besides the request. */
export interface ResponsesOptions extends ChatCompletionOptions {
  store: ResponseStore;
  seal: ReasoningSeal;
}

async function prepare(request: ResponsesRequest, context: ResponsesOptions) {
  const history =
    typeof request.previous_response_id === 'string'
      ? await context.store.conversation(request.previous_response_id)
      : undefined;
  const stored = await context.store.items(referencedItemIds(request));
  const resolved = (context.resolveModel ?? resolveModelId)(request.model ?? '', context);
  const caps = resolved.capabilities;
  // The model's rules go to format as they are; format applies them once (see chat-completion.ts).
  const convert = (r: ResponsesRequest) =>
    responsesToConverseInput(r, {
      modelId: resolved.modelId,
      rules: caps,
      paramPolicy: context.paramPolicy ?? 'drop',
      ...(context.imageBytes ? { imageBytes: context.imageBytes } : {}),
      ...(history ? { history } : {}),
      storedItem: (id) => stored.get(id),
      openReasoning: (sealed) => context.seal.open(sealed),
    });
  let converted = convert(request);
  const notes: string[] = [];
  if (caps.reasoning === 'anthropic-thinking' && lastToolTurnLacksReasoning(converted.input)) {
    // Claude rejects thinking with a tool-call turn that does not open with its thinking: as on
    // the chat path, this request goes without thinking, and the client is told why.
    converted = convert({ ...request, reasoning: { ...request.reasoning, effort: 'none' } });
    notes.push(
      "reasoning.effort: thinking was turned off for this request, because the reasoning of the last function_call turn was not sent back (include 'reasoning.encrypted_content' and send the reasoning items back, or use store and previous_response_id).",
    );
  }
  const warnings = [...notes, ...converted.warnings];
  if (converted.dropped.length > 0 || warnings.length > 0) {
    context.onNotes?.({ dropped: converted.dropped, warnings });
  }
  const answer = {
    request,
    model: request.model ?? '',
    toolNames: converted.answer.toolNames,
    sealReasoning: (details: Parameters<ReasoningSeal['seal']>[0]) => context.seal.seal(details),
    ...(converted.answer.structuredOutputTool === undefined
      ? {}
      : { structuredOutputTool: converted.answer.structuredOutputTool }),
  };
  // What is stored: only worked out when the response is kept.
  const items = (): ResponseInputItem[] => inputItemsOf(request, stored);
  return { input: converted.input, answer, capabilities: caps, items };
}

/** Thinking is on and the last assistant turn with tool calls does not open with reasoning. */
function lastToolTurnLacksReasoning(input: ResponsesInputResult['input']): boolean {
  if (!JSON.stringify(input.additionalModelRequestFields ?? {}).includes('"thinking"'))
    return false;
  const turn = [...(input.messages ?? [])]
    .reverse()
    .find((m) => m.role === 'assistant' && (m.content ?? []).some((b) => b.toolUse !== undefined));
  return turn !== undefined && turn.content?.[0]?.reasoningContent === undefined;
}

function keep(request: ResponsesRequest): boolean {
  return request.store !== false;
}

/** A whole `response` object. */
export async function createResponse(
  request: ResponsesRequest,
  context: ResponsesOptions,
): Promise<Response> {
  const { input, answer, items } = await prepare(request, context);
  const output = await context.transport.converse(input, context);
  const response = responseFromConverseOutput(output, answer);
  if (keep(request)) await context.store.save({ response, input: items() });
  return forClient(response, request);
}

/** The Responses events as they arrive; the call starts when iteration starts. */
export async function* createResponseStream(
  request: ResponsesRequest,
  context: ResponsesOptions,
): AsyncIterable<ResponseStreamEvent> {
  const { input, answer, capabilities, items } = await prepare(request, context);
  // Some models take tools only without streaming: ask Converse, replay its answer as events.
  const events =
    input.toolConfig && !capabilities.streamingToolUse
      ? (async function* () {
          yield* synthesizeStream(await context.transport.converse(input, context));
        })()
      : context.transport.converseStream(input, context);
  for await (const event of responseEventsFromConverseStream(events, answer)) {
    // Stored before the client hears it is done, so it can continue from it at once.
    if (
      (event.type === 'response.completed' || event.type === 'response.incomplete') &&
      keep(request)
    ) {
      await context.store.save({ response: event.response, input: items() });
    }
    yield forClient(event, request);
  }
}
