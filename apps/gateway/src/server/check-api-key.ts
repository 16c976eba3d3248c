import { createHash, timingSafeEqual } from 'node:crypto';
import { gatewayError, type OpenAIErrorResponse } from '@bedrock-bridge/openai';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Builds the check for `Authorization: Bearer <key>` against one key or several (rotation).
 * Compares digests in constant time, every key each time, so neither a key nor its length
 * leaks through timing. Returns `undefined` when allowed.
 */
export function checkApiKey(
  expected: string | readonly string[],
): (authorization: string | undefined) => OpenAIErrorResponse | undefined {
  const wanted = (typeof expected === 'string' ? [expected] : expected).map(digest);
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
    const got = digest(given);
    let ok = false;
    for (const want of wanted) ok = timingSafeEqual(got, want) || ok;
    if (!ok) {
      return gatewayError(401, 'Incorrect API key provided.', { code: 'invalid_api_key' });
    }
    return undefined;
  };
}
