import { describe, expect, it } from 'vitest';
import { parseUpstreamFlag } from './parse-upstream-flag.js';

describe('parseUpstreamFlag', () => {
  it('reads a region and its keys', () => {
    expect(parseUpstreamFlag('eu-west-1')).toEqual({ region: 'eu-west-1' });
    expect(
      parseUpstreamFlag(
        'us-east-1, name=primary,endpoint=http://127.0.0.1:4000,profile=prod,weight=2.5',
      ),
    ).toEqual({
      region: 'us-east-1',
      name: 'primary',
      endpoint: 'http://127.0.0.1:4000',
      profile: 'prod',
      weight: 2.5,
    });
  });

  it.each([
    ['', /REGION/],
    ['weight=2', /REGION/],
    ['us-east-1,weight', /key=value/],
    ['us-east-1,weight=0', /weight "0"/],
    ['us-east-1,weight=x', /weight "x"/],
    ['us-east-1,endpoint=not a url', /endpoint/],
    ['us-east-1,secret=abc', /unknown key "secret"/],
  ])('rejects %j, naming the part at fault', (value, message) => {
    expect(() => parseUpstreamFlag(value)).toThrow(message);
  });
});
