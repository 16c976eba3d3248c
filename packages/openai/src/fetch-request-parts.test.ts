import { describe, expect, it } from 'vitest';
import { fetchRequestParts } from './fetch-request-parts.js';

const URL_TEXT = 'http://bedrock.invalid/v1/chat/completions?trace=1';

describe('fetchRequestParts', () => {
  it('takes apart what an OpenAI client sends, reading only the headers the handler uses', () => {
    const signal = new AbortController().signal;
    const parts = fetchRequestParts(URL_TEXT, {
      method: 'post',
      body: '{"model":"m"}',
      headers: new Headers({
        'Content-Type': 'application/json',
        'X-Bedrock-Bridge-Params': 'strict',
        authorization: 'Bearer secret',
      }),
      signal,
    });
    expect(parts).toEqual({
      method: 'POST',
      pathname: '/v1/chat/completions',
      search: '?trace=1',
      headers: { 'content-type': 'application/json', 'x-bedrock-bridge-params': 'strict' },
      body: '{"model":"m"}',
      signal,
    });
  });

  it('reads headers given as a record or as pairs, case-insensitively, as Headers would', () => {
    const init = { method: 'POST', body: '{}' };
    const fromRecord = fetchRequestParts(new URL(URL_TEXT), {
      ...init,
      headers: { 'CONTENT-TYPE': ' application/json ' },
    });
    expect(fromRecord?.headers).toEqual({ 'content-type': 'application/json' });
    const fromPairs = fetchRequestParts(URL_TEXT, {
      ...init,
      headers: [
        ['x-bedrock-bridge-params', 'drop'],
        ['X-Bedrock-Bridge-Params', 'strict'],
      ],
    });
    const joined = new Headers([
      ['x-bedrock-bridge-params', 'drop'],
      ['X-Bedrock-Bridge-Params', 'strict'],
    ]).get('x-bedrock-bridge-params');
    expect(fromPairs?.headers?.['x-bedrock-bridge-params']).toBe(joined);
    expect(fetchRequestParts(URL_TEXT, init)?.headers).toEqual({});
  });

  it('leaves everything else to new Request: Request inputs, other bodies, GET, relative URLs', () => {
    const post = { method: 'POST', body: '{}' };
    expect(fetchRequestParts(new Request(URL_TEXT, post), undefined)).toBeUndefined();
    expect(
      fetchRequestParts(URL_TEXT, { method: 'POST', body: new Uint8Array(2) }),
    ).toBeUndefined();
    expect(fetchRequestParts(URL_TEXT, { body: '{}' })).toBeUndefined();
    expect(fetchRequestParts(URL_TEXT, { method: 'GET', body: '{}' })).toBeUndefined();
    expect(fetchRequestParts(URL_TEXT, { method: 'PATCH', body: '{}' })).toBeUndefined();
    expect(fetchRequestParts('/v1/chat/completions', post)).toBeUndefined();
    expect(fetchRequestParts(URL_TEXT, undefined)).toBeUndefined();
  });
});
