import type { Page } from '../layout.js';
import { listingForm } from './submit.js';

/**
 * The submitter's page behind the personal link: /<lang>/listings/edit/#token=…
 * The same form as /listings/new/, prefilled; save (PUT) or withdraw (DELETE).
 */
export const editPage: Page = {
  path: 'listings/edit',
  title: 'edit.title',
  script: 'edit',
  clientKeys: [
    'edit.loading', 'edit.badLink', 'edit.status', 'edit.status.pending', 'edit.status.published', 'edit.status.rejected', 'edit.status.withdrawn',
    'edit.status.expired', 'edit.reason', 'edit.changePending', 'edit.saved.moderated', 'edit.saved.direct', 'edit.withdrawn', 'view.notFound',
    'submit.sending', 'home.networks.error', 'edit.validity.open', 'edit.validity.until', 'edit.extend.done',
  ],
  render: (ctx) => `
<div id="edit-status" class="status" tabindex="-1" hidden></div>
<p id="edit-loading" class="muted">${ctx.t('edit.loading')}</p>
<div id="edit-body" hidden>
  <p class="lead">${ctx.t('edit.lead')}</p>
  <dl class="facts"><dt>${ctx.t('edit.status')}</dt><dd id="edit-state"></dd><dt>${ctx.t('submit.network')}</dt><dd id="edit-network"></dd><dt>${ctx.t('edit.validity')}</dt><dd id="edit-validity"></dd></dl>
  <section id="still-valid" class="callout" aria-labelledby="still-valid-h" hidden>
    <h2 id="still-valid-h">${ctx.t('edit.extend.title')}</h2>
    <p>${ctx.t('edit.extend.text')}</p>
    <div id="extend-status" class="status" tabindex="-1" hidden></div>
    <p><button type="button" id="extend-now" class="primary">${ctx.t('edit.extend.button')}</button></p>
  </section>
  <p id="edit-note" hidden></p>
  <p id="edit-view" hidden><a href="#">${ctx.t('edit.view')}</a></p>
  <div id="form-status" class="status" tabindex="-1" hidden></div>
  ${listingForm(ctx, { submitLabel: 'edit.save' })}
  <section id="withdraw" aria-labelledby="withdraw-h" class="callout">
    <h2 id="withdraw-h">${ctx.t('edit.withdraw.title')}</h2>
    <p><button type="button" id="withdraw-start" class="secondary">${ctx.t('edit.withdraw')}</button></p>
    <div id="withdraw-confirm" tabindex="-1" hidden>
      <p>${ctx.t('edit.withdraw.confirm')}</p>
      <p class="actions"><button type="button" id="withdraw-yes" class="primary">${ctx.t('edit.withdraw.yes')}</button> <button type="button" id="withdraw-no" class="secondary">${ctx.t('edit.withdraw.cancel')}</button></p>
    </div>
  </section>
</div>`,
};
