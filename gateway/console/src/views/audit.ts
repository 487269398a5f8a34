/**
 * The audit log's latest signed checkpoint, verified in the browser with the same library an
 * outside auditor uses: the signature against the published key (pinned on first use in this
 * browser), a consistency proof from the last checkpoint this browser saw, and the latest entries
 * checked against it. Only sizes and roots are remembered, never entries.
 */
import { verifyCheckpoint, verifyConsistency, verifyExport } from '@need2know/audit';
import type { AdminApi } from '../api.js';
import { h, replace } from '../dom.js';
import { num, t } from '../i18n/i18n.js';

/** How many of the latest entries are fetched and checked on every visit. */
export const RECENT_ENTRIES_CHECKED = 200;

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromB64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

interface Check {
  readonly label: string;
  readonly ok: boolean;
  readonly note?: string;
}

const memory = {
  get(key: string): string | null {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key: string, value: string): void {
    try {
      localStorage.setItem(key, value);
    } catch {
      // private mode: checks still run, nothing is remembered
    }
  },
};

export function auditSection(api: AdminApi): HTMLElement {
  const body = h('div', { 'aria-live': 'polite' }, t('loading'));
  const section = h(
    'section',
    { class: 'card', 'aria-labelledby': 'audit-title', id: 'audit' },
    h(
      'div',
      { class: 'card-head' },
      h('h2', { id: 'audit-title' }, t('auditTitle')),
      h('button', { type: 'button', class: 'secondary', onclick: () => void run() }, t('verifyAgain')),
    ),
    h('p', { class: 'muted' }, t('auditIntro')),
    body,
  );
  const run = async () => {
    body.replaceChildren(t('loading'));
    const checks: Check[] = [];
    try {
      const [{ vkey }, note] = await Promise.all([api.auditKey(), api.auditCheckpoint()]);
      const pinKey = `n2k.console.audit.vkey:${location.origin}`;
      const pinned = memory.get(pinKey);
      if (pinned === null) memory.set(pinKey, vkey);
      checks.push({ label: t('verifyPinned'), ok: pinned === null || pinned === vkey });
      let checkpoint: Awaited<ReturnType<typeof verifyCheckpoint>> | undefined;
      try {
        checkpoint = await verifyCheckpoint(note, pinned ?? vkey);
        checks.push({ label: t('verifySignature'), ok: true });
      } catch {
        checks.push({ label: t('verifySignature'), ok: false });
      }
      if (checkpoint !== undefined) {
        const seenKey = `n2k.console.audit.seen:${location.origin}`;
        const seen = JSON.parse(memory.get(seenKey) ?? 'null') as { size: number; root: string } | null;
        if (seen === null || seen.size === 0) {
          checks.push({ label: t('verifyConsistencyFirst'), ok: true });
        } else if (seen.size > checkpoint.size) {
          checks.push({ label: t('verifyConsistency', { from: seen.size, to: checkpoint.size }), ok: false });
        } else {
          const ok =
            seen.size === checkpoint.size
              ? seen.root === b64(checkpoint.root)
              : verifyConsistency(
                  seen.size,
                  checkpoint.size,
                  fromB64(seen.root),
                  checkpoint.root,
                  (await api.auditConsistency(seen.size, checkpoint.size)).proof.map(fromB64),
                );
          checks.push({ label: t('verifyConsistency', { from: seen.size, to: checkpoint.size }), ok });
        }
        if (checks.every((c) => c.ok)) memory.set(seenKey, JSON.stringify({ size: checkpoint.size, root: b64(checkpoint.root) }));
        if (checkpoint.size > 0) {
          const from = Math.max(0, checkpoint.size - RECENT_ENTRIES_CHECKED);
          const verdict = await verifyExport(await api.auditExport(from, checkpoint.size), pinned ?? vkey);
          checks.push({
            label: t('verifySegment', { n: checkpoint.size - from }),
            ok: verdict.ok,
            ...(verdict.ok ? {} : { note: verdict.problems.map((p) => p.code).join(', ') }),
          });
        }
      }
      const passed = checks.every((c) => c.ok);
      replace(
        body,
        h(
          'p',
          { class: passed ? 'callout callout-ok' : 'callout callout-bad', role: passed ? 'status' : 'alert', 'data-verification': passed ? 'pass' : 'fail' },
          passed ? `✓ ${t('verified')}` : `✗ ${t('verificationFailed')}`,
        ),
        h(
          'ul',
          { class: 'checks-list' },
          ...checks.map((c) =>
            h(
              'li',
              { class: c.ok ? 'ok' : 'bad' },
              `${c.ok ? '✓' : '✗'} ${c.label}: ${t(c.ok ? 'verifyPass' : 'verifyFail')}${c.note === undefined ? '' : ` (${c.note})`}`,
            ),
          ),
        ),
        checkpoint === undefined
          ? null
          : h(
              'dl',
              { class: 'dl' },
              h(
                'div',
                { class: 'dl-row' },
                h('dt', {}, t('checkpointSize')),
                h('dd', { 'data-checkpoint-size': String(checkpoint.size) }, num(checkpoint.size)),
              ),
              h('div', { class: 'dl-row' }, h('dt', {}, t('checkpointRoot')), h('dd', { class: 'mono' }, b64(checkpoint.root))),
              h('div', { class: 'dl-row' }, h('dt', {}, t('checkpointKey')), h('dd', { class: 'mono wrap' }, pinned ?? vkey)),
            ),
        h('details', {}, h('summary', {}, 'checkpoint'), h('pre', { class: 'mono' }, note)),
      );
    } catch (err) {
      console.error(err);
      body.replaceChildren(h('p', { class: 'callout callout-bad', role: 'alert' }, t('errorNetwork')));
    }
  };
  void run();
  return section;
}
