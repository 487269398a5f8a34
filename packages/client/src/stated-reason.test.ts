/** The headers a stated reason travels in: the reason percent-encoded so Khmer fits an ASCII header, and decoded back by the gateway's rule. */
import { decideRequestReason } from '@need2know/policy';
import { describe, expect, it } from 'vitest';
import { statedReasonHeaders } from './stated-reason.js';

describe('statedReasonHeaders', () => {
  it('sends the reference as is, the reason percent-encoded, the traceparent as is, and nothing not given', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const headers = statedReasonHeaders({ reference: 'PP-2026-0412', reason: 'ពិនិត្យ bail review', traceparent });
    expect(headers).toEqual({
      'N2K-Reference': 'PP-2026-0412',
      'N2K-Reason': '%E1%9E%96%E1%9E%B7%E1%9E%93%E1%9E%B7%E1%9E%8F%E1%9F%92%E1%9E%99 bail review',
      traceparent,
    });
    // Every header value is one a Headers object accepts (ASCII only).
    expect(() => new Headers(headers)).not.toThrow();
    expect(statedReasonHeaders({})).toEqual({});
  });

  it('round-trips through the gateway rule to the same text', () => {
    const reason = 'តាមដានអ្នកប៉ះពាល់ករណី 17 — tracing contacts (case 17) 100% sure';
    const headers = statedReasonHeaders({ reference: 'OB/2026/17', reason });
    expect(decideRequestReason({ reasonRequired: true }, 'search', { reference: headers['N2K-Reference'], reason: headers['N2K-Reason'] })).toEqual({
      ok: true,
      stated: { reference: 'OB/2026/17', reason },
    });
  });
});
