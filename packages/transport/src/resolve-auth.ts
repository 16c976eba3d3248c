import { createHash } from 'node:crypto';
import {
  configProfile,
  credentialsProfile,
  type Env,
  profileName,
  sharedConfigPath,
  sharedCredentialsPath,
} from './shared-config.js';
import type { TransportCredentials } from './transport-options.js';

/** Where the identity of calls comes from. */
export type AuthSource =
  | 'credentials'
  | 'bearer-token'
  | 'environment'
  | 'profile'
  | 'web-identity'
  | 'container'
  | 'default-chain';

/** Which identity is active, described without any secret. */
export interface ResolvedAuth {
  source: AuthSource;
  /** One line for humans; never contains a secret key, session token or bearer token. */
  description: string;
}

/** Explicit values that take precedence over the environment. */
export interface ResolveAuthOptions {
  /**
   * Static credentials (source `credentials`). Default: `AWS_ACCESS_KEY_ID` /
   * `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN` (source `environment`), else the default chain.
   */
  credentials?: TransportCredentials;
  /** Bedrock API key (source `bearer-token`); wins over credentials. Default: `AWS_BEARER_TOKEN_BEDROCK`. */
  token?: string;
  /** Shared config/credentials profile. Default: `AWS_PROFILE`, then `default`. */
  profile?: string;
}

/** What the transport needs to build clients (internal: holds secrets). */
export interface AuthSettings {
  info: ResolvedAuth;
  credentials?: TransportCredentials;
  token?: string;
  profile?: string;
  /** Identity for pool keys: an access key id or a hash, never a secret. */
  identity: string;
  /** Secret strings to scrub from any text we emit. */
  secrets: string[];
}

/** `AKIA…WXYZ`: enough to recognise a key id, not the whole of it. */
export function maskKeyId(keyId: string): string {
  return keyId.length <= 8 ? `${keyId.slice(0, 2)}…` : `${keyId.slice(0, 4)}…${keyId.slice(-4)}`;
}

function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);
}

function present(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

/** Resolves the auth settings, secrets included; `resolveAuth` is the public, secret-free view. */
export function resolveAuthSettings(env: Env, options: ResolveAuthOptions = {}): AuthSettings {
  const token = options.token ?? env.AWS_BEARER_TOKEN_BEDROCK;
  if (present(token)) {
    const from = options.token !== undefined ? 'the token option' : 'AWS_BEARER_TOKEN_BEDROCK';
    return {
      info: { source: 'bearer-token', description: `Bedrock API key (bearer token) from ${from}` },
      token,
      identity: `bearer:${digest(token)}`,
      secrets: [token],
    };
  }
  const explicit = options.credentials;
  if (explicit !== undefined) {
    return withKeys('credentials', 'the credentials option', explicit);
  }
  const explicitProfile = options.profile ?? env.AWS_PROFILE;
  const id = env.AWS_ACCESS_KEY_ID;
  const secret = env.AWS_SECRET_ACCESS_KEY;
  if (explicitProfile === undefined && present(id) && present(secret)) {
    const credentials: TransportCredentials = { accessKeyId: id, secretAccessKey: secret };
    if (present(env.AWS_SESSION_TOKEN)) credentials.sessionToken = env.AWS_SESSION_TOKEN;
    return withKeys('environment', 'AWS_ACCESS_KEY_ID', credentials);
  }
  const profile = profileName(env, options.profile);
  const cfg = configProfile(env, profile);
  const creds = credentialsProfile(env, profile);
  if (cfg !== undefined || creds !== undefined) {
    const kind = describeProfile({ ...cfg, ...creds });
    const where = creds !== undefined ? sharedCredentialsPath(env) : sharedConfigPath(env);
    return {
      info: { source: 'profile', description: `profile "${profile}" (${kind}) from ${where}` },
      profile,
      identity: `profile:${profile}:${digest(where)}`,
      secrets: [],
    };
  }
  if (present(env.AWS_WEB_IDENTITY_TOKEN_FILE) && present(env.AWS_ROLE_ARN)) {
    return chain(
      'web-identity',
      `web identity token file for role ${env.AWS_ROLE_ARN}`,
      `wi:${env.AWS_ROLE_ARN}`,
    );
  }
  const containerUri =
    env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ?? env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  if (present(containerUri)) {
    return chain('container', 'container credentials endpoint', 'container');
  }
  return chain(
    'default-chain',
    'AWS SDK default provider chain (SSO, process, instance metadata), resolved at the first call',
    'default',
  );
}

function withKeys(
  source: 'credentials' | 'environment',
  from: string,
  credentials: TransportCredentials,
): AuthSettings {
  const session = credentials.sessionToken !== undefined ? ' with a session token' : '';
  const secrets = [credentials.secretAccessKey];
  if (credentials.sessionToken !== undefined) secrets.push(credentials.sessionToken);
  return {
    info: {
      source,
      description: `access key ${maskKeyId(credentials.accessKeyId)}${session} from ${from}`,
    },
    credentials,
    identity: `keys:${credentials.accessKeyId}:${digest(credentials.secretAccessKey, credentials.sessionToken ?? '')}`,
    secrets: secrets.filter((s) => s.length > 0),
  };
}

function chain(source: AuthSource, description: string, identity: string): AuthSettings {
  return { info: { source, description }, identity, secrets: [] };
}

function describeProfile(section: Record<string, string>): string {
  if (section.aws_access_key_id !== undefined) {
    return `access key ${maskKeyId(section.aws_access_key_id)}`;
  }
  if (section.sso_session !== undefined || section.sso_start_url !== undefined) return 'SSO';
  if (section.role_arn !== undefined) return `role ${section.role_arn}`;
  if (section.credential_process !== undefined) return 'credential_process';
  return 'no keys in the file; resolved by the SDK';
}

/**
 * Says which identity calls will use (explicit credentials, bearer token, environment keys,
 * profile, web identity, container, or the SDK's default chain) without revealing any secret.
 * Synchronous; reads local files only; never touches the network.
 */
export function resolveAuth(
  env: Env = process.env,
  options: ResolveAuthOptions = {},
): ResolvedAuth {
  return resolveAuthSettings(env, options).info;
}
