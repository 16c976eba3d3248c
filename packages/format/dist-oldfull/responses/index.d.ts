export type { ItemConversionOptions } from './items-to-messages.js';
export { referencedItemIds } from './referenced-item-ids.js';
export { responseEventsFromConverseStream } from './response-events-from-converse-stream.js';
export { responseFromConverseOutput } from './response-from-converse-output.js';
export type { ResponseAnswerOptions } from './response-shell.js';
export type { Response, ResponseError, ResponseFunctionCall, ResponseOutputItem, ResponseOutputMessage, ResponseOutputTextPart, ResponseReasoning, ResponseStatus, ResponseStreamEvent, ResponseUsage, } from './responses-answer.js';
export type { ResponseFunctionCallItem, ResponseFunctionCallOutputItem, ResponseFunctionTool, ResponseInputContent, ResponseInputFile, ResponseInputImage, ResponseInputItem, ResponseInputText, ResponseItemReference, ResponseMessageItem, ResponseReasoningItem, ResponseReasoningParam, ResponsesRequest, ResponseTextFormat, ResponseTool, ResponseToolChoice, } from './responses-request.js';
export { type ResponsesInputOptions, type ResponsesInputResult, responsesToConverseInput, } from './responses-to-converse-input.js';
