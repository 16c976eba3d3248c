import { BedrockBridgeError } from '@bedrock-bridge/errors';
/**
 * The error every conversion problem becomes: kind `validation`, a specific `code`, and the
 * request field at fault in OpenAI's `param` notation (e.g. `messages[3].content[1]`).
 */
export function invalidRequest(code, param, message) {
    return new BedrockBridgeError({ kind: 'validation', code, param, message, status: 400 });
}
