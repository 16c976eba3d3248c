import { describe, expect, it } from 'vitest';
import { warningsHeader } from './warnings-header.js';

describe('warningsHeader', () => {
  it('lists dropped fields first, then each warning, joined by "; "', () => {
    expect(
      warningsHeader({ dropped: ['temperature', 'top_p'], warnings: ['temperature 1.5 clamped.'] }),
    ).toBe('dropped: temperature, top_p; temperature 1.5 clamped.');
    expect(warningsHeader({ dropped: [], warnings: ['a', 'b'] })).toBe('a; b');
  });

  it('keeps every entry header-safe: no separator inside an entry, printable ASCII only', () => {
    const value = warningsHeader({ dropped: [], warnings: ['x; y — z\nw'] });
    expect(value).toBe('x, y z w');
    expect(() => new Headers({ 'x-bedrock-bridge-warnings': value })).not.toThrow();
  });
});
