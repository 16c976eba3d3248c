// The public surface of @bedrock-bridge/format: the conversions, their options and the OpenAI
// shapes they take and return. Everything else is internal (tests import it by path).
export type { AnswerOptions } from './answer-options.js';
export { collectChatCompletion } from './collect-chat-completion.js';
export type {
  AnthropicEffort,
  CacheLocation,
  DroppableParam,
  PromptCachingOptions,
  ReasoningStyle,
  ToConverseInputOptions,
} from './converse-input-options.js';
export { type ConverseAnswer, fromConverseOutput } from './from-converse-output.js';
export { fromConverseStream } from './from-converse-stream.js';
export {
  listRemoteImages,
  listRemoteImageUrls,
  type RemoteImage,
} from './list-remote-image-urls.js';
export { type MappedStopReason, mapStopReason } from './map-stop-reason.js';
export type { ModelRules, SamplingParam } from './model-rules.js';
export type {
  BedrockChoiceExtension,
  ChatCompletion,
  ChatCompletionChoice,
  ChatCompletionChunk,
  ChatCompletionChunkChoice,
  ChatCompletionChunkDelta,
  ChatCompletionChunkToolCall,
  ChatCompletionMessage,
  ChoiceLogprobs,
  CompletionUsage,
  FinishReason,
  ServerToolUse,
  TokenLogprob,
} from './openai-answer.js';
export type {
  CacheControl,
  ChatCompletionAssistantMessageParam,
  ChatCompletionContentPart,
  ChatCompletionContentPartFile,
  ChatCompletionContentPartImage,
  ChatCompletionContentPartInputAudio,
  ChatCompletionContentPartRefusal,
  ChatCompletionContentPartText,
  ChatCompletionCustomTool,
  ChatCompletionDeveloperMessageParam,
  ChatCompletionFunctionMessageParam,
  ChatCompletionFunctionTool,
  ChatCompletionMessageCustomToolCall,
  ChatCompletionMessageFunctionToolCall,
  ChatCompletionMessageParam,
  ChatCompletionMessageToolCall,
  ChatCompletionRequest,
  ChatCompletionSystemMessageParam,
  ChatCompletionTool,
  ChatCompletionToolChoiceOption,
  ChatCompletionToolMessageParam,
  ChatCompletionUserMessageParam,
  FunctionDefinition,
  ReasoningDetail,
  ReasoningEffort,
  ResponseFormat,
} from './openai-request.js';
export type { ParamPolicy } from './param-policy.js';
export {
  type AnswerContext,
  type AnswerOptionsFromRequest,
  type ConverseInputResult,
  toConverseInput,
} from './to-converse-input.js';
export { RAW_ARGUMENTS_KEY } from './tool-arguments.js';
export {
  assertValidConverseInput,
  type ConverseInputProblem,
  validateConverseInput,
} from './validate-converse-input.js';
