import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ConversionNotes } from '../chat-completion.js';
import type { GatewayBackend } from './gateway-backend.js';
import { upstreamCancel } from './upstream-cancel.js';
import { validateEmbeddingsRequest } from './validate-embeddings-request.js';
import { WARNINGS_HEADER } from './warnings-header.js';

/** What the embeddings route needs from the server. */
export interface EmbeddingsRouteDeps {
  backend: GatewayBackend;
  /** The server's in-flight requests (cancelled at shutdown past its deadline). */
  active: Set<AbortController>;
}

/**
 * `POST /v1/embeddings`: validates, embeds through the backend, and answers OpenAI's list.
 * Auth, body limits, the request log and the error shape are the server's, as for chat: a
 * failure is thrown to its error handler.
 */
export async function answerEmbeddings(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: EmbeddingsRouteDeps,
): Promise<object> {
  const state = request.bridge;
  const body = validateEmbeddingsRequest(request.body);
  state.recordRequest(body.model);
  const cancel = upstreamCancel(reply.raw, deps.active);
  try {
    return await deps.backend.embed(body, {
      signal: cancel.controller.signal,
      onEvent: (event) => {
        if (event.type === 'attempt') state.attempts += 1;
      },
      onNotes: (notes: ConversionNotes) => {
        reply.header(WARNINGS_HEADER, state.recordNotes(notes));
      },
    });
  } catch (err) {
    throw cancel.why(err);
  } finally {
    cancel.release();
  }
}
