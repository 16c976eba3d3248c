import type { Catalogue, CatalogueModel, CatalogueProfile } from '@bedrock-bridge/emulator';
import { createTransport, type Transport } from '@bedrock-bridge/transport';

export const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

/** A transport pointed at an emulator; one attempt per call so fault tests stay short. */
export function emulatorTransport(url: string, region = 'us-east-1', maxAttempts = 1): Transport {
  return createTransport({
    region,
    endpoint: url,
    credentials,
    env: {},
    retry: { maxAttempts, baseDelayMs: 1, maxDelayMs: 5 },
    timeouts: { connectMs: 5000, firstByteMs: 10_000, idleMs: 10_000, totalMs: 20_000 },
  });
}

/**
 * A catalogue of `models` synthetic chat models in us-east-1, half of them profile-only, with a
 * `us.` profile for every model and a `global.` profile for every fourth one.
 */
export function bigCatalogue(models: number): Catalogue {
  const list: CatalogueModel[] = [];
  const profiles: CatalogueProfile[] = [];
  const regions = ['us-east-1', 'us-west-2'];
  for (let i = 0; i < models; i++) {
    const id = `acme.model-${String(i).padStart(4, '0')}-v1:0`;
    const onDemand = i % 2 === 0;
    list.push({
      modelId: id,
      modelName: `Acme Model ${i}`,
      providerName: 'Acme',
      inputModalities: ['TEXT'],
      outputModalities: ['TEXT'],
      responseStreamingSupported: true,
      customizationsSupported: [],
      inferenceTypesSupported: onDemand ? ['ON_DEMAND'] : ['INFERENCE_PROFILE'],
      modelLifecycle: { status: 'ACTIVE' },
      regions,
      contextWindow: 32_000,
      maxOutputTokens: 4096,
      reasoning: 'none',
    });
    const prefixes = i % 4 === 0 ? ['us', 'global'] : ['us'];
    for (const prefix of prefixes) {
      profiles.push({
        inferenceProfileId: `${prefix}.${id}`,
        inferenceProfileName: `${prefix.toUpperCase()} Acme Model ${i}`,
        modelId: id,
        regions,
        destinationRegions: regions,
      });
    }
  }
  return { accountId: '123456789012', models: list, inferenceProfiles: profiles };
}
