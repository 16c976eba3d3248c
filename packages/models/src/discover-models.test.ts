import {
  type Catalogue,
  defaultCatalogue,
  type Emulator,
  startEmulator,
} from '@bedrock-bridge/emulator';
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import type { Transport } from '@bedrock-bridge/transport';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeInferenceProfile } from './describe-inference-profile.js';
import { type DiscoverModelsOptions, DiscoveryCache, discoverModels } from './discover-models.js';
import type { DiscoveredModel } from './discovered-model.js';
import { resolveModelId } from './resolve-model-id.js';
import { bigCatalogue, credentials, emulatorTransport } from './test-support/emulator-setup.js';

const HAIKU3 = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET4 = 'anthropic.claude-sonnet-4-20250514-v1:0';
const SONNET45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';

const opened: { emulators: Emulator[]; transports: Transport[] } = {
  emulators: [],
  transports: [],
};

afterEach(async () => {
  await Promise.all(opened.transports.splice(0).map((t) => t.close()));
  await Promise.all(opened.emulators.splice(0).map((e) => e.close()));
});

async function setup(catalogue?: Catalogue, region = 'us-east-1') {
  const emulator = await startEmulator(catalogue === undefined ? {} : { catalogue });
  opened.emulators.push(emulator);
  const transport = emulatorTransport(emulator.url, region);
  opened.transports.push(transport);
  const controlRequests = (path: string) =>
    emulator.requests.filter((r) => r.operation === 'control' && r.path.startsWith(path)).length;
  return { emulator, transport, controlRequests };
}

function ids(models: readonly DiscoveredModel[]): string[] {
  return models.map((m) => m.id);
}

describe('discoverModels against the emulator control plane', () => {
  it('lists active, streaming, text models and every profile, with facts, global first', async () => {
    const { transport } = await setup();
    const models = await discoverModels({ transport });
    const list = ids(models);

    expect(list).toContain(HAIKU3);
    expect(list).toContain(`us.${SONNET4}`);
    // Real Bedrock semantics: embedding and image models are not chat models; LEGACY is dropped
    // together with its profiles; profiles of another geography are not listed in us-east-1.
    expect(list).not.toContain('amazon.titan-embed-text-v2:0');
    expect(list).not.toContain('cohere.embed-english-v3');
    expect(list.some((id) => id.includes('claude-3-5-sonnet-20241022'))).toBe(false);
    expect(list).not.toContain(`eu.${SONNET4}`);
    expect(new Set(list.map((id) => id.toLowerCase())).size).toBe(list.length);

    const firstOther = models.findIndex((m) => m.profilePrefix !== 'global');
    expect(firstOther).toBeGreaterThan(0);
    expect(models.slice(firstOther).every((m) => m.profilePrefix !== 'global')).toBe(true);
    const rest = models.slice(firstOther).map((m) => m.name.toLowerCase());
    expect(rest).toEqual([...rest].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    const haiku = models.find((m) => m.id === HAIKU3);
    expect(haiku).toMatchObject({
      resourceType: 'foundation-model',
      provider: 'anthropic',
      providerName: 'Anthropic',
      onDemand: true,
      streaming: true,
      contextLength: 200_000,
      outputModalities: ['TEXT'],
    });
    expect(haiku?.kind, 'the deprecated alias').toBe('foundation-model');
    const sonnet = models.find((m) => m.id === SONNET4);
    expect(sonnet?.onDemand).toBe(false);
    const profile = models.find((m) => m.id === `us.${SONNET4}`);
    expect(profile).toMatchObject({
      resourceType: 'inference-profile',
      profilePrefix: 'us',
      foundationModelId: SONNET4,
      provider: 'anthropic',
      onDemand: true,
      contextLength: 200_000,
    });
    expect(profile?.capabilities.reasoning).toBe('anthropic-thinking');
    expect(profile?.inputModalities).toEqual(sonnet?.inputModalities);
  });

  it('feeds resolveModelId: profile-only models go to the listed profile of the geography', async () => {
    const eu = await setup(undefined, 'eu-west-1');
    const euModels = await discoverModels({ transport: eu.transport });
    expect(resolveModelId(SONNET4, { region: 'eu-west-1', discovered: euModels })).toMatchObject({
      modelId: `eu.${SONNET4}`,
      via: 'profile',
      offline: false,
    });
    // Nova Pro is on-demand only in us-east-1 in this catalogue: in eu-west-1 it takes eu.
    expect(
      resolveModelId('amazon.nova-pro-v1:0', { region: 'eu-west-1', discovered: euModels }).modelId,
    ).toBe('eu.amazon.nova-pro-v1:0');
    expect(resolveModelId(HAIKU3, { region: 'eu-west-1', discovered: euModels }).via).toBe('as-is');

    const tokyo = await setup(undefined, 'ap-northeast-1');
    const apModels = await discoverModels({ transport: tokyo.transport });
    // No jp. profile is listed there, so apac. is next.
    expect(
      resolveModelId(SONNET45, { region: 'ap-northeast-1', discovered: apModels }).modelId,
    ).toBe(`apac.${SONNET45}`);

    const us = await setup();
    const usModels = await discoverModels({ transport: us.transport });
    expect(
      resolveModelId('amazon.nova-pro-v1:0', { region: 'us-east-1', discovered: usModels }),
    ).toMatchObject({
      modelId: 'amazon.nova-pro-v1:0',
      via: 'as-is',
    });
    // Opus 4.1 has only a us. profile: from us-east-1 that is the one.
    expect(
      resolveModelId('anthropic.claude-opus-4-1-20250805-v1:0', {
        region: 'us-east-1',
        discovered: usModels,
      }).modelId,
    ).toBe('us.anthropic.claude-opus-4-1-20250805-v1:0');
  });

  it('resolves to the jp., au., ca. profile a region lists, and to global. where it lists no other', async () => {
    const catalogue: Catalogue = structuredClone(defaultCatalogue);
    const regions = ['ap-northeast-1', 'ap-southeast-2', 'ca-central-1', 'sa-east-1'];
    const profile = (id: string, inRegions: string[]) => ({
      inferenceProfileId: id,
      inferenceProfileName: id,
      modelId: SONNET45,
      regions: inRegions,
      destinationRegions: inRegions,
      status: 'ACTIVE',
      type: 'SYSTEM_DEFINED' as const,
    });
    const sonnet = catalogue.models.find((m) => m.modelId === SONNET45);
    if (sonnet === undefined) throw new Error('the default catalogue lost Sonnet 4.5');
    sonnet.regions.push(...regions.filter((r) => !sonnet.regions.includes(r)));
    catalogue.inferenceProfiles.push(
      profile(`jp.${SONNET45}`, ['ap-northeast-1']),
      profile(`au.${SONNET45}`, ['ap-southeast-2']),
      profile(`ca.${SONNET45}`, ['ca-central-1']),
    );
    const global = catalogue.inferenceProfiles.find(
      (p) => p.inferenceProfileId === `global.${SONNET45}`,
    );
    if (global === undefined) throw new Error('the default catalogue lost global. Sonnet 4.5');
    global.regions.push(...regions.filter((r) => !global.regions.includes(r)));

    const emulator = await startEmulator({ catalogue });
    opened.emulators.push(emulator);
    const resolved: Record<string, string> = {};
    for (const region of regions) {
      const transport = emulatorTransport(emulator.url, region);
      opened.transports.push(transport);
      const discovered = await discoverModels({ transport });
      const r = resolveModelId(SONNET45, { region, discovered });
      expect(r).toMatchObject({ via: 'profile', offline: false });
      resolved[region] = r.modelId;
    }
    expect(resolved).toEqual({
      'ap-northeast-1': `jp.${SONNET45}`, // the country profile before apac.
      'ap-southeast-2': `au.${SONNET45}`,
      'ca-central-1': `ca.${SONNET45}`,
      'sa-east-1': `global.${SONNET45}`, // no geography of its own listed
    });
    // Each resolved id is what the runtime of that region accepts.
    for (const region of regions) {
      const transport = emulatorTransport(emulator.url, region);
      opened.transports.push(transport);
      const answer = await transport.converse({
        modelId: resolved[region],
        messages: [{ role: 'user', content: [{ text: 'hello' }] }],
      });
      expect(answer.stopReason).toBe('end_turn');
    }
  });

  it('filters by provider name or id prefix, any case, and caches each filter apart', async () => {
    const { transport, controlRequests } = await setup();
    const cache = new DiscoveryCache();
    const meta = await discoverModels({ transport, cache, providers: ['Meta'] });
    expect(meta.length).toBeGreaterThan(0);
    expect(meta.every((m) => m.provider === 'meta')).toBe(true);
    expect(ids(meta)).toContain('us.meta.llama4-scout-17b-instruct-v1:0');
    const two = await discoverModels({ transport, cache, providers: ['anthropic', 'DEEPSEEK'] });
    expect(new Set(two.map((m) => m.provider))).toEqual(new Set(['anthropic', 'deepseek']));
    expect(controlRequests('/foundation-models')).toBe(2);
    await discoverModels({ transport, cache, providers: ['meta'] });
    expect(controlRequests('/foundation-models')).toBe(2);
    // Without a cache nothing is kept: every call asks the control plane.
    await discoverModels({ transport, providers: ['meta'] });
    expect(controlRequests('/foundation-models')).toBe(3);
  });

  it('reads every page of ListInferenceProfiles', async () => {
    const { transport, controlRequests } = await setup(bigCatalogue(200));
    const models = await discoverModels({ transport, pageSize: 40 });
    // 200 models + 200 us. profiles + 50 global. profiles = 250 profiles = 7 pages of 40.
    expect(controlRequests('/inference-profiles')).toBe(7);
    expect(models).toHaveLength(450);
    expect(models.slice(0, 50).every((m) => m.profilePrefix === 'global')).toBe(true);
    const r = resolveModelId('acme.model-0001-v1:0', { region: 'us-east-1', discovered: models });
    expect(r).toMatchObject({ modelId: 'us.acme.model-0001-v1:0', via: 'profile', offline: false });
  });

  it('serves the cached list within the TTL and refetches after it (injected clock)', async () => {
    const { transport, controlRequests } = await setup();
    let clock = 1_000_000;
    const options: DiscoverModelsOptions = {
      transport,
      cache: new DiscoveryCache(),
      ttlMs: 60_000,
      now: () => clock,
    };
    const first = await discoverModels(options);
    expect(controlRequests('/')).toBe(2);
    clock += 59_999;
    expect(await discoverModels(options)).toBe(first);
    expect(controlRequests('/')).toBe(2);
    clock += 1;
    const second = await discoverModels(options);
    expect(controlRequests('/')).toBe(4);
    expect(second).not.toBe(first);
    expect(ids(second)).toEqual(ids(first));
  });

  it('shares one in-flight request among concurrent callers', async () => {
    const { emulator, transport, controlRequests } = await setup();
    emulator.inject({ type: 'slow-first-byte', delayMs: 200, operation: 'control' });
    const cache = new DiscoveryCache();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => discoverModels({ transport, cache })),
    );
    expect(controlRequests('/foundation-models')).toBe(1);
    expect(controlRequests('/inference-profiles')).toBe(1);
    for (const r of results) expect(r).toBe(results[0]);
  });

  it('with no good list, a failure rejects with a classified error, and is not cached', async () => {
    const { emulator, transport } = await setup();
    emulator.inject({ type: 'access-denied', operation: 'control' });
    const cache = new DiscoveryCache();
    let caught: unknown;
    try {
      await discoverModels({ transport, cache });
    } catch (err) {
      caught = err;
    }
    expect(BedrockBridgeError.is(caught)).toBe(true);
    expect((caught as BedrockBridgeError).kind).toBe('access_denied');
    const models = await discoverModels({ transport, cache });
    expect(models.length).toBeGreaterThan(10);
  });

  it('a failure in the profile listing fails the refresh too (never a partial list)', async () => {
    const { emulator, transport } = await setup(bigCatalogue(10));
    // The model listing is the first control request, the profile listing the second.
    emulator.inject({ type: 'slow-first-byte', delayMs: 1, operation: 'control' });
    emulator.inject({ type: 'internal-server', operation: 'control' });
    await expect(discoverModels({ transport })).rejects.toMatchObject({ kind: expect.any(String) });
    expect(
      emulator.requests.filter((r) => r.operation === 'control').map((r) => r.path.split('?')[0]),
    ).toEqual(['/foundation-models', '/inference-profiles']);
  });

  it('with a good list, a failed refresh serves it, reports through the hook, and waits before retrying', async () => {
    const { emulator, transport, controlRequests } = await setup();
    let clock = 0;
    const reports: { error: BedrockBridgeError; staleForMs: number; models: number }[] = [];
    const options: DiscoverModelsOptions = {
      transport,
      cache: new DiscoveryCache(),
      ttlMs: 1000,
      retryAfterFailureMs: 500,
      now: () => clock,
      onRefreshError: (error, info) => reports.push({ error, ...info }),
    };
    const good = await discoverModels(options);
    clock = 1500;
    emulator.inject({ type: 'service-unavailable', operation: 'control', times: 5 });
    const served = await discoverModels(options);
    expect(served).toBe(good);
    expect(reports).toHaveLength(1);
    expect(BedrockBridgeError.is(reports[0]?.error)).toBe(true);
    expect(reports[0]?.error.retryable).toBe(true);
    expect(reports[0]).toMatchObject({ staleForMs: 1500, models: good.length });
    const afterFailure = controlRequests('/');
    clock = 1900;
    expect(await discoverModels(options)).toBe(good);
    expect(controlRequests('/')).toBe(afterFailure);
    emulator.clearFaults();
    clock = 2100;
    const fresh = await discoverModels(options);
    expect(fresh).not.toBe(good);
    expect(controlRequests('/')).toBe(afterFailure + 2);
    expect(reports).toHaveLength(1);
  });

  it('keeps caches apart per transport and per region', async () => {
    const a = await setup(bigCatalogue(4));
    const b = await setup();
    const cache = new DiscoveryCache();
    const fromA = await discoverModels({ transport: a.transport, cache });
    const fromB = await discoverModels({ transport: b.transport, cache });
    expect(fromA.every((m) => m.provider === 'acme')).toBe(true);
    expect(fromB.some((m) => m.provider === 'anthropic')).toBe(true);
    const westTransport = emulatorTransport(b.emulator.url, 'us-west-2');
    opened.transports.push(westTransport);
    const west = await discoverModels({ transport: westTransport, cache });
    expect(ids(west)).not.toEqual(ids(fromB));
    expect(await discoverModels({ transport: b.transport, cache, region: 'us-east-1' })).toBe(
      fromB,
    );
  });

  it("refuses a region that is not the transport's, instead of caching a wrong list", async () => {
    const { transport, controlRequests } = await setup();
    const err = await discoverModels({ transport, region: 'eu-west-1' }).catch((e: unknown) => e);
    expect(BedrockBridgeError.is(err)).toBe(true);
    expect(err).toMatchObject({ kind: 'validation', param: 'region' });
    expect((err as Error).message).toContain(
      '"eu-west-1" differs from the transport\'s region "us-east-1"',
    );
    expect(controlRequests('/foundation-models')).toBe(0);
  });

  it('creates and closes its own transport when none is given', async () => {
    const emulator = await startEmulator({ region: 'eu-west-1' });
    opened.emulators.push(emulator);
    const models = await discoverModels({
      region: 'eu-west-1',
      transportOptions: { endpoint: emulator.url, credentials, env: {} },
    });
    expect(ids(models)).toContain(`eu.${SONNET4}`);
    // The server notices the closed socket a moment later: wait for it (bounded), no fixed sleep.
    await vi.waitFor(() => expect(emulator.connections.open).toBe(0), {
      timeout: 5000,
      interval: 10,
    });
  });

  it('lists application profiles on request and resolves their ARN to the model', async () => {
    const catalogue: Catalogue = structuredClone(defaultCatalogue);
    catalogue.inferenceProfiles.push({
      inferenceProfileId: 'k7x2m9q1w3e5',
      inferenceProfileName: 'team-a-sonnet',
      modelId: SONNET45,
      regions: ['us-east-1'],
      destinationRegions: ['us-east-1', 'us-east-2', 'us-west-2'],
      type: 'APPLICATION',
    });
    const { transport, controlRequests } = await setup(catalogue);
    const models = await discoverModels({ transport, applicationProfiles: true });
    expect(controlRequests('/inference-profiles')).toBe(2);
    const app = models.filter((m) => m.resourceType === 'application-profile');
    expect(app).toHaveLength(1);
    const arn = app[0]?.id as string;
    expect(arn).toMatch(/^arn:aws:bedrock:us-east-1:\d{12}:/);
    expect(resolveModelId(arn, { region: 'us-east-1', discovered: models })).toMatchObject({
      modelId: arn,
      via: 'application-profile',
      foundationModelId: SONNET45,
      offline: false,
    });
  });

  it('describeInferenceProfile asks GetInferenceProfile for the model behind a profile', async () => {
    const { transport } = await setup();
    const entry = await describeInferenceProfile({ transport, id: `global.${SONNET45}` });
    expect(entry).toMatchObject({
      resourceType: 'inference-profile',
      foundationModelId: SONNET45,
      profilePrefix: 'global',
    });
    await expect(
      describeInferenceProfile({ transport, id: 'us.acme.nothing-v1:0' }),
    ).rejects.toMatchObject({
      kind: 'model_not_found',
    });
    await expect(describeInferenceProfile({ transport, id: ' ' })).rejects.toMatchObject({
      kind: 'validation',
    });
  });

  it('rejects bad options with validation errors', async () => {
    const { transport } = await setup();
    await expect(discoverModels({ transport, ttlMs: -1 })).rejects.toMatchObject({
      kind: 'validation',
    });
    await expect(discoverModels({ transport, pageSize: 0 })).rejects.toMatchObject({
      kind: 'validation',
    });
  });
});
