import { BedrockError } from './bedrock-error.js';

/** Who a request claims to be. Signatures are never verified. */
export interface Identity {
  scheme: 'sigv4' | 'bearer';
  /** The access key id, or the Bearer token itself. */
  id: string;
  /** The region of the SigV4 credential scope, when present. */
  region?: string;
}

const SIGV4 =
  /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/;

/**
 * Reads the `Authorization` header: SigV4 (`AWS4-HMAC-SHA256 Credential=AKID/date/region/service/
 * aws4_request, ...`) or `Bearer <token>`. Throws the 403 Bedrock answers otherwise.
 */
export function readIdentity(authorization: string | undefined): Identity {
  if (!authorization) {
    throw new BedrockError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  const sig = SIGV4.exec(authorization);
  if (sig?.[1] && sig[3]) return { scheme: 'sigv4', id: sig[1], region: sig[3] };
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (bearer?.[1]) return { scheme: 'bearer', id: bearer[1] };
  throw new BedrockError(
    'UnrecognizedClientException',
    'The security token included in the request is invalid.',
  );
}
