import * as rt from '@aws-sdk/client-bedrock-runtime';
import type { ErrorKind } from '../error-kind.js';
import { namedError } from './node-errors.js';

/** One row of the classification table: how to build the thrown value, what it must give. */
export interface Row {
  name: string;
  build: () => unknown;
  kind: ErrorKind;
  code?: string;
  status?: number;
  message?: RegExp;
  /** The `retryAfterMs` expected; unset means the info must have none. */
  retryAfterMs?: number;
}

export const meta = (httpStatusCode?: number) =>
  httpStatusCode === undefined ? {} : { httpStatusCode, requestId: 'req-1' };

/** An unmodeled service error as the SDK builds it (`BedrockRuntimeServiceException` + name). */
export const unmodeled = (name: string, status: number, message: string) =>
  new rt.BedrockRuntimeServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: meta(status),
    message,
  });

/** An event-stream exception the SDK did not model: `Error` named after `:exception-type`. */
export const inStream = (exceptionType: string, message: string) =>
  namedError(exceptionType, message);

/** Bedrock's wording, with the curly apostrophe it really sends. */
export const ON_DEMAND =
  'Invocation of model ID anthropic.claude-sonnet-4-20250514-v1:0 with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.';
/** The same wording as it often reaches us after copy and paste: a straight apostrophe. */
export const ON_DEMAND_STRAIGHT = ON_DEMAND.replace('’', "'");
export const STREAM_DENIED =
  'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0 because no identity-based policy allows the bedrock:InvokeModelWithResponseStream action';
