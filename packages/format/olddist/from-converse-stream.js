import { answerCreated, answerId } from './answer-options.js';
import { answerToolCallId } from './answer-tool-call-id.js';
import { bytesToBase64 } from './base64.js';
import { eventsToChunks } from './events-to-chunks.js';
import { choiceExtension } from './from-converse-output.js';
import { mapStopReason } from './map-stop-reason.js';
import { StreamedArguments } from './streamed-arguments.js';
import { restoreToolName } from './tool-names.js';
import { toCompletionUsage } from './usage.js';
/**
 * Converse stream events -> OpenAI `chat.completion.chunk`s, exactly as OpenAI streams them:
 * a first chunk with the role, content / tool_calls / reasoning deltas (tool calls announced
 * with index, id and name, then argument fragments; interleaved blocks tracked by
 * `contentBlockIndex`; a block whose `contentBlockStart` is empty or unknown takes its kind from
 * its first delta), a final chunk with `finish_reason`, and a usage chunk when
 * `includeUsage`.
 *
 * It trusts the events it is given: stream integrity (a missing `messageStop`, an in-stream
 * exception, a cut) is `@bedrock-bridge/transport`'s job, which throws a classified error
 * instead of ending early. A stream that ends without `messageStop` here ends without a
 * finish chunk (nothing claims the answer finished), and an error thrown by `events` passes
 * through unchanged.
 */
export function fromConverseStream(events, options) {
    const id = answerId(options);
    const created = answerCreated(options);
    const includeUsage = options.includeUsage === true;
    const chunk = (choice) => {
        const c = {
            id,
            object: 'chat.completion.chunk',
            created,
            model: options.model,
            choices: [choice],
        };
        if (includeUsage)
            c.usage = null;
        return c;
    };
    const delta = (d) => chunk({ index: 0, delta: d, finish_reason: null, logprobs: null });
    const blocks = new Map();
    let started = false;
    let toolCount = 0;
    let reasoningCount = 0;
    let stopReason;
    let additional;
    let usage;
    let trace;
    let metadataSeen = false;
    let finished = false;
    const citations = [];
    /** Server tool uses by content block index (reported in block order). */
    const serverToolUses = new Map();
    let reasoningChars = 0;
    /** With a structured-output tool: text held until we know whether the tool is called. */
    const holdText = options.structuredOutputTool !== undefined;
    let heldText = '';
    let structuredSeen = false;
    const argumentsDelta = (state, text) => state.kind === 'structured'
        ? delta({ content: text })
        : delta({ tool_calls: [{ index: state.index, function: { arguments: text } }] });
    /** The held-back end of a tool block's arguments; `{}` for a tool call that streamed none. */
    const endArguments = (state) => {
        const rest = state.args.end();
        if (rest !== '')
            return [argumentsDelta(state, rest)];
        return state.kind === 'tool' && state.args.length === 0 ? [argumentsDelta(state, '{}')] : [];
    };
    const endServerTool = (index, state) => {
        let input = {};
        if (state.input.trim() !== '') {
            try {
                input = JSON.parse(state.input);
            }
            catch {
                input = state.input;
            }
        }
        serverToolUses.set(index, { id: state.id, name: state.name, input });
    };
    const finish = () => {
        finished = true;
        const out = [];
        for (const [index, state] of blocks) {
            if (state.kind === 'tool' || state.kind === 'structured')
                out.push(...endArguments(state));
            else if (state.kind === 'server')
                endServerTool(index, state);
        }
        blocks.clear();
        if (!structuredSeen && heldText !== '')
            out.push(delta({ content: heldText }));
        const mapped = mapStopReason(stopReason, toolCount > 0);
        out.push(chunk({
            index: 0,
            delta: {},
            finish_reason: mapped.finish_reason,
            logprobs: null,
            bedrock: choiceExtension({
                stopReason: stopReason ?? 'unknown',
                unmapped: mapped.unmapped,
                citations,
                trace,
                additional,
                serverToolUses: [...serverToolUses.entries()]
                    .sort((a, b) => a[0] - b[0])
                    .map(([, use]) => use),
                preamble: structuredSeen ? heldText : '',
            }),
        }));
        if (includeUsage && usage !== undefined) {
            out.push({
                id,
                object: 'chat.completion.chunk',
                created,
                model: options.model,
                choices: [],
                usage: toCompletionUsage(usage, reasoningChars),
            });
        }
        return out;
    };
    /** Registers a tool block; returns the chunk announcing it (none for the structured tool). */
    const startTool = (index, toolUse) => {
        if (toolUse.type === 'server_tool_use') {
            blocks.set(index, {
                kind: 'server',
                id: toolUse.toolUseId ?? '',
                name: toolUse.name ?? '',
                input: '',
            });
            return undefined;
        }
        if (options.structuredOutputTool !== undefined &&
            toolUse.name === options.structuredOutputTool) {
            structuredSeen = true;
            blocks.set(index, { kind: 'structured', args: new StreamedArguments() });
            return undefined;
        }
        const state = { kind: 'tool', index: toolCount++, args: new StreamedArguments() };
        blocks.set(index, state);
        return delta({
            tool_calls: [
                {
                    index: state.index,
                    id: answerToolCallId(toolUse.toolUseId, id, state.index),
                    type: 'function',
                    function: { name: restoreToolName(toolUse.name ?? '', options.toolNames), arguments: '' },
                },
            ],
        });
    };
    const stateOf = (index, fallback) => {
        let state = blocks.get(index);
        if (state === undefined) {
            state = fallback();
            blocks.set(index, state);
        }
        return state;
    };
    /** Adds the chunks one event makes to `out`. */
    const onEvent = (event, out) => {
        if (finished)
            return;
        if (!started && (event.messageStart || event.contentBlockStart || event.contentBlockDelta)) {
            started = true;
            out.push(delta({ role: 'assistant', content: '' }));
        }
        if (event.contentBlockStart) {
            const index = event.contentBlockStart.contentBlockIndex ?? 0;
            const start = event.contentBlockStart.start;
            if (start?.toolUse !== undefined) {
                const announced = startTool(index, start.toolUse);
                if (announced !== undefined)
                    out.push(announced);
            }
            else if (start?.image !== undefined || start?.toolResult !== undefined) {
                blocks.set(index, { kind: 'other' });
            }
            else {
                // An empty or unknown start: the block's first delta tells what it is.
                blocks.delete(index);
            }
        }
        else if (event.contentBlockDelta) {
            const index = event.contentBlockDelta.contentBlockIndex ?? 0;
            const d = event.contentBlockDelta.delta;
            if (d === undefined)
                return;
            if (d.text !== undefined) {
                if (holdText)
                    heldText += d.text;
                else if (d.text !== '')
                    out.push(delta({ content: d.text }));
            }
            else if (d.toolUse !== undefined) {
                let state = blocks.get(index);
                if (state === undefined) {
                    // Tool input with no toolUse start: a tool call whose id and name were not sent.
                    const announced = startTool(index, {});
                    if (announced !== undefined)
                        out.push(announced);
                    state = blocks.get(index);
                }
                if (state?.kind === 'server') {
                    state.input += d.toolUse.input ?? '';
                    return;
                }
                if (state?.kind !== 'structured' && state?.kind !== 'tool')
                    return;
                const fragment = state.args.push(d.toolUse.input ?? '');
                if (fragment !== '')
                    out.push(argumentsDelta(state, fragment));
            }
            else if (d.reasoningContent !== undefined) {
                const state = stateOf(index, () => ({ kind: 'reasoning', index: reasoningCount++ }));
                if (state.kind !== 'reasoning')
                    return;
                const r = d.reasoningContent;
                if (r.text !== undefined) {
                    reasoningChars += r.text.length;
                    out.push(delta({
                        reasoning_content: r.text,
                        reasoning_details: [{ type: 'reasoning.text', text: r.text, index: state.index }],
                    }));
                }
                else if (r.signature !== undefined) {
                    out.push(delta({
                        reasoning_details: [
                            { type: 'reasoning.text', text: '', signature: r.signature, index: state.index },
                        ],
                    }));
                }
                else if (r.redactedContent !== undefined) {
                    out.push(delta({
                        reasoning_details: [
                            {
                                type: 'reasoning.encrypted',
                                data: bytesToBase64(r.redactedContent, 'contentBlockDelta.delta.reasoningContent.redactedContent'),
                                index: state.index,
                            },
                        ],
                    }));
                }
            }
            else if (d.citation !== undefined) {
                citations.push(d.citation);
            }
        }
        else if (event.contentBlockStop) {
            const index = event.contentBlockStop.contentBlockIndex ?? 0;
            const state = blocks.get(index);
            if (state?.kind === 'tool' || state?.kind === 'structured') {
                blocks.set(index, { kind: 'other' });
                out.push(...endArguments(state));
            }
            else if (state?.kind === 'server') {
                blocks.set(index, { kind: 'other' });
                endServerTool(index, state);
            }
        }
        else if (event.messageStop) {
            stopReason = event.messageStop.stopReason ?? 'unknown';
            additional = event.messageStop.additionalModelResponseFields;
            if (metadataSeen)
                out.push(...finish());
        }
        else if (event.metadata) {
            metadataSeen = true;
            usage = event.metadata.usage;
            trace = event.metadata.trace;
            if (stopReason !== undefined)
                out.push(...finish());
        }
    };
    /** Adds the chunks of the end of the events to `out`. */
    const onEnd = (out) => {
        if (!finished && stopReason !== undefined)
            out.push(...finish());
    };
    return eventsToChunks(events, onEvent, onEnd);
}
