import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Environment variables as a plain record. */
export type Env = Record<string, string | undefined>;

function home(env: Env): string {
  return env.HOME ?? env.USERPROFILE ?? homedir();
}

/** Path of the shared config file (`AWS_CONFIG_FILE`, default `~/.aws/config`). */
export function sharedConfigPath(env: Env): string {
  return env.AWS_CONFIG_FILE ?? join(home(env), '.aws', 'config');
}

/** Path of the shared credentials file (`AWS_SHARED_CREDENTIALS_FILE`, default `~/.aws/credentials`). */
export function sharedCredentialsPath(env: Env): string {
  return env.AWS_SHARED_CREDENTIALS_FILE ?? join(home(env), '.aws', 'credentials');
}

/** The profile in effect: explicit, then `AWS_PROFILE`, then `default`. */
export function profileName(env: Env, explicit?: string): string {
  return explicit ?? env.AWS_PROFILE ?? 'default';
}

/**
 * Parses an AWS INI file into sections (synchronously, no network). Nested sub-sections (indented
 * lines) and comments are skipped. A missing or unreadable file yields an empty map.
 */
export function readIniFile(path: string): Map<string, Record<string, string>> {
  const sections = new Map<string, Record<string, string>>();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return sections;
  }
  let current: Record<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s/.test(raw)) continue; // continuation of a nested property
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header?.[1] !== undefined) {
      const name = header[1].trim().replace(/\s+/g, ' ');
      current = sections.get(name) ?? {};
      sections.set(name, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (current === undefined || eq <= 0) continue;
    current[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  }
  return sections;
}

/** The named profile's section of the shared config file (`[default]` or `[profile name]`). */
export function configProfile(env: Env, profile: string): Record<string, string> | undefined {
  const sections = readIniFile(sharedConfigPath(env));
  return profile === 'default'
    ? (sections.get('default') ?? sections.get('profile default'))
    : sections.get(`profile ${profile}`);
}

/** The named profile's section of the shared credentials file. */
export function credentialsProfile(env: Env, profile: string): Record<string, string> | undefined {
  return readIniFile(sharedCredentialsPath(env)).get(profile);
}
