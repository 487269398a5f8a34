/**
 * A grant's row scope: shown in words, and changed in a dialog that says before sending whether the
 * change narrows (applies at once) or widens (waits for a second privacy officer). The gateway
 * decides with the same rule and refuses a scope beyond the purpose's.
 */
import type { Grant } from '../api.js';
import { h } from '../dom.js';
import { currentLang, t } from '../i18n/i18n.js';
import type { RowScope } from '../row-scope-choice.js';
import { formValue, openDialog, reasonField } from '../ui.js';
import type { ViewContext } from './context.js';
import { rowScopeEditor } from './row-scope-editor.js';

/** Opens the row scope dialog of grant `g` (`title`: its purpose's title; `ceiling`: the purpose's row scope). */
export function scopeDialog(ctx: ViewContext, g: Grant, title: string, ceiling: RowScope): void {
  const editor = rowScopeEditor(t('rowScope'), g.row_scope, { current: g.row_scope, ceiling });
  openDialog(
    `${t('rowScope')}: ${title}`,
    [
      h('p', { class: 'muted' }, t('scopeDialogIntro')),
      h('p', {}, `${t('scopeNow')}: `, h('strong', { 'data-current-scope': '' }, g.row_scope_words[currentLang()])),
      editor.element,
      reasonField(),
    ],
    t('changeScope'),
    async (form) => {
      const updated = await ctx.api.grantScope(g.id, editor.value(), formValue(form, 'reason'));
      ctx.announce(updated.requests.some((r) => r.status === 'pending' && r.action === 'scope') ? t('scopeRequested') : t('scopeChanged'));
      ctx.refresh();
    },
  );
}
