import { SITE, SUPERVISOR } from '../config.js';
import { esc, type Page } from '../layout.js';

/**
 * The accessibility statement the Act on the Provision of Digital Services
 * (306/2019) requires, in the order of Traficom's model statement: scope,
 * compliance status, known gaps, date and method, feedback channel, and the
 * supervising authority with its contact details.
 */
export const accessibilityPage: Page = {
  path: 'accessibility',
  title: 'a11y.title',
  render: (ctx) => {
    const web = SUPERVISOR.web[ctx.lang];
    return `
<p class="lead">${ctx.t('a11y.intro')}</p>
<h2>${ctx.t('a11y.status.title')}</h2>
<p>${ctx.t('a11y.status.text')}</p>
<h2>${ctx.t('a11y.gaps.title')}</h2>
<p>${ctx.t('a11y.gaps.text')}</p>
<ul class="spaced">
  <li>${ctx.t('a11y.gaps.1')}</li>
  <li>${ctx.t('a11y.gaps.2')}</li>
  <li>${ctx.t('a11y.gaps.3')}</li>
</ul>
<h2>${ctx.t('a11y.date.title')}</h2>
<p>${ctx.f('a11y.date.text', { date: ctx.date(SITE.statementDate) })}</p>
<h2>${ctx.t('a11y.feedback.title')}</h2>
<p>${ctx.t('a11y.feedback.text')}</p>
<p>${ctx.t('a11y.feedback.email')}: <a href="mailto:${esc(SITE.feedbackEmail)}">${esc(SITE.feedbackEmail)}</a></p>
<h2>${ctx.t('a11y.authority.title')}</h2>
<p>${ctx.t('a11y.authority.text')}</p>
<p><strong>${ctx.t('a11y.authority.name')}</strong></p>
<dl class="facts">
  <dt>${ctx.t('a11y.authority.web')}</dt><dd><a href="${esc(web)}">${esc(web.replace(/^https:\/\//, ''))}</a></dd>
  <dt>${ctx.t('a11y.authority.email')}</dt><dd><a href="mailto:${esc(SUPERVISOR.email)}">${esc(SUPERVISOR.email)}</a></dd>
  <dt>${ctx.t('a11y.authority.phone')}</dt><dd>${esc(SUPERVISOR.phone)}</dd>
</dl>`;
  },
};
