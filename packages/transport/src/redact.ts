import { BedrockBridgeError } from '@bedrock-bridge/errors';

/*
 * What never leaves the process in an error message or a log line: the secrets of the identity
 * in use (secret key, session token, bearer token, any extra secret the caller passes), and what
 * identifies the AWS account behind it. Bedrock's AccessDenied names the caller's principal
 * ("User: arn:aws:sts::123456789012:assumed-role/Admin/alice is not authorized ..."); a client of
 * a gateway has no business learning the account, role or user name.
 */

/** Access key ids (long-term `AKIA`, temporary `ASIA`) and the other IAM unique-id prefixes. */
const KEY_ID = /\b(?:AKIA|ASIA|AIDA|AROA|AIPA|ANPA|ANVA|AGPA|ABIA|ACCA)[A-Z0-9]{16}\b/g;
/** `arn:partition:service:region:account:resource` with an account (12 digits). */
const ARN = /\barn:(aws[a-z-]*):([a-z0-9-]*):([a-z0-9-]*):\d{12}:([^\s"'`,;]*)/g;
/** A bare 12-digit number: the form account ids take in messages. */
const ACCOUNT_ID = /(?<![\w.-])\d{12}(?![\w-])/g;
/** Services whose ARN resource is a principal's name (a role, user or session). */
const PRINCIPAL_SERVICES = new Set(['iam', 'sts']);

/**
 * Masks AWS identity in `text`: access key ids become `[redacted]`, an ARN's account becomes
 * `[account]` (and a principal's name `[redacted]`), any other 12-digit account id `[account]`.
 */
export function redactIdentity(text: string): string {
  return text
    .replace(KEY_ID, '[redacted]')
    .replace(ARN, (_arn, partition: string, service: string, region: string, resource: string) => {
      const rest = PRINCIPAL_SERVICES.has(service) ? '[redacted]' : resource;
      return `arn:${partition}:${service}:${region}:[account]:${rest}`;
    })
    .replace(ACCOUNT_ID, '[account]');
}

/**
 * Replaces every occurrence of a secret in `text` with `[redacted]` (secrets under 4 characters
 * are ignored), then masks AWS identity (see `redactIdentity`).
 */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4 && out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  return redactIdentity(out);
}

/** The same error, or a copy whose message no longer contains any secret nor AWS identity. */
export function redactError(
  error: BedrockBridgeError,
  secrets: readonly string[],
  cause: unknown,
): BedrockBridgeError {
  const message = redactText(error.message, secrets);
  if (message === error.message) return error;
  return new BedrockBridgeError({ ...error.toInfo(), message, cause });
}
