import { describe, expect, it } from 'vitest';
import { hostAllowlist, hostName } from './host-allowlist.js';

describe('hostName', () => {
  it.each([
    ['Example.COM:8080', 'example.com'],
    ['[::1]:80', '::1'],
    ['::1', '::1'],
    ['localhost.', 'localhost'],
  ])('%s -> %s', (header, name) => {
    expect(hostName(header)).toBe(name);
  });
});

describe('hostAllowlist', () => {
  it('without a key: IP literals and localhost names only, plus the listed ones', () => {
    const check = hostAllowlist(['gw.example', '*.corp.example'], false);
    for (const ok of [
      '127.0.0.1:8080',
      '10.0.0.5',
      '[::1]',
      'localhost',
      'a.localhost',
      'gw.example',
      'x.corp.example',
    ]) {
      expect(check?.(ok)).toBeUndefined();
    }
    for (const bad of ['evil.example', 'corp.example', 'gw.example.evil', 'localhost.evil']) {
      expect(check?.(bad)?.status).toBe(403);
    }
  });

  it('with a key and no list, or with *, every host passes', () => {
    expect(hostAllowlist(undefined, true)).toBeUndefined();
    expect(hostAllowlist(['*'], false)).toBeUndefined();
    expect(hostAllowlist([], true)?.('evil.example')?.status).toBe(403);
  });
});
