import { input } from '../fields.js';
import type { Page } from '../layout.js';

export const loginPage: Page = {
  path: 'coordinator/login',
  title: 'login.title',
  script: 'login',
  nav: 'coordinator',
  clientKeys: ['form.errors.title', 'form.error.general', 'form.error.rateLimited', 'form.error.tooLarge', 'login.sent.title', 'login.sent.text', 'login.error.used', 'login.error.expired', 'login.error.invalid', 'login.error.not_coordinator'],
  render: (ctx) => `
<p class="lead">${ctx.t('login.lead')}</p>
<div id="form-status" class="status" tabindex="-1" hidden></div>
<form id="login-form" class="stack narrow" novalidate>
  ${input(ctx, { name: 'email', label: ctx.t('login.email'), required: true, type: 'email', autocomplete: 'email' })}
  <button type="submit" class="primary">${ctx.t('login.send')}</button>
</form>`,
};
