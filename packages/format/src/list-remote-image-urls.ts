import type { ChatCompletionRequest } from './openai-request.js';

/**
 * The remote (non-`data:`) image URLs of a request's user and tool messages, deduplicated, in
 * order: what a caller must
 * fetch and pass as `imageBytes` before `toConverseInput` (this package does no I/O).
 */
export function listRemoteImageUrls(request: Pick<ChatCompletionRequest, 'messages'>): string[] {
  const urls = new Set<string>();
  for (const message of request.messages ?? []) {
    if ((message.role !== 'user' && message.role !== 'tool') || !Array.isArray(message.content))
      continue;
    for (const part of message.content) {
      if (part?.type !== 'image_url') continue;
      const url = part.image_url?.url;
      if (typeof url === 'string' && url !== '' && !url.startsWith('data:')) urls.add(url);
    }
  }
  return [...urls];
}
