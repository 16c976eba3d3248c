import { describe, expect, it } from 'vitest';
import { parsePublishOutput } from './changesets-output.js';

// Recorded from `pnpm release` (changesets 2.31.1) against Verdaccio in a copy of this repo.
const mixed = `🦋  info npm info @bedrock-bridge/emulator
🦋  info npm info @bedrock-bridge/errors
🦋  warn @bedrock-bridge/emulator is not being published because version 0.0.0 is already published on npm
🦋  info @bedrock-bridge/errors is being published because our local version (0.0.1) has not been published on npm
🦋  info @bedrock-bridge/format is being published because our local version (0.0.1) has not been published on npm
🦋  info Publishing "@bedrock-bridge/errors" at "0.0.1"
🦋  info Publishing "@bedrock-bridge/format" at "0.0.1"
🦋  success packages published successfully:
🦋  @bedrock-bridge/errors@0.0.1
🦋  @bedrock-bridge/format@0.0.1
🦋  Creating git tags...
🦋  New tag:  @bedrock-bridge/errors@0.0.1
🦋  New tag:  @bedrock-bridge/format@0.0.1
`;

const nothing = `🦋  info npm info @bedrock-bridge/errors
🦋  warn @bedrock-bridge/errors is not being published because version 0.0.1 is already published on npm
🦋  warn No unpublished projects to publish
`;

describe('parsePublishOutput', () => {
  it('reads what was published and what was skipped', () => {
    const report = parsePublishOutput(mixed);
    expect(Object.fromEntries(report.publishing)).toEqual({
      '@bedrock-bridge/errors': '0.0.1',
      '@bedrock-bridge/format': '0.0.1',
    });
    expect(Object.fromEntries(report.published)).toEqual({
      '@bedrock-bridge/errors': '0.0.1',
      '@bedrock-bridge/format': '0.0.1',
    });
    expect(Object.fromEntries(report.skipped)).toEqual({ '@bedrock-bridge/emulator': '0.0.0' });
    expect(report.failed.size).toBe(0);
    expect(report.nothingToPublish).toBe(false);
  });

  it('reads a run with nothing to publish', () => {
    const report = parsePublishOutput(nothing);
    expect(report.nothingToPublish).toBe(true);
    expect(report.published.size).toBe(0);
    expect(Object.fromEntries(report.skipped)).toEqual({ '@bedrock-bridge/errors': '0.0.1' });
  });

  it('reads failures and ignores colour codes', () => {
    const report = parsePublishOutput(
      '\x1b[31m🦋  error\x1b[39m packages failed to publish:\n🦋  @bedrock-bridge/models@0.0.1\n',
    );
    expect(Object.fromEntries(report.failed)).toEqual({ '@bedrock-bridge/models': '0.0.1' });
  });

  it('throws on output it does not recognise', () => {
    expect(() => parsePublishOutput('something else entirely')).toThrow(/recognises/);
  });
});
