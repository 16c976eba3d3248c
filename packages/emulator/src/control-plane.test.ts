import {
  type BedrockClient,
  GetFoundationModelCommand,
  GetInferenceProfileCommand,
  ListFoundationModelsCommand,
  ListInferenceProfilesCommand,
} from '@aws-sdk/client-bedrock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './start-emulator.js';
import { controlClient, HANDLERS, SONNET4_US } from './test-support/sdk.js';
import type { Emulator } from './types.js';

describe.each(HANDLERS)('control plane over %s', (kind) => {
  let emulator: Emulator;
  let useast1: BedrockClient;
  let euwest1: BedrockClient;
  beforeAll(async () => {
    emulator = await startEmulator();
    useast1 = controlClient(emulator.url, kind, 'us-east-1');
    euwest1 = controlClient(emulator.url, kind, 'eu-west-1');
  });
  afterAll(async () => {
    useast1.destroy();
    euwest1.destroy();
    await emulator.close();
  });

  it('lists foundation models with the summary shape', async () => {
    const out = await useast1.send(new ListFoundationModelsCommand({}));
    const haiku = out.modelSummaries?.find(
      (m) => m.modelId === 'anthropic.claude-3-haiku-20240307-v1:0',
    );
    expect(haiku).toEqual({
      modelArn:
        'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      modelName: 'Claude 3 Haiku',
      providerName: 'Anthropic',
      inputModalities: ['TEXT', 'IMAGE'],
      outputModalities: ['TEXT'],
      responseStreamingSupported: true,
      customizationsSupported: ['FINE_TUNING'],
      inferenceTypesSupported: ['ON_DEMAND', 'INFERENCE_PROFILE', 'PROVISIONED'],
      modelLifecycle: { status: 'ACTIVE' },
    });
    const providers = new Set(out.modelSummaries?.map((m) => m.providerName));
    for (const p of ['Anthropic', 'Amazon', 'Meta', 'Mistral AI', 'DeepSeek', 'Cohere', 'OpenAI']) {
      expect(providers).toContain(p);
    }
    const sonnet4 = out.modelSummaries?.find(
      (m) => m.modelId === 'anthropic.claude-sonnet-4-20250514-v1:0',
    );
    expect(sonnet4?.inferenceTypesSupported).toEqual(['INFERENCE_PROFILE']);
  });

  it('filters by provider, output modality, inference type and customization', async () => {
    const byProvider = await useast1.send(new ListFoundationModelsCommand({ byProvider: 'meta' }));
    expect(byProvider.modelSummaries?.length).toBeGreaterThan(0);
    expect(byProvider.modelSummaries?.every((m) => m.providerName === 'Meta')).toBe(true);
    const embeddings = await useast1.send(
      new ListFoundationModelsCommand({ byOutputModality: 'EMBEDDING' }),
    );
    expect(embeddings.modelSummaries?.map((m) => m.modelId)).toContain('cohere.embed-english-v3');
    expect(embeddings.modelSummaries?.every((m) => m.outputModalities?.includes('EMBEDDING'))).toBe(
      true,
    );
    const onDemand = await useast1.send(
      new ListFoundationModelsCommand({ byInferenceType: 'ON_DEMAND' }),
    );
    expect(onDemand.modelSummaries?.map((m) => m.modelId)).not.toContain(
      'anthropic.claude-sonnet-4-20250514-v1:0',
    );
    expect(
      onDemand.modelSummaries?.every((m) => m.inferenceTypesSupported?.includes('ON_DEMAND')),
    ).toBe(true);
    const tunable = await useast1.send(
      new ListFoundationModelsCommand({ byCustomizationType: 'FINE_TUNING' }),
    );
    expect(
      tunable.modelSummaries?.every((m) => m.customizationsSupported?.includes('FINE_TUNING')),
    ).toBe(true);
    expect(tunable.modelSummaries?.length).toBeGreaterThan(0);
  });

  it('rejects an invalid filter value with a ValidationException', async () => {
    const error = await useast1
      .send(new ListFoundationModelsCommand({ byOutputModality: 'SOUND' as 'TEXT' }))
      .catch((err: unknown) => err);
    expect(error).toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('serves different models per region (eu-west-1 vs us-east-1)', async () => {
    const us = await useast1.send(new ListFoundationModelsCommand({}));
    const eu = await euwest1.send(new ListFoundationModelsCommand({}));
    const euIds = eu.modelSummaries?.map((m) => m.modelId) ?? [];
    expect(us.modelSummaries?.map((m) => m.modelId)).toContain('meta.llama3-8b-instruct-v1:0');
    expect(euIds).not.toContain('meta.llama3-8b-instruct-v1:0');
    expect(eu.modelSummaries?.[0]?.modelArn).toMatch(/^arn:aws:bedrock:eu-west-1::/);
    const euProfiles = await euwest1.send(new ListInferenceProfilesCommand({}));
    const ids = euProfiles.inferenceProfileSummaries?.map((p) => p.inferenceProfileId) ?? [];
    expect(ids.some((id) => id?.startsWith('eu.'))).toBe(true);
    expect(ids.some((id) => id?.startsWith('us.'))).toBe(false);
    expect(ids.some((id) => id?.startsWith('global.'))).toBe(true);
  });

  it('gets one foundation model by id and by ARN, 404 otherwise', async () => {
    const byId = await useast1.send(
      new GetFoundationModelCommand({ modelIdentifier: 'amazon.nova-pro-v1:0' }),
    );
    expect(byId.modelDetails?.modelName).toBe('Nova Pro');
    const arn = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0';
    const byArn = await useast1.send(new GetFoundationModelCommand({ modelIdentifier: arn }));
    expect(byArn.modelDetails?.modelArn).toBe(arn);
    const error = await useast1
      .send(new GetFoundationModelCommand({ modelIdentifier: 'amazon.nova-ultra-v9:0' }))
      .catch((err: unknown) => err);
    expect(error).toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('paginates inference profiles with maxResults and nextToken', async () => {
    const all = await useast1.send(new ListInferenceProfilesCommand({}));
    const total = all.inferenceProfileSummaries?.length ?? 0;
    expect(total).toBeGreaterThan(5);
    expect(all.nextToken).toBeUndefined();
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await useast1.send(
        new ListInferenceProfilesCommand({ maxResults: 4, nextToken }),
      );
      expect(page.inferenceProfileSummaries?.length).toBeLessThanOrEqual(4);
      seen.push(...(page.inferenceProfileSummaries?.map((p) => p.inferenceProfileId ?? '') ?? []));
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken && pages < 100);
    expect(seen).toEqual(all.inferenceProfileSummaries?.map((p) => p.inferenceProfileId));
    expect(pages).toBe(Math.ceil(total / 4));
  });

  it('filters inference profiles by type', async () => {
    const system = await useast1.send(
      new ListInferenceProfilesCommand({ typeEquals: 'SYSTEM_DEFINED' }),
    );
    expect(system.inferenceProfileSummaries?.length).toBeGreaterThan(0);
    const application = await useast1.send(
      new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION' }),
    );
    expect(application.inferenceProfileSummaries).toEqual([]);
  });

  it('gets one inference profile with its routing models, 404 otherwise', async () => {
    const out = await useast1.send(
      new GetInferenceProfileCommand({ inferenceProfileIdentifier: SONNET4_US }),
    );
    expect(out).toMatchObject({
      inferenceProfileId: SONNET4_US,
      inferenceProfileName: 'US Claude Sonnet 4',
      inferenceProfileArn: `arn:aws:bedrock:us-east-1:123456789012:inference-profile/${SONNET4_US}`,
      status: 'ACTIVE',
      type: 'SYSTEM_DEFINED',
    });
    expect(out.createdAt).toBeInstanceOf(Date);
    expect(out.models?.map((m) => m.modelArn)).toEqual([
      'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0',
      'arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0',
      'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0',
    ]);
    const error = await euwest1
      .send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: SONNET4_US }))
      .catch((err: unknown) => err);
    expect(error).toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });
});
