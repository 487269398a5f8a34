import { describe, expect, it } from 'vitest';
import { isTrustedSender, Request } from './messages.js';

const ID = 'abcdefghijklmnopabcdefghijklmnop';

describe('message schemas', () => {
  it('accept the messages the pages send', () => {
    expect(Request.safeParse({ type: 'status' }).success).toBe(true);
    expect(Request.safeParse({ type: 'fetch', grant: 'grt_abc', purpose: 'covid-contact-tracing', record_type: 'person', id: 'p-1' }).success).toBe(true);
    expect(Request.safeParse({ type: 'session', grant: 'grt_abc', purpose: 'justice-case-review' }).success).toBe(true);
    expect(
      Request.safeParse({
        type: 'search',
        grant: 'grt_abc',
        purpose: 'justice-case-review',
        record_type: 'case',
        search: 'case_number',
        terms: { case_number: '1202/2025/0000023' },
      }).success,
    ).toBe(true);
    expect(Request.safeParse({ type: 'report', grant: 'grt_abc', purpose: 'covid-contact-tracing', view_id: 'AAAAAAAAAAA', counts: { copy: 2 } }).success).toBe(
      true,
    );
  });

  it('refuse unknown types, extra members, and values out of shape', () => {
    for (const bad of [
      {},
      { type: 'eval', code: '1' },
      { type: 'status', extra: 1 },
      { type: 'fetch', grant: 'grt_abc', purpose: 'Bad Purpose', record_type: 'person', id: 'p-1' },
      { type: 'fetch', grant: 'grt_abc', purpose: 'p-x', record_type: 'secrets', id: 'p-1' },
      { type: 'fetch', grant: 'grt_abc', purpose: 'p-x', record_type: 'person', id: '../admin' },
      { type: 'reveal', grant: 'grt_abc', purpose: 'p-x', view_id: 'AAAAAAAAAAA', media_ref: 'm', reason: 'too short' },
      { type: 'report', grant: 'grt_abc', purpose: 'p-x', view_id: 'AAAAAAAAAAA', counts: { keylogger: 1 } },
      { type: 'search', grant: 'grt_abc', purpose: 'p-x', record_type: 'case', search: 'everything', terms: {} },
      { type: 'session', grant: 'grt_abc', purpose: 'p-x', extra: true },
      { type: 'report', grant: 'grt_abc', purpose: 'p-x', view_id: 'AAAAAAAAAAA', counts: { copy: -1 } },
    ]) {
      expect(Request.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('trusted senders', () => {
  it('are this extension’s popup and viewer pages only', () => {
    expect(isTrustedSender({ id: ID, url: `chrome-extension://${ID}/popup.html` }, ID)).toBe(true);
    expect(isTrustedSender({ id: ID, url: `chrome-extension://${ID}/tabs/viewer.html?grant=x` }, ID)).toBe(true);
  });

  it('never a web page, another extension, or another page of this one', () => {
    expect(isTrustedSender({ id: ID, url: 'https://evil.example/popup.html' }, ID)).toBe(false);
    expect(isTrustedSender({ id: 'other', url: `chrome-extension://other/popup.html` }, ID)).toBe(false);
    expect(isTrustedSender({ id: ID, url: `chrome-extension://${ID}/options.html` }, ID)).toBe(false);
    expect(isTrustedSender({ id: ID }, ID)).toBe(false);
    expect(isTrustedSender({ id: ID, url: 'not a url' }, ID)).toBe(false);
  });
});
