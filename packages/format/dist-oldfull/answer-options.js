export function answerId(options) {
    return options.id ?? `chatcmpl-${globalThis.crypto.randomUUID()}`;
}
export function answerCreated(options) {
    return options.created ?? Math.floor(Date.now() / 1000);
}
