import { GetInferenceProfileCommand } from '@aws-sdk/client-bedrock';
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import type { CallOptions, Transport } from '@bedrock-bridge/transport';
import type { DiscoveredModel } from './discovered-model.js';
import { fromProfileSummary } from './from-sdk-summary.js';

export interface DescribeInferenceProfileOptions extends CallOptions {
  /** Transport whose control plane is asked. Required. */
  transport: Transport;
  /** Profile id or ARN: system-defined (`us.…`) or application (`arn:…:application-inference-profile/…`). */
  id: string;
}

/**
 * Asks the control plane (`GetInferenceProfile`) which model a profile routes to, and returns it
 * as a discovered entry. This is how an application inference profile ARN, which does not name
 * its model, gets a foundation model and capabilities: pass the result to
 * `resolveModelId(arn, { region, discovered: [entry] })`. Errors are classified `BedrockBridgeError`s
 * (`model_not_found` for an unknown profile).
 */
export async function describeInferenceProfile(
  options: DescribeInferenceProfileOptions,
): Promise<DiscoveredModel> {
  const { transport, id, ...call } = options;
  const identifier = typeof id === 'string' ? id.trim() : '';
  if (identifier === '') {
    throw new BedrockBridgeError({
      kind: 'validation',
      message: 'describeInferenceProfile needs the profile id or ARN in options.id',
      param: 'id',
    });
  }
  const answer = await transport.control.send(
    new GetInferenceProfileCommand({ inferenceProfileIdentifier: identifier }),
    call,
  );
  return fromProfileSummary(answer, new Map());
}
