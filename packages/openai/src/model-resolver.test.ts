import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { type DiscoveredModel, getModelCapabilities, resolveModelId } from '@bedrock-bridge/models';
import { describe, expect, it } from 'vitest';
import { createModelResolver } from './model-resolver.js';

const HAIKU3 = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET4 = 'anthropic.claude-sonnet-4-20250514-v1:0';

/** Haiku 3 as a discovery lists it, on demand or through profiles only. */
function haiku(onDemand: boolean): DiscoveredModel {
  return {
    id: HAIKU3,
    name: 'Claude 3 Haiku',
    resourceType: 'foundation-model',
    kind: 'foundation-model',
    arn: `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU3}`,
    provider: 'anthropic',
    providerName: 'Anthropic',
    foundationModelId: HAIKU3,
    profilePrefix: undefined,
    inputModalities: ['TEXT'],
    outputModalities: ['TEXT'],
    streaming: true,
    onDemand,
    inferenceTypes: onDemand ? ['ON_DEMAND'] : ['INFERENCE_PROFILE'],
    contextLength: 200_000,
    capabilities: getModelCapabilities(HAIKU3),
  };
}

describe('createModelResolver', () => {
  it('answers what resolveModelId answers, worked out once per id, region and list', () => {
    const resolve = createModelResolver();
    for (const id of [HAIKU3, SONNET4]) {
      for (const region of ['us-east-1', 'eu-west-1', 'ap-northeast-1']) {
        const first = resolve(id, { region });
        expect(first).toEqual(resolveModelId(id, { region }));
        expect(resolve(id, { region })).toBe(first);
      }
    }
    expect(resolve(SONNET4, { region: 'us-east-1' }).modelId).not.toBe(
      resolve(SONNET4, { region: 'eu-west-1' }).modelId,
    );
  });

  it('resolves again against a new discovered list (a refresh), not the last one', () => {
    const resolve = createModelResolver();
    const before = [haiku(true)];
    const after = [haiku(true)];
    const offline = resolve(HAIKU3, { region: 'us-east-1' });
    const listed = resolve(HAIKU3, { region: 'us-east-1', discovered: before });
    expect(offline.offline).toBe(true);
    expect(listed).toEqual(resolveModelId(HAIKU3, { region: 'us-east-1', discovered: before }));
    expect(listed.offline).toBe(false);
    const refreshed = resolve(HAIKU3, { region: 'us-east-1', discovered: after });
    expect(refreshed).not.toBe(listed);
    expect(refreshed).toEqual(listed);
    // A refresh that says the model is profile-only now (and lists no profile) is answered anew.
    const changed = [haiku(false)];
    const failures = [resolveModelId, resolve].map((resolver) => {
      try {
        return resolver(HAIKU3, { region: 'us-east-1', discovered: changed });
      } catch (err) {
        return BedrockBridgeError.is(err) ? err.kind : err;
      }
    });
    expect(failures[1]).toEqual(failures[0]);
    expect(failures[1]).not.toEqual(listed);
  });

  it('throws on every call for an id that does not resolve (failures are not kept)', () => {
    const resolve = createModelResolver();
    for (let i = 0; i < 2; i += 1) {
      let caught: unknown;
      try {
        resolve('arn:aws:bedrock:nonsense', { region: 'us-east-1' });
      } catch (err) {
        caught = err;
      }
      expect(BedrockBridgeError.is(caught) && caught.kind).toBe('validation');
    }
  });

  it('belongs to its instance: two resolvers share nothing', () => {
    const one = createModelResolver();
    const other = createModelResolver();
    const first = one(SONNET4, { region: 'us-east-1' });
    expect(one(SONNET4, { region: 'us-east-1' })).toBe(first);
    const second = other(SONNET4, { region: 'us-east-1' });
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
  });
});
