/**
 * The remote (non-`data:`) images of a request's user and tool messages, deduplicated by URL, in
 * order, each with the field it first appears in: what a caller must fetch and pass as
 * `imageBytes` before `toConverseInput` (this package does no I/O).
 */
export function listRemoteImages(request) {
    const found = new Map();
    (request.messages ?? []).forEach((message, i) => {
        if ((message.role !== 'user' && message.role !== 'tool') || !Array.isArray(message.content))
            return;
        message.content.forEach((part, j) => {
            if (part?.type !== 'image_url')
                return;
            const url = part.image_url?.url;
            if (typeof url !== 'string' || url === '' || url.startsWith('data:') || found.has(url))
                return;
            found.set(url, { url, param: `messages[${i}].content[${j}].image_url.url` });
        });
    });
    return [...found.values()];
}
/** The URLs of `listRemoteImages(request)`. */
export function listRemoteImageUrls(request) {
    return listRemoteImages(request).map((image) => image.url);
}
