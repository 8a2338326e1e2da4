import { THEMES } from '../../functions/listings/schema.js';
import { DIGEST_KINDS, FREQUENCIES } from '../../functions/subscriptions/schema.js';
import { choices, enumOptions, fieldId, input } from '../fields.js';
import type { MessageKey } from '../i18n/index.js';
import { privacyNote, type Page, type PageContext } from '../layout.js';

/**
 * The mailing list: subscribe, confirm from the mail, manage the
 * preferences and unsubscribe, each one static page. The personal pages
 * read their signed token from the fragment (#token=…), which never
 * reaches a server log. Control names are the paths of the JSON body of
 * POST /api/subscriptions (functions/subscriptions/schema.ts).
 */

const UI_LANGS = ['fi', 'sv', 'en'] as const;

/** Texts the subscribe and manage forms need in the browser. */
const FORM_KEYS: readonly MessageKey[] = ['sub.networks.error', 'submit.required'];

/**
 * The preferences: the same controls on the subscribe page and the manage
 * page. Networks come from GET /api/networks, so their group is filled by
 * web/src/subscribe-form.ts with the same markup as choices().
 */
function preferenceFields(ctx: PageContext): string {
  const networksId = fieldId('networks');
  return `
<fieldset class="section">
  <legend>${ctx.t('sub.what')}</legend>
  <fieldset class="field choices" id="${networksId}" data-field="networks" data-required><legend>${ctx.t('sub.networks')} <span class="req" aria-hidden="true">*</span><span class="visually-hidden"> (${ctx.t('submit.required')})</span></legend><div class="choice-list" id="network-choices" aria-busy="true"><p class="muted">${ctx.t('sub.networks.loading')}</p></div></fieldset>
  ${choices(ctx, { type: 'checkbox', name: 'kinds', label: ctx.t('sub.kinds'), required: true, options: enumOptions(ctx, 'digestKind', DIGEST_KINDS), checked: DIGEST_KINDS })}
  ${choices(ctx, { type: 'checkbox', name: 'themes', label: ctx.t('sub.themes'), hint: ctx.t('sub.themes.hint'), options: enumOptions(ctx, 'theme', THEMES), columns: true })}
  ${choices(ctx, { type: 'radio', name: 'frequency', label: ctx.t('sub.frequency'), required: true, options: enumOptions(ctx, 'frequency', FREQUENCIES), checked: ['weekly'], inline: true })}
  ${choices(ctx, { type: 'radio', name: 'lang', label: ctx.t('sub.lang'), required: true, options: enumOptions(ctx, 'uiLang', UI_LANGS), checked: [ctx.lang], inline: true })}
</fieldset>`;
}

export const subscribePage: Page = {
  path: 'subscribe',
  title: 'sub.title',
  script: 'subscribe',
  clientKeys: [...FORM_KEYS, 'sub.done.title', 'sub.done.text', 'sub.sending'],
  render: (ctx) => `
<p class="lead">${ctx.t('sub.lead')}</p>
<p><a href="${ctx.href('digests')}">${ctx.t('sub.confirm.archive')}</a></p>
<div id="form-status" class="status" tabindex="-1" hidden></div>
<form id="subscribe-form" class="stack" method="post" novalidate>
  <p class="hint">${ctx.t('sub.requiredNote')}</p>
  <fieldset class="section">
    <legend>${ctx.t('sub.you')}</legend>
    ${input(ctx, { name: 'email', label: ctx.t('sub.email'), type: 'email', required: true, autocomplete: 'email', hint: ctx.t('sub.email.hint'), maxlength: 254 })}
    ${input(ctx, { name: 'name', label: ctx.t('sub.name'), autocomplete: 'name', maxlength: 120 })}
    ${input(ctx, { name: 'organisation', label: ctx.t('sub.organisation'), autocomplete: 'organization', maxlength: 160 })}
  </fieldset>
  ${preferenceFields(ctx)}
  ${privacyNote(ctx, 'privacy.note.subscribe')}
  <p><button type="submit" class="primary">${ctx.t('sub.send')}</button></p>
</form>`,
};

export const subscribeConfirmPage: Page = {
  path: 'subscribe/confirm',
  title: 'sub.confirm.title',
  script: 'subscribe-confirm',
  clientKeys: ['sub.confirm.done', 'sub.confirm.doneText', 'sub.confirm.archive', 'sub.confirm.expired', 'sub.confirm.expiredText', 'sub.again', 'sub.noToken'],
  render: (ctx) => `
<p class="muted" id="confirm-working">${ctx.t('sub.confirm.working')}</p>
<div id="form-status" class="status" tabindex="-1" hidden></div>`,
};

export const subscribeManagePage: Page = {
  path: 'subscribe/manage',
  title: 'sub.manage.title',
  script: 'subscribe-manage',
  clientKeys: [
    ...FORM_KEYS,
    'sub.manage.saved',
    'sub.manage.badLink',
    'sub.manage.badLinkText',
    'sub.manage.gone',
    'sub.again',
    'sub.noToken',
    'sub.sending',
    'sub.unsub.sending',
    'sub.unsub.done',
    'sub.unsub.doneText',
  ],
  render: (ctx) => `
<p class="muted" id="manage-loading">${ctx.t('sub.manage.loading')}</p>
<div id="form-status" class="status" tabindex="-1" hidden></div>
<div id="manage" hidden>
  <p>${ctx.t('sub.manage.for')} <strong id="manage-email"></strong></p>
  <form id="manage-form" class="stack" method="post" novalidate>
    ${input(ctx, { name: 'name', label: ctx.t('sub.name'), autocomplete: 'name', maxlength: 120 })}
    ${input(ctx, { name: 'organisation', label: ctx.t('sub.organisation'), autocomplete: 'organization', maxlength: 160 })}
    ${preferenceFields(ctx)}
    ${privacyNote(ctx, 'privacy.note.subscribe')}
    <p><button type="submit" class="primary">${ctx.t('sub.manage.save')}</button></p>
  </form>
  <section class="callout" aria-labelledby="leave-h">
    <h2 id="leave-h">${ctx.t('sub.manage.leave')}</h2>
    <p>${ctx.t('sub.manage.leaveText')}</p>
    <p><button type="button" id="unsubscribe" class="secondary">${ctx.t('sub.unsub.button')}</button></p>
  </section>
</div>`,
};

export const unsubscribePage: Page = {
  path: 'subscribe/unsubscribe',
  title: 'sub.unsub.title',
  script: 'unsubscribe',
  clientKeys: ['sub.unsub.done', 'sub.unsub.doneText', 'sub.unsub.sending', 'sub.manage.badLink', 'sub.manage.badLinkText', 'sub.noToken', 'sub.again'],
  render: (ctx) => `
<div id="form-status" class="status" tabindex="-1" hidden></div>
<div id="unsubscribe-box">
  <p class="lead">${ctx.t('sub.unsub.lead')}</p>
  <p><button type="button" id="unsubscribe" class="primary">${ctx.t('sub.unsub.button')}</button></p>
</div>`,
};
