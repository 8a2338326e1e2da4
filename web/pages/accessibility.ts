import { esc, FEEDBACK_EMAIL, type Page } from '../layout.js';

export const accessibilityPage: Page = {
  path: 'accessibility',
  title: 'a11y.title',
  render: (ctx) => `
<p>${ctx.t('a11y.intro')}</p>
<h2>${ctx.t('a11y.status.title')}</h2>
<p>${ctx.t('a11y.status.text')}</p>
<h2>${ctx.t('a11y.gaps.title')}</h2>
<p>${ctx.t('a11y.gaps.text')}</p>
<h2>${ctx.t('a11y.feedback.title')}</h2>
<p>${ctx.t('a11y.feedback.text')}</p>
<p>${ctx.t('a11y.feedback.email')}: <a href="mailto:${esc(FEEDBACK_EMAIL)}">${esc(FEEDBACK_EMAIL)}</a></p>
<h2>${ctx.t('a11y.authority.title')}</h2>
<p>${ctx.t('a11y.authority.text')}</p>
<p><a href="https://www.${ctx.t('a11y.authority.link')}">${ctx.t('a11y.authority.link')}</a></p>
<h2>${ctx.t('a11y.date.title')}</h2>
<p>${ctx.t('a11y.date.text')}</p>`,
};
