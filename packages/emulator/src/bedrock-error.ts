import { randomUUID } from 'node:crypto';
import type { Exchange } from './exchange.js';

/** Error shapes Bedrock answers with, and their HTTP statuses. */
export const ERROR_STATUS = {
  ValidationException: 400,
  ServiceQuotaExceededException: 400,
  UnrecognizedClientException: 403,
  MissingAuthenticationTokenException: 403,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ModelTimeoutException: 408,
  ModelErrorException: 424,
  ThrottlingException: 429,
  ModelNotReadyException: 429,
  InternalServerException: 500,
  ServiceUnavailableException: 503,
  UnknownOperationException: 404,
} as const;

export type BedrockErrorName = keyof typeof ERROR_STATUS;

const NAMESPACE = 'http://internal.amazon.com/coral/com.amazon.bedrock/';

/** A Bedrock error answer: thrown inside the emulator, written by {@link sendBedrockError}. */
export class BedrockError extends Error {
  override readonly name: BedrockErrorName;
  readonly status: number;

  constructor(
    name: BedrockErrorName,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Members beside `message` in the body (e.g. ModelErrorException's `originalStatusCode`). */
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = name;
    this.status = ERROR_STATUS[name];
  }
}

/** Common response headers (a request id, like every Bedrock answer). */
export function baseHeaders(contentType = 'application/json'): Record<string, string> {
  return { 'content-type': contentType, 'x-amzn-requestid': randomUUID() };
}

/** Writes `error` the way Bedrock does: status, `x-amzn-errortype`, JSON `{ message }`. */
export function sendBedrockError(exchange: Exchange, error: BedrockError): number {
  exchange.respond(
    error.status,
    {
      ...baseHeaders(),
      'x-amzn-errortype': `${error.name}:${NAMESPACE}`,
      ...error.headers,
    },
    JSON.stringify({ message: error.message, ...error.fields }),
  );
  return error.status;
}
