import type { Envelope } from '../../../shared/ipc/envelope';
import { type Channel, contract, isChannel } from '../../../shared/ipc/contract';
import { toErrorPayload } from '../core/errors';
import type { Handler, HandlerContext, HandlerTable } from '../handlers/types';

/** Transport-independent request path: validate the request, run the handler, validate the response. */
export type Dispatch = (channel: string, payload: unknown) => Promise<Envelope<unknown>>;

/** Build the one dispatcher every transport (Electron IPC, loopback, CLI) goes through. */
export function createDispatcher(handlers: HandlerTable, ctx: HandlerContext): Dispatch {
  return async (channel, payload) => {
    if (!isChannel(channel)) {
      return fail('bad-request', `Unknown channel "${channel}".`);
    }
    const spec = contract[channel];
    const request = spec.request.safeParse(payload ?? {});
    if (!request.success) {
      const issues = request.error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`);
      return fail('bad-request', `Invalid request for ${channel}: ${issues.join('; ')}.`);
    }
    try {
      const handler = handlers[channel] as Handler<Channel>;
      const value: unknown = await handler(request.data, ctx);
      const response = spec.response.safeParse(value);
      if (!response.success) {
        // The handler broke the contract: a bug, reported as such rather than sent on malformed.
        return fail('internal', `Internal error: the response of ${channel} did not match its schema.`);
      }
      return { ok: true, value: response.data };
    } catch (error) {
      return { ok: false, error: toErrorPayload(error) };
    }
  };
}

function fail(code: 'bad-request' | 'internal', message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}
