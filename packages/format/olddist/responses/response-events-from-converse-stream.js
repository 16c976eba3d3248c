import { fromConverseStream } from '../from-converse-stream.js';
import { reasoningItem } from './response-from-converse-output.js';
import { finishResponse, itemIds, responseError, responseShell, setOutput, toResponseUsage, } from './response-shell.js';
/**
 * Converse stream events -> the OpenAI Responses event stream, through the chat conversion
 * (`fromConverseStream`, which owns stream integrity): `response.created`,
 * `response.in_progress`, then per item `response.output_item.added`, its part / delta / done
 * events and `response.output_item.done`, and finally `response.completed` (or
 * `response.incomplete` when the answer hit the token limit or a content filter). Every event
 * carries `sequence_number`.
 *
 * A failure before the first upstream event is thrown with no event yielded (the caller can still
 * answer with an HTTP error). A failure after it (an in-stream exception, a cut or truncated
 * stream, a stalled one the transport gave up on) yields `response.failed` with the error and then
 * throws it, so the caller can log it; `response.completed` never follows a broken stream.
 */
export async function* responseEventsFromConverseStream(events, options) {
    const response = responseShell(options);
    const chunks = fromConverseStream(events, {
        model: response.model,
        toolNames: options.toolNames ?? {},
        includeUsage: true,
        ...(options.structuredOutputTool === undefined
            ? {}
            : { structuredOutputTool: options.structuredOutputTool }),
    })[Symbol.asyncIterator]();
    let next = await chunks.next();
    let sequence = 0;
    const newId = itemIds(options);
    const items = [];
    let open;
    const calls = new Map();
    let nextIndex = 0;
    let finish;
    let bedrock;
    let usage;
    const ev = (e) => ({ ...e, sequence_number: sequence++ });
    const snapshot = () => structuredClone(response);
    /** Ends the message or reasoning item being streamed, if any. */
    function* close(status = 'completed') {
        const o = open;
        if (o === undefined)
            return;
        open = undefined;
        if (o.kind === 'message') {
            const part = { type: 'output_text', text: o.text, annotations: [] };
            const ids = { item_id: o.item.id, output_index: o.index, content_index: 0 };
            yield ev({ type: 'response.output_text.done', ...ids, text: o.text, logprobs: [] });
            yield ev({ type: 'response.content_part.done', ...ids, part });
            o.item.content = [part];
            o.item.status = status;
            items[o.index] = o.item;
            yield ev({
                type: 'response.output_item.done',
                output_index: o.index,
                item: structuredClone(o.item),
            });
        }
        else {
            const item = reasoningItem(o.id, o.block, options, status);
            if (o.text !== '') {
                const ids = { item_id: o.id, output_index: o.index, summary_index: 0 };
                yield ev({ type: 'response.reasoning_summary_text.done', ...ids, text: o.text });
                yield ev({
                    type: 'response.reasoning_summary_part.done',
                    ...ids,
                    part: { type: 'summary_text', text: o.text },
                });
            }
            items[o.index] = item;
            yield ev({
                type: 'response.output_item.done',
                output_index: o.index,
                item: structuredClone(item),
            });
        }
    }
    /** Ends the function calls being streamed (Bedrock may interleave their arguments). */
    function* closeCalls(status = 'completed') {
        for (const call of calls.values()) {
            call.item.status = status;
            const ids = { item_id: call.item.id, output_index: call.index };
            yield ev({
                type: 'response.function_call_arguments.done',
                ...ids,
                name: call.item.name,
                arguments: call.item.arguments,
            });
            items[call.index] = call.item;
            yield ev({
                type: 'response.output_item.done',
                output_index: call.index,
                item: structuredClone(call.item),
            });
        }
        calls.clear();
    }
    function* start(o, item) {
        yield* close();
        if (o.kind !== 'function')
            yield* closeCalls();
        o.index = nextIndex++;
        if (o.kind === 'function')
            calls.set(o.tool, o);
        else
            open = o;
        yield ev({
            type: 'response.output_item.added',
            output_index: o.index,
            item: structuredClone(item),
        });
    }
    try {
        // One copy serves both: nothing changes between them.
        const opening = snapshot();
        yield ev({ type: 'response.created', response: opening });
        yield ev({ type: 'response.in_progress', response: opening });
        for (; !next.done; next = await chunks.next()) {
            const chunk = next.value;
            if (chunk.usage)
                usage = chunk.usage;
            const choice = chunk.choices[0];
            if (choice === undefined)
                continue;
            const d = choice.delta;
            for (const detail of d.reasoning_details ?? []) {
                const at = detail.index ?? 0;
                if (open?.kind !== 'reasoning' || open.detail !== at) {
                    const id = newId('rs');
                    const block = detail.type === 'reasoning.text'
                        ? { type: 'reasoning.text', text: '' }
                        : { type: 'reasoning.encrypted', data: '' };
                    const o = { kind: 'reasoning', index: 0, id, detail: at, text: '', block };
                    yield* start(o, { type: 'reasoning', id, summary: [], status: 'in_progress' });
                }
                const o = open;
                if (detail.type === 'reasoning.text' && o.block.type === 'reasoning.text') {
                    if (detail.signature !== undefined)
                        o.block.signature = (o.block.signature ?? '') + detail.signature;
                    if (detail.text !== '') {
                        const ids = { item_id: o.id, output_index: o.index, summary_index: 0 };
                        if (o.text === '')
                            yield ev({
                                type: 'response.reasoning_summary_part.added',
                                ...ids,
                                part: { type: 'summary_text', text: '' },
                            });
                        o.text += detail.text;
                        o.block.text += detail.text;
                        yield ev({ type: 'response.reasoning_summary_text.delta', ...ids, delta: detail.text });
                    }
                }
                else if (detail.type === 'reasoning.encrypted' &&
                    o.block.type === 'reasoning.encrypted') {
                    o.block.data += detail.data;
                }
            }
            if (typeof d.content === 'string' && d.content !== '') {
                if (open?.kind !== 'message') {
                    const item = {
                        type: 'message',
                        id: newId('msg'),
                        role: 'assistant',
                        status: 'in_progress',
                        content: [],
                    };
                    const o = { kind: 'message', index: 0, item, text: '' };
                    yield* start(o, item);
                    yield ev({
                        type: 'response.content_part.added',
                        item_id: item.id,
                        output_index: o.index,
                        content_index: 0,
                        part: { type: 'output_text', text: '', annotations: [] },
                    });
                }
                const o = open;
                o.text += d.content;
                yield ev({
                    type: 'response.output_text.delta',
                    item_id: o.item.id,
                    output_index: o.index,
                    content_index: 0,
                    delta: d.content,
                    logprobs: [],
                });
            }
            for (const call of d.tool_calls ?? []) {
                if (call.id !== undefined) {
                    const item = {
                        type: 'function_call',
                        id: newId('fc'),
                        call_id: call.id,
                        name: call.function?.name ?? '',
                        arguments: '',
                        status: 'in_progress',
                    };
                    yield* start({ kind: 'function', index: 0, item, tool: call.index }, item);
                }
                const fragment = call.function?.arguments ?? '';
                const target = calls.get(call.index);
                if (fragment === '' || target === undefined)
                    continue;
                target.item.arguments += fragment;
                yield ev({
                    type: 'response.function_call_arguments.delta',
                    item_id: target.item.id,
                    output_index: target.index,
                    delta: fragment,
                });
            }
            if (choice.finish_reason !== null) {
                finish = choice.finish_reason;
                bedrock = choice.bedrock;
            }
        }
        finishResponse(response, finish);
        const status = response.status === 'incomplete' ? 'incomplete' : 'completed';
        yield* close(status);
        yield* closeCalls(status);
        setOutput(response, items);
        if (usage !== undefined)
            response.usage = toResponseUsage(usage);
        if (bedrock !== undefined)
            response.bedrock = bedrock;
        const type = response.status === 'incomplete' ? 'response.incomplete' : 'response.completed';
        yield ev({ type, response: snapshot() });
    }
    catch (thrown) {
        yield* close('incomplete');
        yield* closeCalls('incomplete');
        response.status = 'failed';
        response.error = responseError(thrown);
        setOutput(response, items);
        yield ev({ type: 'response.failed', response: snapshot() });
        throw thrown;
    }
    finally {
        // A consumer that stops early (a client gone) must stop the upstream stream too.
        await chunks.return?.();
    }
}
