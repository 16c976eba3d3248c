import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServeFlags } from '../program.js';
import { modelAliases } from './alias-backend.js';
import { applyConfig } from './apply-config.js';
import { loadGatewayConfig, parseGatewayConfig } from './gateway-config.js';

const dir = mkdtempSync(join(tmpdir(), 'bb-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('the config file', () => {
  it('reads YAML and JSON alike', () => {
    const yaml = loadGatewayConfig(
      file(
        'gateway.yaml',
        [
          'port: 9000',
          'apiKeys: [sk-one, sk-two]',
          'upstreams:',
          '  - { region: us-east-1, weight: 2 }',
          '  - region: eu-west-1',
          '    profile: prod-eu',
          'circuit: { failureThreshold: 5, cooldownMs: 20000 }',
          'aliases:',
          '  gpt-4o-mini: amazon.nova-lite-v1:0',
          '  gpt-4o:',
          '    model: anthropic.claude-sonnet-4-20250514-v1:0',
          '    defaults: { temperature: 0.2, max_tokens: 1024 }',
        ].join('\n'),
      ),
    );
    const json = loadGatewayConfig(file('gateway.json', JSON.stringify(yaml)));
    expect(json).toEqual(yaml);
    expect(yaml.upstreams?.[1]).toEqual({ region: 'eu-west-1', profile: 'prod-eu' });
    expect(modelAliases(yaml.aliases).get('gpt-4o')).toEqual({
      model: 'anthropic.claude-sonnet-4-20250514-v1:0',
      defaults: { temperature: 0.2, max_tokens: 1024 },
    });
    expect(modelAliases(yaml.aliases).get('gpt-4o-mini')).toEqual({
      model: 'amazon.nova-lite-v1:0',
      defaults: {},
    });
  });

  it.each([
    [{ upstreams: [{ region: 'us-east-1', weight: -1 }] }, /^config: upstreams\[0\]\.weight: /],
    [
      { upstreams: [{ region: 'us-east-1', secret: 'x' }] },
      /^config: upstreams\[0\]\.secret: unknown key/,
    ],
    [
      { aliases: { 'gpt-4o': { model: 'x', defaults: { temperature: 9 } } } },
      /^config: aliases\["gpt-4o"\]/,
    ],
    [{ redis: 'http://localhost' }, /^config: redis: expected a redis:\/\//],
    [{ prot: 8080 }, /^config: prot: unknown key/],
    [{ parameterPolicy: 'lenient' }, /^config: parameterPolicy: /],
    [{ apiKeys: [] }, /^config: apiKeys: /],
  ])('names the key at fault: %j', (data, message) => {
    expect(() => parseGatewayConfig(data)).toThrow(message);
  });

  it('says which file is unreadable or malformed', () => {
    expect(() => loadGatewayConfig(join(dir, 'absent.yaml'))).toThrow(
      /absent\.yaml: cannot read it/,
    );
    expect(() => loadGatewayConfig(file('bad.json', '{ port: '))).toThrow(
      /bad\.json: not valid JSON/,
    );
    expect(() => loadGatewayConfig(file('bad.yaml', 'port: [1, 2'))).toThrow(
      /bad\.yaml: not valid YAML/,
    );
  });
});

describe('applyConfig', () => {
  const flags = {
    port: 8080,
    host: '127.0.0.1',
    bodyLimit: 1024,
    shutdownTimeout: 10_000,
  } as ServeFlags;

  it('fills in what no flag gave, and lets an explicit flag win', () => {
    const config = parseGatewayConfig({
      port: 9000,
      host: '0.0.0.0',
      maxAttempts: 5,
      parameterPolicy: 'strict',
      upstreams: [{ region: 'eu-west-1' }],
      apiKeys: ['sk-file'],
    });
    const merged = applyConfig({ ...flags, port: 7000 }, config, (flag) => flag === 'port');
    expect(merged.port).toBe(7000);
    expect(merged.host).toBe('0.0.0.0');
    expect(merged.maxAttempts).toBe(5);
    expect(merged.params).toBe('strict');
    expect(merged.upstream).toEqual([{ region: 'eu-west-1' }]);
    expect(merged.apiKeys).toEqual(['sk-file']);
    // --region on the command line replaces the file's upstreams
    expect(applyConfig(flags, config, (flag) => flag === 'region').upstream).toBeUndefined();
  });
});
