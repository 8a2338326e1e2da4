import { DPA, PRIVACY } from '../config.js';
import type { MessageKey } from '../i18n/index.js';
import { esc, type Page } from '../layout.js';

/**
 * The privacy notice GDPR article 13 asks for where personal data is
 * collected: controller, contact, purposes and lawful basis, what is stored
 * and for how long, processors, rights and the supervisory authority. The
 * facts come from PRIVACY in web/config.ts; every form that takes personal
 * data links here (privacyNote in layout.ts).
 */
export const privacyPage: Page = {
  path: 'privacy',
  title: 'privacy.title',
  render: (ctx) => {
    const l = ctx.lang;
    const c = PRIVACY.controller;
    const registers = PRIVACY.registers
      .map(
        (r) => `<section class="register" aria-labelledby="reg-${esc(r.id)}">
  <h3 id="reg-${esc(r.id)}">${ctx.t(`privacy.register.${r.id}` as MessageKey)}</h3>
  <dl class="facts">
    <dt>${ctx.t('privacy.purpose')}</dt><dd>${esc(r.purpose[l])}</dd>
    <dt>${ctx.t('privacy.basis')}</dt><dd>${esc(r.basis[l])}</dd>
    <dt>${ctx.t('privacy.data')}</dt><dd>${esc(r.data[l])}</dd>
    <dt>${ctx.t('privacy.retention')}</dt><dd>${esc(r.retention[l])}</dd>
  </dl>
</section>`,
      )
      .join('\n');
    const rights = (['access', 'rectify', 'erase', 'restrict', 'withdraw', 'port'] as const).map((k) => `<li>${ctx.t(`privacy.rights.${k}`)}</li>`).join('');
    return `
<p class="lead">${ctx.t('privacy.intro')}</p>
<h2>${ctx.t('privacy.controller.title')}</h2>
<p><strong>${esc(c.name[l])}</strong></p>
<dl class="facts">
  <dt>${ctx.t('privacy.businessId')}</dt><dd>${esc(c.businessId)}</dd>
  <dt>${ctx.t('privacy.address')}</dt><dd>${esc(c.address)}</dd>
</dl>
<h2>${ctx.t('privacy.contact.title')}</h2>
<dl class="facts">
  <dt>${ctx.t('privacy.email')}</dt><dd><a href="mailto:${esc(PRIVACY.contact.email)}">${esc(PRIVACY.contact.email)}</a></dd>
  <dt>${ctx.t('privacy.phone')}</dt><dd>${esc(PRIVACY.contact.phone)}</dd>
  <dt>${ctx.t('privacy.dpo')}</dt><dd><a href="mailto:${esc(PRIVACY.dpo.email)}">${esc(PRIVACY.dpo.email)}</a></dd>
</dl>
<h2>${ctx.t('privacy.registers.title')}</h2>
${registers}
<h2>${ctx.t('privacy.processors.title')}</h2>
<p>${esc(PRIVACY.processors[l])}</p>
<h2>${ctx.t('privacy.cookies.title')}</h2>
<p>${ctx.t('privacy.cookies.text')}</p>
<h2>${ctx.t('privacy.rights.title')}</h2>
<p>${ctx.t('privacy.rights.text')}</p>
<ul class="spaced">${rights}</ul>
<p>${ctx.t('privacy.rights.how')}</p>
<p>${ctx.t('privacy.complaint')} <a href="${esc(DPA.web[l])}">${esc(DPA.web[l].replace(/^https:\/\//, ''))}</a></p>
<p class="muted">${ctx.f('privacy.updated', { date: ctx.date(PRIVACY.updated) })}</p>`;
  },
};
