import { readFileSync } from 'node:fs';
import { TRANSPORT_DEFAULTS, type UpstreamOptions } from '@bedrock-bridge/transport';
import { Command, InvalidArgumentError, Option } from 'commander';
import { SERVER_LIMIT_DEFAULTS } from './server/server-limits.js';
import { parseUpstreamFlag } from './upstreams/parse-upstream-flag.js';

/** Collects repeated `--upstream` values. */
function upstreamList(value: string, previous: UpstreamOptions[] | undefined): UpstreamOptions[] {
  try {
    return [...(previous ?? []), parseUpstreamFlag(value)];
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** This app's version, from its package.json. */
function appVersion(): string {
  const url = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

function integer(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected an integer from ${min} to ${max}.`);
    }
    return n;
  };
}

/** A share from 0 to 1 (0 turns the option off). */
function share(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new InvalidArgumentError('expected a number from 0 to 1.');
  }
  return n;
}

/** An upstream deadline flag, in ms (1 ms to 1 h); absent means the transport's default. */
function upstreamMs(flags: string, description: string): Option {
  return new Option(flags, description).argParser(integer(1, 3_600_000));
}

function hostList(value: string): string[] {
  const hosts = value
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  if (hosts.length === 0) throw new InvalidArgumentError('expected a comma-separated host list.');
  return hosts;
}

/** Options every command that talks to Bedrock shares. */
export interface UpstreamFlags {
  region?: string;
  endpoint?: string;
  emulator?: boolean;
}

export interface ServeFlags extends UpstreamFlags {
  port: number;
  host: string;
  apiKey?: string;
  bodyLimit: number;
  logPrompts?: boolean;
  /** Parameter policy: `drop` (default) or `strict`. */
  params: 'drop' | 'strict';
  /** How long the reasoning returned with tool calls is remembered, in ms. */
  reasoningTtlMs?: number;
  fetchImages?: string[];
  /** Where stored Responses live when there is no Redis: a SQLite file, or `memory`. */
  store?: string;
  storeMaxMb: number;
  storeMaxAgeDays: number;
  reasoningKey?: string;
  allowedHosts?: string[];
  requestTimeout: number;
  /** Requests that call Bedrock answered at once (0: no cap). */
  maxInFlight: number;
  /** Share of the last half second the event loop may be busy before new requests are refused (0: off). */
  maxLoopBusy: number;
  shutdownTimeout: number;
  /** Upstream deadlines and attempts (the transport's defaults when absent). */
  firstByteMs?: number;
  idleMs?: number;
  textIdleMs?: number;
  totalMs?: number;
  maxAttempts?: number;
  /** Several regions or accounts behind a router (`--upstream`, repeatable). */
  upstream?: UpstreamOptions[];
  /** Shared state for replicas (`--redis redis://host:6379`). */
  redis?: string;
  /** A JSON or YAML config file; flags given explicitly win over it. */
  config?: string;
  /** Which flags were given on the command line or through their environment variable. */
  explicit?: ReadonlySet<string>;
}

export interface ChatFlags extends UpstreamFlags {
  model: string;
  system?: string;
}

export interface ModelsFlags extends UpstreamFlags {
  json?: boolean;
}

function upstream(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--region <region>',
        'AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, profile, us-east-1)',
      ),
    )
    .addOption(
      new Option(
        '--endpoint <url>',
        'any Bedrock-compatible endpoint, e.g. a running bedrock-emulator (default: the AWS endpoint of the region)',
      ),
    )
    .addOption(
      new Option(
        '--emulator',
        'start a local Bedrock emulator in-process and use it (no AWS account needed)',
      ).conflicts('endpoint'),
    );
}

/** The `bedrock-bridge` command line. Actions load their module only when they run. */
export function buildProgram(): Command {
  const program = new Command('bedrock-bridge')
    .description('An OpenAI-compatible gateway, terminal chat and demo in front of Amazon Bedrock.')
    .version(appVersion(), '-V, --version', 'print the version')
    .showHelpAfterError()
    .showSuggestionAfterError();

  upstream(
    program
      .command('serve')
      .description(
        'run the OpenAI-compatible gateway (POST /v1/chat/completions, GET /v1/models, GET /healthz)',
      ),
  )
    .addOption(
      new Option('--port <port>', 'port to listen on (0 = any free port)')
        .env('BEDROCK_BRIDGE_PORT')
        .default(8080)
        .argParser(integer(0, 65535)),
    )
    .addOption(
      new Option('--host <host>', 'interface to listen on')
        .env('BEDROCK_BRIDGE_HOST')
        .default('127.0.0.1'),
    )
    .addOption(
      new Option(
        '--api-key <key>',
        'clients must send it as "Authorization: Bearer <key>" (prefer the environment variable: a flag shows in process listings)',
      ).env('BEDROCK_BRIDGE_API_KEY'),
    )
    .addOption(
      new Option('--body-limit <bytes>', 'largest request body accepted')
        .env('BEDROCK_BRIDGE_BODY_LIMIT')
        .default(20 * 1024 * 1024)
        .argParser(integer(1024, 1024 * 1024 * 1024)),
    )
    .addOption(
      new Option(
        '--fetch-images <hosts>',
        'fetch remote image URLs from these hosts only (comma-separated, *.example.com allowed)',
      )
        .env('BEDROCK_BRIDGE_FETCH_IMAGES')
        .argParser(hostList),
    )
    .addOption(
      new Option(
        '--allowed-hosts <hosts>',
        'Host header values accepted, against DNS rebinding (comma-separated, *.example.com allowed, * for any; default: IP addresses and localhost names without --api-key, any host with it)',
      )
        .env('BEDROCK_BRIDGE_ALLOWED_HOSTS')
        .argParser(hostList),
    )
    .addOption(
      new Option(
        '--request-timeout <ms>',
        'longest time a client may take to send a whole request, headers and body (408 past it)',
      )
        .env('BEDROCK_BRIDGE_REQUEST_TIMEOUT')
        .default(60_000)
        .argParser(integer(1000, 3_600_000)),
    )
    .addOption(
      new Option(
        '--max-in-flight <n>',
        'requests that call Bedrock answered at once; past it a new one gets 503 server_busy with Retry-After at once (0: no cap)',
      )
        .env('BEDROCK_BRIDGE_MAX_IN_FLIGHT')
        .default(SERVER_LIMIT_DEFAULTS.maxInFlight)
        .argParser(integer(0, 1_000_000)),
    )
    .addOption(
      new Option(
        '--max-loop-busy <share>',
        'refuse new requests that call Bedrock (503 server_busy, Retry-After) while the event loop was busy more than this share (0 to 1, e.g. 0.9) of the last half second (0: off)',
      )
        .env('BEDROCK_BRIDGE_MAX_LOOP_BUSY')
        .default(SERVER_LIMIT_DEFAULTS.maxLoopBusy)
        .argParser(share),
    )
    .addOption(
      new Option('--log-prompts', 'include the messages in request log lines (off by default)'),
    )
    .addOption(
      new Option(
        '--store <path>',
        'SQLite file for stored Responses and the reasoning key (survives restarts), or "memory"; unused with --redis (default: ~/.bedrock-bridge/store.sqlite; "memory" with --emulator)',
      ).env('BEDROCK_BRIDGE_STORE'),
    )
    .addOption(
      new Option('--store-max-mb <mb>', 'largest size of the store; the oldest entries go first')
        .default(256)
        .argParser(integer(1, 1024 * 1024)),
    )
    .addOption(
      new Option('--store-max-age-days <days>', 'how long stored Responses are kept')
        .default(30)
        .argParser(integer(1, 3650)),
    )
    .addOption(
      new Option(
        '--reasoning-key <secret>',
        'secret that seals reasoning in encrypted_content (default: a random key kept in the store)',
      ).env('BEDROCK_BRIDGE_REASONING_KEY'),
    )
    .addOption(
      new Option(
        '--params <policy>',
        'fields a model cannot take as sent: drop (leave out or clamp, named in x-bedrock-bridge-warnings) or strict (a 400 naming the field); a request may choose with the header x-bedrock-bridge-params',
      )
        .env('BEDROCK_BRIDGE_PARAMS')
        .choices(['drop', 'strict'])
        .default('drop'),
    )
    .addOption(
      new Option(
        '--reasoning-ttl-ms <ms>',
        'how long the reasoning returned with tool calls is remembered for the next turn of a tool loop (default 3600000)',
      ).argParser(integer(1000, 86_400_000)),
    )
    .addOption(
      new Option(
        '--shutdown-timeout <ms>',
        'on SIGTERM/SIGINT, how long open answers may take to finish',
      )
        .default(10_000)
        .argParser(integer(0, 600_000)),
    )
    .addOption(
      upstreamMs(
        '--first-byte-ms <ms>',
        "upstream: longest wait for the first answer byte or event (default: the transport's, which grows with the request)",
      ),
    )
    .addOption(
      upstreamMs(
        '--idle-ms <ms>',
        `upstream: longest pause between stream events where Bedrock pauses (tool input, reasoning; default ${TRANSPORT_DEFAULTS.idleMs})`,
      ),
    )
    .addOption(
      upstreamMs(
        '--text-idle-ms <ms>',
        `upstream: longest pause after a text delta (default ${TRANSPORT_DEFAULTS.textIdleMs}, at most --idle-ms)`,
      ),
    )
    .addOption(
      upstreamMs(
        '--total-ms <ms>',
        `upstream: deadline of a whole call, retries included (default ${TRANSPORT_DEFAULTS.totalMs})`,
      ),
    )
    .addOption(
      new Option(
        '--max-attempts <n>',
        `upstream: attempts per call (default ${TRANSPORT_DEFAULTS.maxAttempts})`,
      ).argParser(integer(1, 20)),
    )
    .addOption(
      new Option(
        '--upstream <region[,key=value...]>',
        'repeatable: route across several regions or accounts with failover, e.g. --upstream us-east-1,weight=2 --upstream eu-west-1,profile=prod-eu (keys: name, endpoint, profile, weight)',
      )
        .argParser(upstreamList)
        .conflicts(['emulator', 'region', 'endpoint']),
    )
    .addOption(
      new Option(
        '--redis <url>',
        'keep what the gateway remembers between requests (upstream cool-downs, ...) in Redis, shared by every replica (default: in this process)',
      ).env('BEDROCK_BRIDGE_REDIS_URL'),
    )
    .addOption(
      new Option(
        '--config <file>',
        'a JSON or YAML file: upstreams, API keys, model aliases with default parameters, circuit breaker, deadlines (flags given explicitly win)',
      ).env('BEDROCK_BRIDGE_CONFIG'),
    )
    .action(async (flags: ServeFlags, command: Command) => {
      const { serveCommand } = await import('./commands/serve-command.js');
      const explicit = new Set(
        Object.keys(flags).filter((key) => {
          const source = command.getOptionValueSource(key);
          return source === 'cli' || source === 'env';
        }),
      );
      await serveCommand({ ...flags, explicit });
    });

  upstream(
    program
      .command('chat')
      .description(
        'chat in the terminal through the same stack (Ctrl-C cancels an answer; /model <id>, /reset, /exit)',
      ),
  )
    .addOption(
      new Option('-m, --model <id>', 'model id or inference profile id')
        .env('BEDROCK_BRIDGE_MODEL')
        .default('anthropic.claude-3-haiku-20240307-v1:0'),
    )
    .addOption(new Option('-s, --system <text>', 'system prompt'))
    .action(async (flags: ChatFlags) => {
      const { chatCommand } = await import('./commands/chat-command.js');
      await chatCommand(flags);
    });

  upstream(
    program
      .command('models')
      .description(
        'list the chat models available in the region: id, provider, access, context, tools, vision, reasoning',
      ),
  )
    .addOption(new Option('--json', 'print JSON for scripts'))
    .action(async (flags: ModelsFlags) => {
      const { modelsCommand } = await import('./commands/models-command.js');
      await modelsCommand(flags);
    });

  program
    .command('demo')
    .description(
      'start an emulator and the gateway in-process and run a scripted session through the official openai client',
    )
    .action(async () => {
      const { demoCommand } = await import('./commands/demo-command.js');
      process.exitCode = await demoCommand();
    });

  return program;
}
