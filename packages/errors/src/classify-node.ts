import { BedrockBridgeError } from './bedrock-bridge-error.js';
import {
  readCode,
  readMessage,
  readName,
  readProperty,
  readStatus,
  readString,
} from './read-error-fields.js';

/** The facts read once from one member of an error chain. */
export interface ErrorNode {
  readonly value: unknown;
  readonly name: string | undefined;
  readonly code: string | undefined;
  /** Trimmed message (`message`, or `Message` as some AWS JSON bodies spell it). */
  readonly message: string | undefined;
  readonly status: number | undefined;
  readonly branded: boolean;
}

const SDK_PLACEHOLDER_MESSAGE = 'UnknownError';

/** Reads the facts of one chain member, never throwing. */
export function readErrorNode(value: unknown): ErrorNode {
  const message =
    readMessage(value) ??
    (() => {
      const upper = readString(value, 'Message');
      return upper === undefined || upper.trim() === '' ? undefined : upper.trim();
    })();
  return {
    value,
    // The SDK fills an empty error body with the placeholder "UnknownError": no information.
    message: message === SDK_PLACEHOLDER_MESSAGE ? undefined : message,
    name: readName(value) ?? constructorName(value),
    code: readCode(value),
    status: readStatus(value),
    branded: BedrockBridgeError.is(value),
  };
}

/** The class name of an object whose `name` is not set (e.g. a plain subclass instance). */
function constructorName(value: unknown): string | undefined {
  const ctor = readProperty(value, 'constructor');
  const name = readProperty(ctor, 'name');
  return typeof name === 'string' && name !== '' && name !== 'Object' ? name : undefined;
}

/** What a thrown value is called in a message: its class, or its JavaScript type. */
export function describeThrown(node: ErrorNode): string {
  if (node.name !== undefined) return node.name;
  const { value } = node;
  if (value === null) return 'null';
  if (typeof value === 'object' || typeof value === 'function') return 'Object';
  return typeof value;
}

/** Where stack frames point at a socket or HTTP library (so an assertion there is theirs). */
const SOCKET_LIBRARY_FRAME =
  /node:(?:_http_|_tls_|http2|net|tls|internal\/(?:http|net|tls|stream|streams))|[\\/](?:undici|@smithy[\\/]node-http-handler|agentkeepalive|http2-wrapper)[\\/]/;

/**
 * A failed internal assertion of a socket library: an `AssertionError` whose stack has a frame
 * in HTTP, HTTP/2, TLS, net, undici or the SDK's node handler (the Python adapter's rule: only
 * an assertion raised from the socket library's own frames means a dead connection). An
 * application's own assertion, with or without a message, is not one.
 */
export function isSocketLibraryAssertion(node: ErrorNode): boolean {
  if (node.name !== 'AssertionError' && node.code !== 'ERR_ASSERTION') return false;
  const stack = readString(node.value, 'stack') ?? '';
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return frames.some((line) => SOCKET_LIBRARY_FRAME.test(line));
}
