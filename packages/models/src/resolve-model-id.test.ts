import type { InferenceType } from '@aws-sdk/client-bedrock';
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { describe, expect, it } from 'vitest';
import type { DiscoveredModel } from './discovered-model.js';
import { fromFoundationSummary, fromProfileSummary } from './from-sdk-summary.js';
import { resolveModelId } from './resolve-model-id.js';

const SONNET4 = 'anthropic.claude-sonnet-4-20250514-v1:0';
const SONNET45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';
const HAIKU3 = 'anthropic.claude-3-haiku-20240307-v1:0';
const ACCOUNT = '123456789012';

describe('resolveModelId offline (built-in tables)', () => {
  const cases: { region: string; id: string; modelId: string; prefix: string | undefined }[] = [
    { region: 'us-east-1', id: SONNET4, modelId: `us.${SONNET4}`, prefix: 'us' },
    { region: 'us-west-2', id: SONNET4, modelId: `us.${SONNET4}`, prefix: 'us' },
    { region: 'eu-west-1', id: SONNET4, modelId: `eu.${SONNET4}`, prefix: 'eu' },
    { region: 'eu-central-1', id: SONNET45, modelId: `eu.${SONNET45}`, prefix: 'eu' },
    { region: 'ap-south-1', id: SONNET4, modelId: `apac.${SONNET4}`, prefix: 'apac' },
    // Tokyo / Sydney: the jp. / au. geography where the model has one, apac. otherwise.
    { region: 'ap-northeast-1', id: SONNET45, modelId: `jp.${SONNET45}`, prefix: 'jp' },
    { region: 'ap-northeast-1', id: SONNET4, modelId: `apac.${SONNET4}`, prefix: 'apac' },
    { region: 'ap-southeast-2', id: SONNET45, modelId: `au.${SONNET45}`, prefix: 'au' },
    { region: 'ap-southeast-2', id: SONNET4, modelId: `apac.${SONNET4}`, prefix: 'apac' },
    // Canada and South America: no geography of their own for this model, so global.
    { region: 'ca-central-1', id: SONNET45, modelId: `global.${SONNET45}`, prefix: 'global' },
    { region: 'sa-east-1', id: SONNET45, modelId: `global.${SONNET45}`, prefix: 'global' },
    { region: 'us-gov-west-1', id: SONNET45, modelId: `us-gov.${SONNET45}`, prefix: 'us-gov' },
    {
      region: 'us-east-2',
      id: 'us.deepseek.r1-v1:0'.slice(3),
      modelId: 'us.deepseek.r1-v1:0',
      prefix: 'us',
    },
    {
      region: 'eu-west-3',
      id: 'amazon.nova-2-lite-v1:0',
      modelId: 'eu.amazon.nova-2-lite-v1:0',
      prefix: 'eu',
    },
  ];

  it.each(cases)('$region: $id -> $modelId', ({ region, id, modelId, prefix }) => {
    const r = resolveModelId(id, { region });
    expect(r.modelId).toBe(modelId);
    expect(r.via).toBe('profile');
    expect(r.profilePrefix).toBe(prefix);
    expect(r.foundationModelId).toBe(id);
    expect(r.offline).toBe(true);
    expect(r.reason).toMatch(/offline|guess|built-in/);
  });

  it('keeps on-demand and unknown bare ids as-is', () => {
    const onDemand = resolveModelId(HAIKU3, { region: 'eu-west-1' });
    expect(onDemand).toMatchObject({ modelId: HAIKU3, via: 'as-is', offline: true });
    expect(onDemand.capabilities.known).toBe(true);
    const unknown = resolveModelId('acme.new-model-v1:0', { region: 'us-east-1' });
    expect(unknown).toMatchObject({ modelId: 'acme.new-model-v1:0', via: 'as-is' });
    expect(unknown.reason).toMatch(/unknown/);
    expect(unknown.capabilities.known).toBe(false);
  });

  it('uses a guess, and says so, when the table knows no profile for the geography', () => {
    const r = resolveModelId('anthropic.claude-opus-4-20250514-v1:0', { region: 'eu-west-1' });
    expect(r.modelId).toBe('eu.anthropic.claude-opus-4-20250514-v1:0');
    expect(r.reason).toMatch(/guess/);
  });

  it('keeps a provisioned-throughput context variant as-is', () => {
    const r = resolveModelId(`${HAIKU3}:200k`, { region: 'us-east-1' });
    expect(r).toMatchObject({ modelId: `${HAIKU3}:200k`, via: 'as-is' });
    expect(r.capabilities.contextWindow).toBe(200_000);
  });

  it.each(['us', 'eu', 'apac', 'ap', 'au', 'jp', 'ca', 'global', 'us-gov'])(
    'keeps a %s. profile id and names its model',
    (prefix) => {
      const id = `${prefix}.${SONNET45}`;
      const r = resolveModelId(id, { region: 'us-east-1' });
      expect(r).toMatchObject({
        modelId: id,
        via: 'profile-id',
        profilePrefix: prefix,
        foundationModelId: SONNET45,
      });
      expect(r.capabilities.matchedKey).toBe('anthropic.claude-sonnet-4-5');
    },
  );

  it('notes a profile geography the region cannot normally call', () => {
    expect(resolveModelId(`eu.${SONNET4}`, { region: 'us-east-1' }).reason).toMatch(
      /normally not callable/,
    );
    expect(resolveModelId(`us.${SONNET4}`, { region: 'us-east-1' }).reason).not.toMatch(/note/);
  });

  it('keeps every ARN form', () => {
    const fm = `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU3}`;
    expect(resolveModelId(fm, { region: 'us-east-1' })).toMatchObject({
      modelId: fm,
      via: 'arn',
      foundationModelId: HAIKU3,
    });
    const fmProfileOnly = `arn:aws:bedrock:us-east-1::foundation-model/${SONNET4}`;
    expect(resolveModelId(fmProfileOnly, { region: 'us-east-1' }).reason).toMatch(/profile-only/);

    const ip = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/global.${SONNET45}`;
    expect(resolveModelId(ip, { region: 'us-east-1' })).toMatchObject({
      modelId: ip,
      via: 'arn',
      profilePrefix: 'global',
      foundationModelId: SONNET45,
    });

    const app = `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/k7x2m9q1w3e5`;
    const offline = resolveModelId(app, { region: 'us-east-1' });
    expect(offline).toMatchObject({
      modelId: app,
      via: 'application-profile',
      foundationModelId: undefined,
      offline: true,
    });
    expect(offline.reason).toMatch(/GetInferenceProfile/);
    expect(offline.capabilities.known).toBe(false);

    const prov = `arn:aws:bedrock:us-east-1:${ACCOUNT}:provisioned-model/p9q8r7`;
    expect(resolveModelId(prov, { region: 'us-east-1' })).toMatchObject({
      modelId: prov,
      via: 'arn',
      foundationModelId: undefined,
    });
  });

  it('keeps no state: equal frozen results per (id, region, discovered list)', () => {
    const a = resolveModelId(SONNET4, { region: 'eu-west-1' });
    expect(resolveModelId(SONNET4, { region: 'eu-west-1' })).toEqual(a);
    expect(resolveModelId(SONNET4, { region: 'us-east-1' }).modelId).toBe(`us.${SONNET4}`);
    expect(Object.isFrozen(a)).toBe(true);
    const list: DiscoveredModel[] = [];
    const b = resolveModelId(SONNET4, { region: 'eu-west-1', discovered: list });
    expect(resolveModelId(SONNET4, { region: 'eu-west-1', discovered: list })).toEqual(b);
  });

  it('rejects a missing region and a malformed id with validation errors', () => {
    const kinds: string[] = [];
    for (const call of [
      () => resolveModelId(HAIKU3, { region: '' }),
      () => resolveModelId(HAIKU3, {} as { region: string }),
      () => resolveModelId('', { region: 'us-east-1' }),
      () => resolveModelId('arn:aws:bedrock:nonsense', { region: 'us-east-1' }),
    ]) {
      try {
        call();
      } catch (err) {
        if (BedrockBridgeError.is(err)) kinds.push(err.kind);
      }
    }
    expect(kinds).toEqual(['validation', 'validation', 'validation', 'validation']);
  });
});

function foundation(id: string, onDemand: boolean): DiscoveredModel {
  return fromFoundationSummary({
    modelId: id,
    modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${id}`,
    modelName: id,
    providerName: 'Anthropic',
    inputModalities: ['TEXT', 'IMAGE'],
    outputModalities: ['TEXT'],
    responseStreamingSupported: true,
    // The SDK's InferenceType enum lacks INFERENCE_PROFILE, which the service does return.
    inferenceTypesSupported: (onDemand ? ['ON_DEMAND'] : ['INFERENCE_PROFILE']) as InferenceType[],
    modelLifecycle: { status: 'ACTIVE' },
  });
}

function profile(
  id: string,
  model: string,
  type: 'SYSTEM_DEFINED' | 'APPLICATION' = 'SYSTEM_DEFINED',
  arn?: string,
): DiscoveredModel {
  return fromProfileSummary(
    {
      inferenceProfileId: id,
      inferenceProfileName: id,
      inferenceProfileArn: arn ?? `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/${id}`,
      models: [{ modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${model}` }],
      status: 'ACTIVE',
      type,
    },
    new Map(),
  );
}

describe('resolveModelId with discovery data', () => {
  it('uses ON_DEMAND from discovery even when the table says profile-only', () => {
    const discovered = [foundation(SONNET4, true)];
    expect(resolveModelId(SONNET4, { region: 'us-east-1', discovered })).toMatchObject({
      modelId: SONNET4,
      via: 'as-is',
      offline: false,
    });
  });

  it('picks the listed profile in the order jp/au -> apac -> global', () => {
    const all = [
      foundation(SONNET45, false),
      profile(`apac.${SONNET45}`, SONNET45),
      profile(`global.${SONNET45}`, SONNET45),
    ];
    const tokyo = resolveModelId(SONNET45, { region: 'ap-northeast-1', discovered: all });
    expect(tokyo).toMatchObject({ modelId: `apac.${SONNET45}`, via: 'profile', offline: false });
    const withJp = [...all, profile(`jp.${SONNET45}`, SONNET45)];
    expect(resolveModelId(SONNET45, { region: 'ap-northeast-1', discovered: withJp }).modelId).toBe(
      `jp.${SONNET45}`,
    );
    const onlyGlobal = [foundation(SONNET45, false), profile(`global.${SONNET45}`, SONNET45)];
    expect(resolveModelId(SONNET45, { region: 'eu-west-1', discovered: onlyGlobal }).modelId).toBe(
      `global.${SONNET45}`,
    );
  });

  it('throws on_demand_unsupported when discovery shows no reachable profile', () => {
    const discovered = [foundation(SONNET4, false), profile(`us.${SONNET4}`, SONNET4)];
    let caught: unknown;
    try {
      resolveModelId(SONNET4, { region: 'eu-west-1', discovered });
    } catch (err) {
      caught = err;
    }
    expect(BedrockBridgeError.is(caught) && caught.kind).toBe('on_demand_unsupported');
    expect((caught as Error).message).toMatch(/eu\., global\./);
  });

  it('falls back to the tables, and says so, for a model discovery did not list', () => {
    const r = resolveModelId(SONNET4, {
      region: 'us-east-1',
      discovered: [foundation(HAIKU3, true)],
    });
    expect(r).toMatchObject({ modelId: `us.${SONNET4}`, offline: true });
    expect(r.reason).toMatch(/not in the discovered list/);
  });

  it('resolves an application profile ARN to its model through discovery', () => {
    const arn = `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/k7x2m9q1w3e5`;
    const discovered = [profile('k7x2m9q1w3e5', SONNET45, 'APPLICATION', arn)];
    const r = resolveModelId(arn, { region: 'us-east-1', discovered });
    expect(r).toMatchObject({
      modelId: arn,
      via: 'application-profile',
      foundationModelId: SONNET45,
      offline: false,
    });
    expect(r.capabilities.matchedKey).toBe('anthropic.claude-sonnet-4-5');
  });

  it('flags a profile id that discovery does not list', () => {
    const r = resolveModelId(`us.${SONNET4}`, { region: 'us-east-1', discovered: [] });
    expect(r.offline).toBe(false);
    expect(r.reason).toMatch(/not in the discovered list/);
  });
});
