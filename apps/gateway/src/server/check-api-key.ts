import { createHash, timingSafeEqual } from 'node:crypto';
import { gatewayError, type OpenAIErrorResponse } from './openai-error.js';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Builds the check for `Authorization: Bearer <key>`. Compares digests in constant time, so
 * neither the key nor its length leaks through timing. Returns `undefined` when allowed.
 */
export function checkApiKey(
  expected: string,
): (authorization: string | undefined) => OpenAIErrorResponse | undefined {
  const want = digest(expected);
  return (authorization) => {
    // The key exactly as sent: Node already dropped the header's surrounding spaces and tabs,
    // so any whitespace left (a no-break space, a tab inside) is part of a wrong key.
    const match = /^Bearer +(.+)$/i.exec(authorization ?? '');
    const given = match?.[1];
    if (!given) {
      return gatewayError(
        401,
        "You didn't provide an API key. Send it as 'Authorization: Bearer <key>' (the key the gateway was started with: --api-key or BEDROCK_BRIDGE_API_KEY).",
        { code: 'missing_api_key' },
      );
    }
    if (!timingSafeEqual(digest(given), want)) {
      return gatewayError(401, 'Incorrect API key provided.', { code: 'invalid_api_key' });
    }
    return undefined;
  };
}
