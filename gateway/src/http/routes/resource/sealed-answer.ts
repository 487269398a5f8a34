import type { Delivered, DisclosureRequest } from '../../../services/access/deliver.js';
import { DISCLOSURE_MEDIA_TYPE } from '../../../services/delivery/seal-delivery.js';

/** The request a disclosure answers, as the request-binding middleware set it, with what it stated when the route judges that (`requireStatedReason`). */
export const disclosureRequest = (c: {
  readonly var: Omit<DisclosureRequest, 'stated'> & { readonly statedReason?: DisclosureRequest['stated'] };
}): DisclosureRequest => ({
  now: c.var.now,
  requestHash: c.var.requestHash,
  ...(c.var.statedReason === undefined ? {} : { stated: c.var.statedReason }),
});

/** The answer of a disclosure on the log: the sealed JWE, never cached, with its disclosure id. */
export function sealedAnswer(d: Delivered): Response {
  return new Response(d.jwe, { status: 200, headers: { 'content-type': DISCLOSURE_MEDIA_TYPE, 'cache-control': 'no-store', 'n2k-disclosure-id': d.id } });
}
