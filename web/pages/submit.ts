import { ACCESSIBILITY, LISTING_KINDS, ORGANISATION_KINDS, SERVED_LANGUAGES, TARGET_GROUPS, THEMES, WEEKDAYS } from '../../functions/listings/schema.js';
import { choices, enumOptions, input, select, textarea } from '../fields.js';
import type { Page, PageContext } from '../layout.js';

function localisedTexts(ctx: PageContext, name: string, label: string, kind: 'input' | 'textarea', hint?: string): string {
  const make = (lang: 'fi' | 'sv' | 'en', required: boolean) => {
    const o = { name: `${name}.${lang}`, label: `${label} ${ctx.t(`submit.in.${lang}`)}`, required, ...(lang === 'fi' && hint ? { hint } : {}) };
    return kind === 'input' ? input(ctx, o) : textarea(ctx, { ...o, rows: name === 'description' ? 6 : 3 });
  };
  return make('fi', true) + `<details class="translations"><summary>${label}: ${ctx.t('submit.in.sv')}, ${ctx.t('submit.in.en')}</summary>${make('sv', false)}${make('en', false)}</details>`;
}

export const submitPage: Page = {
  path: 'listings/new',
  title: 'submit.title',
  script: 'submit',
  nav: 'submit',
  clientKeys: ['form.errors.title', 'form.error.general', 'form.error.tooLarge', 'form.error.rateLimited', 'submit.sending', 'submit.send', 'submit.success.title', 'submit.success.text', 'home.networks.error'],
  render: (ctx) => `
<p class="lead">${ctx.t('submit.lead')}</p>
<div id="form-status" class="status" tabindex="-1" hidden></div>
<form id="listing-form" class="stack" novalidate>
  <div class="field" data-field="network">
    <label for="f-network">${ctx.t('submit.network')} <span class="req" aria-hidden="true">*</span><span class="visually-hidden"> (${ctx.t('submit.required')})</span></label>
    <select id="f-network" name="network" required aria-required="true"><option value="">${ctx.t('form.choose')}</option></select>
  </div>

  <fieldset class="section"><legend>${ctx.t('submit.section.organisation')}</legend>
    ${input(ctx, { name: 'organisation.name', label: ctx.t('submit.organisation.name'), required: true, autocomplete: 'organization' })}
    ${select(ctx, { name: 'organisation.kind', label: ctx.t('submit.organisation.kind'), required: true, placeholder: true, options: enumOptions(ctx, 'organisationKind', ORGANISATION_KINDS) })}
    ${input(ctx, { name: 'organisation.businessId', label: ctx.t('submit.organisation.businessId'), hint: ctx.t('submit.organisation.businessId.hint') })}
  </fieldset>

  <fieldset class="section"><legend>${ctx.t('submit.section.contact')}</legend>
    <p class="hint">${ctx.t('submit.public')}</p>
    ${input(ctx, { name: 'contact.name', label: ctx.t('submit.contact.name'), required: true, autocomplete: 'name' })}
    ${input(ctx, { name: 'contact.email', label: ctx.t('submit.contact.email'), required: true, type: 'email', autocomplete: 'email', hint: ctx.t('submit.contact.email.hint') })}
    ${input(ctx, { name: 'contact.phone', label: ctx.t('submit.contact.phone'), type: 'tel', autocomplete: 'tel' })}
    ${input(ctx, { name: 'contact.website', label: ctx.t('submit.contact.website'), type: 'url', autocomplete: 'url' })}
  </fieldset>

  <fieldset class="section"><legend>${ctx.t('submit.section.texts')}</legend>
    <p class="hint">${ctx.t('submit.texts.hint')}</p>
    ${localisedTexts(ctx, 'title', ctx.t('submit.title.field'), 'input')}
    ${localisedTexts(ctx, 'summary', ctx.t('submit.summary'), 'textarea', ctx.t('submit.summary.hint'))}
    ${localisedTexts(ctx, 'description', ctx.t('submit.description'), 'textarea')}
  </fieldset>

  <fieldset class="section"><legend>${ctx.t('submit.section.what')}</legend>
    ${choices(ctx, { type: 'radio', name: 'kind', label: ctx.t('submit.kind'), required: true, options: enumOptions(ctx, 'kind', LISTING_KINDS) })}
    ${choices(ctx, { type: 'checkbox', name: 'themes', label: ctx.t('submit.themes'), required: true, hint: ctx.t('submit.themes.hint'), options: enumOptions(ctx, 'theme', THEMES), columns: true })}
    ${choices(ctx, { type: 'checkbox', name: 'targetGroups', label: ctx.t('submit.targetGroups'), required: true, options: enumOptions(ctx, 'targetGroup', TARGET_GROUPS), columns: true })}
    <fieldset class="field inline" data-field="ageRange"><legend>${ctx.t('submit.age')}</legend>
      ${input(ctx, { name: 'ageRange.min', label: ctx.t('submit.age.min'), type: 'number', inputmode: 'numeric', attrs: 'min="0" max="120"' })}
      ${input(ctx, { name: 'ageRange.max', label: ctx.t('submit.age.max'), type: 'number', inputmode: 'numeric', attrs: 'min="0" max="120"' })}
    </fieldset>
    ${choices(ctx, { type: 'checkbox', name: 'languages', label: ctx.t('submit.languages'), required: true, options: enumOptions(ctx, 'language', SERVED_LANGUAGES), checked: ['fi'], columns: true })}
  </fieldset>

  <fieldset class="section"><legend>${ctx.t('submit.section.where')}</legend>
    ${choices(ctx, { type: 'checkbox', name: 'channels', label: ctx.t('submit.section.where'), required: true, hint: ctx.t('submit.channels.hint'), options: [['place', ctx.t('submit.channel.place')], ['online', ctx.t('submit.channel.online')], ['phone', ctx.t('submit.channel.phone')]] })}
    <div class="channel" data-channel="place" hidden>
      ${input(ctx, { name: 'channel.place.address', label: ctx.t('submit.address'), required: true, autocomplete: 'street-address' })}
      ${input(ctx, { name: 'channel.place.postcode', label: ctx.t('submit.postcode'), required: true, inputmode: 'numeric', autocomplete: 'postal-code' })}
      ${input(ctx, { name: 'channel.place.municipality', label: ctx.t('submit.municipality'), required: true, autocomplete: 'address-level2' })}
    </div>
    <div class="channel" data-channel="online" hidden>
      ${input(ctx, { name: 'channel.online.url', label: ctx.t('submit.onlineUrl'), required: true, type: 'url' })}
    </div>
    <div class="channel" data-channel="phone" hidden>
      ${input(ctx, { name: 'channel.phone.phone', label: ctx.t('submit.channelPhone'), required: true, type: 'tel' })}
    </div>
    ${choices(ctx, { type: 'checkbox', name: 'accessibility', label: ctx.t('submit.accessibility'), options: enumOptions(ctx, 'accessibility', ACCESSIBILITY), columns: true })}
  </fieldset>

  <fieldset class="section"><legend>${ctx.t('submit.section.when')}</legend>
    ${choices(ctx, { type: 'radio', name: 'schedule.type', label: ctx.t('submit.schedule'), required: true, checked: ['none'], options: [['none', ctx.t('submit.schedule.none')], ['once', ctx.t('submit.schedule.once')], ['recurring', ctx.t('submit.schedule.recurring')]] })}
    <div class="schedule" data-schedule="once" hidden>
      ${input(ctx, { name: 'schedule.date', label: ctx.t('submit.date'), required: true, type: 'date' })}
    </div>
    <div class="schedule" data-schedule="recurring" hidden>
      ${choices(ctx, { type: 'radio', name: 'schedule.frequency', label: ctx.t('submit.frequency'), required: true, checked: ['weekly'], options: [['weekly', ctx.t('submit.frequency.weekly')], ['monthly', ctx.t('submit.frequency.monthly')]] })}
      ${choices(ctx, { type: 'checkbox', name: 'schedule.weekdays', label: ctx.t('submit.weekdays'), required: true, options: enumOptions(ctx, 'weekday', WEEKDAYS), columns: true })}
      ${input(ctx, { name: 'schedule.until', label: ctx.t('submit.until'), type: 'date' })}
    </div>
    <div class="schedule inline" data-schedule="times" hidden>
      ${input(ctx, { name: 'schedule.startTime', label: ctx.t('submit.startTime'), required: true, type: 'time' })}
      ${input(ctx, { name: 'schedule.endTime', label: ctx.t('submit.endTime'), type: 'time' })}
    </div>
  </fieldset>

  <fieldset class="section"><legend>${ctx.t('submit.section.practical')}</legend>
    ${choices(ctx, { type: 'radio', name: 'cost.free', label: ctx.t('submit.cost'), required: true, checked: ['true'], options: [['true', ctx.t('submit.cost.free')], ['false', ctx.t('submit.cost.paid')]] })}
    ${input(ctx, { name: 'cost.note', label: ctx.t('submit.cost.note') })}
    ${choices(ctx, { type: 'radio', name: 'registration.required', label: ctx.t('submit.registration'), required: true, checked: ['false'], options: [['false', ctx.t('submit.registration.no')], ['true', ctx.t('submit.registration.yes')]] })}
    ${input(ctx, { name: 'registration.url', label: ctx.t('submit.registration.url'), type: 'url' })}
    ${input(ctx, { name: 'registration.email', label: ctx.t('submit.registration.email'), type: 'email' })}
    ${input(ctx, { name: 'validFrom', label: ctx.t('submit.validFrom'), type: 'date', hint: ctx.t('submit.validity.hint') })}
    ${input(ctx, { name: 'validUntil', label: ctx.t('submit.validUntil'), type: 'date' })}
  </fieldset>

  <div class="hp" aria-hidden="true">
    <label for="f-homepage">${ctx.t('submit.honeypot')}</label>
    <input id="f-homepage" name="homepage" type="text" tabindex="-1" autocomplete="off">
  </div>

  <button type="submit" class="primary">${ctx.t('submit.send')}</button>
</form>`,
};
