/**
 * Finding: "Switching windows costs a view and a limit each time". Every return of focus to the
 * viewer was a new logged view (and photos fetched again), so a few alt-tabs used up a grant's
 * limits. Now the viewer says when its window left the front (`hidden`) and when it is back
 * (`return`): within SAME_VIEW_RETURN_SECONDS of the hide, by the gateway's clock, the return is the
 * same view, its hidden interval logged with it; later, for another record, without a hide, or for
 * someone else's view, it is not, and the viewer opens a new (logged) view.
 */
import { SAME_VIEW_RETURN_SECONDS } from '@need2know/policy';
import { describe, expect, it } from 'vitest';
import { loggedEntry } from './log-harness.js';
import { testGateway } from './harness.js';
import { auditLog, officerViewer, viewsOf } from './viewer-harness.js';

describe('a quick return to the viewer is the same view', () => {
  it('returns within the stated time count one view, each hidden interval on the log with it', async () => {
    const gateway = testGateway();
    const v = await officerViewer(gateway);
    const held = await v.fetchPerson();
    const viewId = await v.openView(held);
    expect(await viewsOf(v.officer.id)).toBe(1);

    for (const away of [5, 60, SAME_VIEW_RETURN_SECONDS]) {
      const hiddenAt = gateway.clock.now;
      const hidden = await v.event({ view_id: viewId, event: 'hidden' });
      expect(hidden).toEqual({ status: 202, body: { hidden_since: hiddenAt } });
      gateway.clock.advance(away);
      const back = await v.event({ view_id: viewId, event: 'return', disclosure_id: held.disclosureId });
      expect(back.status).toBe(202);
      expect(back.body).toMatchObject({ view_id: viewId, hidden_from: hiddenAt, hidden_to: hiddenAt + away });
      const index = back.body.log_index as number;
      expect(await loggedEntry(auditLog(), index, index + 1)).toMatchObject({
        kind: 'viewer',
        event: 'return',
        view: viewId,
        hidden_from: hiddenAt,
        hidden_to: hiddenAt + away,
        officer: v.officer.id,
        grant: v.grant.id,
      });
    }
    // Three window switches, one view.
    expect(await viewsOf(v.officer.id)).toBe(1);
  });

  it('a return after the stated time is a new view', async () => {
    const gateway = testGateway();
    const v = await officerViewer(gateway);
    const held = await v.fetchPerson();
    const viewId = await v.openView(held);
    expect((await v.event({ view_id: viewId, event: 'hidden' })).status).toBe(202);
    gateway.clock.advance(SAME_VIEW_RETURN_SECONDS + 1);
    const size = await auditLog().size();
    const late = await v.event({ view_id: viewId, event: 'return', disclosure_id: held.disclosureId });
    expect(late).toMatchObject({ status: 409, body: { code: 'view_not_resumable', reason: 'too_late' } });
    expect(await auditLog().size()).toBe(size);
    // The viewer opens the record again: a new logged view.
    const again = await v.openView(held);
    expect(again).not.toBe(viewId);
    expect(await viewsOf(v.officer.id)).toBe(2);
  });

  it('a client cannot claim a same-view return without a hide, for another record, twice for one hide, or for another officer’s view', async () => {
    const gateway = testGateway();
    const v = await officerViewer(gateway);
    const held = await v.fetchPerson();
    const other = await v.fetchPerson();
    const viewId = await v.openView(held);

    expect(await v.event({ view_id: viewId, event: 'return', disclosure_id: held.disclosureId })).toMatchObject({
      status: 409,
      body: { code: 'view_not_resumable', reason: 'not_hidden' },
    });
    expect((await v.event({ view_id: viewId, event: 'hidden' })).status).toBe(202);
    gateway.clock.advance(10);
    expect(await v.event({ view_id: viewId, event: 'return', disclosure_id: other.disclosureId })).toMatchObject({
      status: 409,
      body: { code: 'view_not_resumable', reason: 'other_record' },
    });
    expect((await v.event({ view_id: viewId, event: 'return', disclosure_id: held.disclosureId })).status).toBe(202);
    expect(await v.event({ view_id: viewId, event: 'return', disclosure_id: held.disclosureId })).toMatchObject({
      status: 409,
      body: { reason: 'not_hidden' },
    });

    // Another officer (of another agency) can neither hide nor return this view: it is not theirs.
    const stranger = await officerViewer(gateway);
    expect((await stranger.event({ view_id: viewId, event: 'hidden' })).status).toBe(404);
    expect((await stranger.event({ view_id: viewId, event: 'return', disclosure_id: held.disclosureId })).status).toBe(404);
    // Bad input is refused and changes nothing.
    expect((await v.event({ view_id: viewId, event: 'return' })).status).toBe(400);
    expect((await v.event({ view_id: viewId, event: 'hidden', hidden_since: 1 })).status).toBe(400);
  });
});
