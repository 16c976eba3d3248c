import { GetInferenceProfileCommand, ListInferenceProfilesCommand } from '@aws-sdk/client-bedrock';
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalogue } from './catalogue.js';
import { startEmulator } from './start-emulator.js';
import { controlClient, HAIKU, runtimeClient } from './test-support/sdk.js';
import type { Emulator } from './types.js';

const APP_ID = 'a1b2c3d4e5f6';
const APP_ARN = `arn:aws:bedrock:us-east-1:${defaultCatalogue.accountId}:application-inference-profile/${APP_ID}`;

describe('application inference profiles', () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({
      catalogue: {
        ...defaultCatalogue,
        inferenceProfiles: [
          ...defaultCatalogue.inferenceProfiles,
          {
            inferenceProfileId: APP_ID,
            inferenceProfileName: 'team-a haiku',
            modelId: HAIKU,
            regions: ['us-east-1'],
            destinationRegions: ['us-east-1'],
            type: 'APPLICATION',
          },
        ],
      },
    });
  });
  afterAll(() => emulator.close());

  it('lists them with an application-inference-profile ARN', async () => {
    const client = controlClient(emulator.url, 'http1');
    const out = await client.send(new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION' }));
    expect(out.inferenceProfileSummaries?.map((p) => p.inferenceProfileArn)).toEqual([APP_ARN]);
    client.destroy();
  });

  it('finds one by its ARN, and not by the system-profile ARN form', async () => {
    const client = controlClient(emulator.url, 'http1');
    const out = await client.send(
      new GetInferenceProfileCommand({ inferenceProfileIdentifier: APP_ARN }),
    );
    expect(out).toMatchObject({ inferenceProfileId: APP_ID, type: 'APPLICATION' });
    const wrongKind = APP_ARN.replace('application-inference-profile/', 'inference-profile/');
    await expect(
      client.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: wrongKind })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    client.destroy();
  });

  it('answers a Converse call addressed to the application profile ARN', async () => {
    const client = runtimeClient(emulator.url, 'http1');
    const out = await client.send(
      new ConverseCommand({
        modelId: APP_ARN,
        messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      }),
    );
    expect(out.stopReason).toBe('end_turn');
    expect(emulator.requests.at(-1)?.modelId).toBe(APP_ARN);
    client.destroy();
  });
});
