import type { ChatCompletionRequest } from './openai-request.js';
/** A remote image of a request and the field it first appears in (for errors naming it). */
export interface RemoteImage {
    url: string;
    /** e.g. `messages[2].content[0].image_url.url`. */
    param: string;
}
/**
 * The remote (non-`data:`) images of a request's user and tool messages, deduplicated by URL, in
 * order, each with the field it first appears in: what a caller must fetch and pass as
 * `imageBytes` before `toConverseInput` (this package does no I/O).
 */
export declare function listRemoteImages(request: Pick<ChatCompletionRequest, 'messages'>): RemoteImage[];
/** The URLs of `listRemoteImages(request)`. */
export declare function listRemoteImageUrls(request: Pick<ChatCompletionRequest, 'messages'>): string[];
