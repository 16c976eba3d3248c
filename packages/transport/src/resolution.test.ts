import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveAuth, resolveAuthSettings } from './resolve-auth.js';
import { resolveEndpoints } from './resolve-endpoint.js';
import { resolveRegion } from './resolve-region.js';

const dir = mkdtempSync(join(tmpdir(), 'transport-resolution-'));
const CONFIG = join(dir, 'config');
const CREDENTIALS = join(dir, 'credentials');
const MISSING = join(dir, 'missing');
writeFileSync(
  CONFIG,
  [
    '[default]',
    'region = eu-west-1',
    '[profile work]',
    'region = ap-southeast-2',
    'role_arn = arn:aws:iam::123456789012:role/Work',
    '  ; an indented nested line is skipped',
    '[profile sso]',
    'sso_session = corp',
    '# comment',
  ].join('\n'),
);
writeFileSync(
  CREDENTIALS,
  '[keys]\naws_access_key_id = AKIAPROFILEKEY1234\naws_secret_access_key = profile-secret-value\n',
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files = { AWS_CONFIG_FILE: CONFIG, AWS_SHARED_CREDENTIALS_FILE: CREDENTIALS };
const noFiles = { AWS_CONFIG_FILE: MISSING, AWS_SHARED_CREDENTIALS_FILE: MISSING };

describe('resolveRegion', () => {
  const table: Array<
    [string, Record<string, string>, { region?: string; profile?: string }, string, string]
  > = [
    [
      'explicit wins',
      { ...files, AWS_REGION: 'us-west-2' },
      { region: 'ca-central-1' },
      'ca-central-1',
      'option',
    ],
    [
      'AWS_REGION',
      { ...files, AWS_REGION: 'us-west-2', AWS_DEFAULT_REGION: 'eu-north-1' },
      {},
      'us-west-2',
      'AWS_REGION',
    ],
    [
      'AWS_DEFAULT_REGION',
      { ...files, AWS_DEFAULT_REGION: 'eu-north-1' },
      {},
      'eu-north-1',
      'AWS_DEFAULT_REGION',
    ],
    ['blank AWS_REGION is ignored', { ...files, AWS_REGION: '  ' }, {}, 'eu-west-1', 'profile'],
    ['default profile', { ...files }, {}, 'eu-west-1', 'profile'],
    ['AWS_PROFILE', { ...files, AWS_PROFILE: 'work' }, {}, 'ap-southeast-2', 'profile'],
    ['profile option', { ...files }, { profile: 'work' }, 'ap-southeast-2', 'profile'],
    ['profile without region', { ...files, AWS_PROFILE: 'sso' }, {}, 'us-east-1', 'default'],
    ['no files at all', { ...noFiles }, {}, 'us-east-1', 'default'],
  ];
  it.each(table)('%s', (_name, env, opts, region, source) => {
    expect(resolveRegion(env, opts)).toEqual({ region, source });
  });
});

describe('resolveAuth', () => {
  const table: Array<
    [string, Record<string, string>, Parameters<typeof resolveAuth>[1], string, RegExp]
  > = [
    [
      'token option',
      { ...files, AWS_ACCESS_KEY_ID: 'AKIAENV' },
      { token: 'tok-secret' },
      'bearer-token',
      /token option/,
    ],
    [
      'AWS_BEARER_TOKEN_BEDROCK',
      { ...files, AWS_BEARER_TOKEN_BEDROCK: 'tok-secret' },
      {},
      'bearer-token',
      /AWS_BEARER_TOKEN_BEDROCK/,
    ],
    [
      'explicit credentials',
      { ...files },
      { credentials: { accessKeyId: 'AKIAEXPLICIT1234', secretAccessKey: 'explicit-secret' } },
      'credentials',
      /AKIA…1234/,
    ],
    [
      'environment keys',
      {
        ...files,
        AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENT99',
        AWS_SECRET_ACCESS_KEY: 'env-secret',
        AWS_SESSION_TOKEN: 'env-session',
      },
      {},
      'environment',
      /AKIA…NT99 with a session token/,
    ],
    [
      'AWS_PROFILE beats environment keys (as in the SDK)',
      {
        ...files,
        AWS_PROFILE: 'keys',
        AWS_ACCESS_KEY_ID: 'AKIAENV',
        AWS_SECRET_ACCESS_KEY: 'env-secret',
      },
      {},
      'profile',
      /profile "keys" \(access key AKIA…1234\)/,
    ],
    [
      'profile with a role',
      { ...files, AWS_PROFILE: 'work' },
      {},
      'profile',
      /role arn:aws:iam::123456789012:role\/Work/,
    ],
    ['SSO profile', { ...files }, { profile: 'sso' }, 'profile', /SSO/],
    ['default profile in config', { ...files }, {}, 'profile', /profile "default"/],
    [
      'web identity',
      {
        ...noFiles,
        AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/token',
        AWS_ROLE_ARN: 'arn:aws:iam::1:role/R',
      },
      {},
      'web-identity',
      /role arn:aws:iam::1:role\/R/,
    ],
    [
      'container',
      { ...noFiles, AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/x' },
      {},
      'container',
      /container/,
    ],
    ['nothing local: default chain', { ...noFiles }, {}, 'default-chain', /default provider chain/],
  ];
  it.each(table)('%s', (_name, env, opts, source, description) => {
    const info = resolveAuth(env, opts);
    expect(info.source).toBe(source);
    expect(info.description).toMatch(description);
    for (const secret of [
      'tok-secret',
      'explicit-secret',
      'env-secret',
      'env-session',
      'profile-secret-value',
    ]) {
      expect(info.description).not.toContain(secret);
    }
  });

  it('pool identity never holds a secret', () => {
    const settings = resolveAuthSettings(
      {},
      { credentials: { accessKeyId: 'AKIAEXPLICIT1234', secretAccessKey: 'explicit-secret' } },
    );
    expect(settings.identity).toMatch(/^keys:AKIAEXPLICIT1234:[0-9a-f]{16}$/);
    expect(resolveAuthSettings({ AWS_BEARER_TOKEN_BEDROCK: 'tok-secret' }).identity).not.toContain(
      'tok-secret',
    );
  });
});

describe('resolveEndpoints', () => {
  it.each([
    ['nothing: AWS endpoints', {}, {}, {}],
    [
      'AWS_ENDPOINT_URL for both',
      { AWS_ENDPOINT_URL: 'http://a:1' },
      {},
      { runtime: 'http://a:1', control: 'http://a:1' },
    ],
    [
      'service-specific variables win',
      {
        AWS_ENDPOINT_URL: 'http://a:1',
        AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'http://r:2',
        AWS_ENDPOINT_URL_BEDROCK: 'http://c:3',
      },
      {},
      { runtime: 'http://r:2', control: 'http://c:3' },
    ],
    [
      'endpoint option for both',
      { AWS_ENDPOINT_URL_BEDROCK: 'http://c:3' },
      { endpoint: 'http://o:4' },
      { runtime: 'http://o:4', control: 'http://o:4' },
    ],
    [
      'controlEndpoint option',
      {},
      { endpoint: 'http://o:4', controlEndpoint: 'https://k:5' },
      { runtime: 'http://o:4', control: 'https://k:5' },
    ],
  ])('%s', (_name, env, opts, expected) => {
    expect(resolveEndpoints(env, opts)).toEqual(expected);
  });

  it('rejects a value that is not an http(s) URL, naming the option', () => {
    expect(() => resolveEndpoints({}, { endpoint: 'localhost:8080' })).toThrow(/endpoint/);
    expect(() => resolveEndpoints({ AWS_ENDPOINT_URL_BEDROCK: 'nope' })).toThrow(/controlEndpoint/);
  });
});
