import { input } from '../fields.js';
import { privacyNote, type Page } from '../layout.js';

export const loginPage: Page = {
  path: 'coordinator/login',
  title: 'login.title',
  nav: 'coordinator',
  script: 'login',
  clientKeys: ['login.sent.title', 'login.sent.text', 'login.error.used', 'login.error.expired', 'login.error.invalid', 'login.error.not_coordinator'],
  render: (ctx) => `
<p class="lead">${ctx.t('login.lead')}</p>
<div id="form-status" class="status" tabindex="-1" hidden></div>
<form id="login-form" class="stack narrow" method="post" novalidate>
  ${input(ctx, { name: 'email', label: ctx.t('login.email'), required: true, type: 'email', autocomplete: 'email' })}
  ${privacyNote(ctx, 'privacy.note.login')}
  <p><button type="submit" class="primary">${ctx.t('login.send')}</button></p>
</form>`,
};
