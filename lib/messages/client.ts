/**
 * Sends protocol requests to the background service worker from any extension
 * context (content script, popup, options, popover frame).
 */
import { browser } from 'wxt/browser';
import type { Envelope, Payload, Reply, RequestName, Request, SerializedError } from './protocol';

/** An error reply from the background, with its code. */
export class DossierRequestError extends Error {
  override name = 'DossierRequestError';
  readonly code: SerializedError['code'];
  constructor(error: SerializedError) {
    super(error.message);
    this.code = error.code;
  }
}

/**
 * Sends one request and unwraps the reply.
 * @throws DossierRequestError when the background answers with an error, or
 *   the browser's own error when the extension context is gone (e.g. after an update).
 */
export async function request<N extends RequestName>(name: N, payload: Payload<N>): Promise<Reply<N>> {
  const message: Request<N> = { dossier: 1, name, payload };
  const reply: Envelope<Reply<N>> | undefined = await browser.runtime.sendMessage(message);
  if (!reply) throw new DossierRequestError({ code: 'internal', message: `Dossier: no answer to "${name}"` });
  if (!reply.ok) throw new DossierRequestError(reply.error);
  return reply.value;
}
