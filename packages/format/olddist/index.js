export { collectChatCompletion } from './collect-chat-completion.js';
export { fromConverseOutput } from './from-converse-output.js';
export { fromConverseStream } from './from-converse-stream.js';
export { listRemoteImages, listRemoteImageUrls, } from './list-remote-image-urls.js';
export { mapStopReason } from './map-stop-reason.js';
export { toConverseInput, } from './to-converse-input.js';
export { RAW_ARGUMENTS_KEY } from './tool-arguments.js';
export { assertValidConverseInput, validateConverseInput, } from './validate-converse-input.js';
