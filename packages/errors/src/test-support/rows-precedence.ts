import * as rt from '@aws-sdk/client-bedrock-runtime';
import { inStream, meta, type Row, unmodeled } from './classification-row.js';

/** The output limit Bedrock reports when `max_tokens` is above what the model can write. */
export const MAX_TOKENS_TOO_LARGE =
  'The value of max_tokens exceeds the maximum tokens allowed for this model';

/**
 * A `max_tokens` above the model's output limit is a validation error about the output, not a
 * context overflow (compressing the input would not help). Input-side wordings stay overflow.
 */
export const outputLimit: Row[] = [
  {
    name: 'rt ValidationException max_tokens above the output limit',
    kind: 'validation',
    code: 'ValidationException',
    status: 400,
    build: () =>
      new rt.ValidationException({ message: MAX_TOKENS_TOO_LARGE, $metadata: meta(400) }),
  },
  {
    name: 'plain message "ValidationException: ... max_tokens exceeds the maximum tokens"',
    kind: 'validation',
    build: () => new Error(`ValidationException: ${MAX_TOKENS_TOO_LARGE}`),
  },
  {
    name: 'stream validationException max_tokens above the output limit',
    kind: 'validation',
    build: () => inStream('validationException', MAX_TOKENS_TOO_LARGE),
  },
  {
    name: 'max_tokens (N) exceeds the max tokens, behind "Malformed input request"',
    kind: 'validation',
    build: () =>
      new Error(
        'Malformed input request: max_tokens (100000) exceeds the max tokens allowed for this model (64000)',
      ),
  },
  {
    name: 'rt ValidationException "maximum allowed number of output tokens"',
    kind: 'validation',
    build: () =>
      new rt.ValidationException({
        message:
          'max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-20250514',
        $metadata: meta(400),
      }),
  },
  {
    name: 'max_tokens is too large (at most N completion tokens)',
    kind: 'validation',
    build: () =>
      new Error(
        'max_tokens is too large: 100000. This model supports at most 4096 completion tokens, whereas you provided 100000.',
      ),
  },
  {
    name: 'ModelErrorException max_tokens above the output limit',
    kind: 'validation',
    build: () =>
      new rt.ModelErrorException({ message: MAX_TOKENS_TOO_LARGE, $metadata: meta(424) }),
  },
  {
    name: 'input-side "exceeds the maximum tokens" stays context_overflow',
    kind: 'context_overflow',
    build: () => new Error('The input exceeds the maximum tokens allowed for this model'),
  },
  {
    name: 'rt ValidationException input length and max_tokens stays context_overflow',
    kind: 'context_overflow',
    build: () =>
      new rt.ValidationException({
        message: 'input length and `max_tokens` exceed context limit: 190000 + 32000 > 200000',
        $metadata: meta(400),
      }),
  },
];

const PER_MINUTE = 'Too many input tokens per minute';

/** A 429 (status or throttling name) is a rate, whatever its wording says. */
export const tooManyRequests: Row[] = [
  {
    name: 'status 429 "Too many input tokens per minute"',
    kind: 'rate_limit',
    status: 429,
    build: () => Object.assign(new Error(PER_MINUTE), { $metadata: meta(429) }),
  },
  {
    name: 'plain object status 429 "Too many input tokens per minute"',
    kind: 'rate_limit',
    build: () => ({ status: 429, message: PER_MINUTE }),
  },
  {
    name: 'unmodeled exception 429 "Too many input tokens per minute"',
    kind: 'rate_limit',
    status: 429,
    build: () => unmodeled('SomeNewException', 429, PER_MINUTE),
  },
  {
    name: 'wording on the wrapper, 429 on its cause',
    kind: 'rate_limit',
    status: 429,
    build: () => new Error(PER_MINUTE, { cause: { $metadata: meta(429) } }),
  },
  {
    name: 'rt ThrottlingException "Too many input tokens per minute"',
    kind: 'rate_limit',
    code: 'ThrottlingException',
    build: () => new rt.ThrottlingException({ message: PER_MINUTE, $metadata: meta(429) }),
  },
  {
    name: 'stream throttlingException "Too many input tokens per minute"',
    kind: 'rate_limit',
    build: () => inStream('throttlingException', PER_MINUTE),
  },
  {
    name: 'Throttling (query protocol name) "Too many input tokens per minute"',
    kind: 'rate_limit',
    build: () => unmodeled('Throttling', 400, PER_MINUTE),
  },
  {
    name: 'rt ModelStreamErrorException original 429 "too many input tokens"',
    kind: 'rate_limit',
    build: () =>
      new rt.ModelStreamErrorException({
        message: 'The model returned: too many input tokens.',
        originalStatusCode: 429,
        $metadata: meta(),
      }),
  },
  {
    name: 'status 429 "Too many tokens per day" stays quota_exceeded',
    kind: 'quota_exceeded',
    build: () => ({ status: 429, message: 'Too many tokens per day, please try again tomorrow.' }),
  },
];

/** A message that merely names a setting called timeout is not a timeout; real ones are. */
export const timeoutWording: Row[] = [
  {
    name: 'status 400 "Invalid value for parameter timeout"',
    kind: 'validation',
    status: 400,
    build: () => ({ status: 400, message: 'Invalid value for parameter timeout' }),
  },
  {
    name: 'plain "Invalid value for parameter timeout" is not a timeout',
    kind: 'unknown',
    build: () => new Error('Invalid value for parameter timeout'),
  },
  {
    name: 'plain "timeout must be a positive integer" is not a timeout',
    kind: 'unknown',
    build: () => new Error('timeout must be a positive integer'),
  },
  ...[
    'Gateway Timeout',
    'Request Timeout',
    'Headers Timeout Error',
    'The operation failed due to timeout',
    'Timeout exceeded after 30000 ms',
    'Connection timeout.',
    'Request timed out',
  ].map(
    (text): Row => ({
      name: `timeout wording: ${text}`,
      kind: 'timeout',
      build: () => new Error(text),
    }),
  ),
];
