import { BedrockBridgeError } from '@bedrock-bridge/errors';

/** Replaces every occurrence of a secret in `text` with `[redacted]`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** The same error, or a copy whose message no longer contains any secret. */
export function redactError(
  error: BedrockBridgeError,
  secrets: readonly string[],
  cause: unknown,
): BedrockBridgeError {
  const message = redactText(error.message, secrets);
  if (message === error.message) return error;
  return new BedrockBridgeError({ ...error.toInfo(), message, cause });
}
