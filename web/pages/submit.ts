import { ACCESSIBILITY, LISTING_KINDS, ORGANISATION_KINDS, SERVED_LANGUAGES, TARGET_GROUPS, THEMES, WEEKDAYS } from '../../functions/listings/schema.js';
import { choices, enumOptions, input, repeat, repeatItem, select, textarea, when } from '../fields.js';
import type { Lang, MessageKey } from '../i18n/index.js';
import { privacyNote, type Page, type PageContext } from '../layout.js';

/**
 * The public listing form: every field of `listingInput` in
 * functions/listings/schema.ts, each control named by its path in the body
 * (test/unit/web-listing-form.test.ts holds the two together).
 */

const MAX_CHANNELS = 5;
const WEEKS_OF_MONTH = ['1', '2', '3', '4', '-1'] as const;
const CHANNEL_TYPES = ['place', 'online', 'phone'] as const;

/** Title, summary and description in one language; Finnish is required (Language Act: Finnish first). */
function texts(ctx: PageContext, lang: Lang): string {
  const required = lang === 'fi';
  const inLang = ctx.t(`submit.in.${lang}`);
  return [
    input(ctx, { name: `title.${lang}`, label: `${ctx.t('submit.title.field')} ${inLang}`, required, maxlength: 120, inputLang: lang }),
    textarea(ctx, { name: `summary.${lang}`, label: `${ctx.t('submit.summary')} ${inLang}`, required, rows: 3, maxlength: 300, inputLang: lang, ...(required ? { hint: ctx.t('submit.summary.hint') } : {}) }),
    textarea(ctx, { name: `description.${lang}`, label: `${ctx.t('submit.description')} ${inLang}`, required, rows: 7, maxlength: 5000, inputLang: lang }),
  ].join('\n');
}

function channel(ctx: PageContext, i: number): string {
  const p = `channels.${i}`;
  const body = [
    choices(ctx, {
      type: 'radio',
      name: `${p}.type`,
      label: ctx.t('submit.channel.type'),
      required: true,
      inline: true,
      options: CHANNEL_TYPES.map((t) => [t, ctx.t(`submit.channel.${t}`)] as const),
    }),
    when(`${p}.type`, ['place'], [
      input(ctx, { name: `${p}.address`, label: ctx.t('submit.address'), required: true, autocomplete: 'street-address' }),
      `<div class="inline">`,
      input(ctx, { name: `${p}.postcode`, label: ctx.t('submit.postcode'), required: true, inputmode: 'numeric', autocomplete: 'postal-code', maxlength: 5, width: 'short' }),
      input(ctx, { name: `${p}.municipality`, label: ctx.t('submit.municipality'), required: true, autocomplete: 'address-level2' }),
      `</div>`,
    ].join('')),
    when(`${p}.type`, ['online'], input(ctx, { name: `${p}.url`, label: ctx.t('submit.onlineUrl'), required: true, type: 'url', hint: ctx.t('submit.url.hint') })),
    when(`${p}.type`, ['phone'], input(ctx, { name: `${p}.phone`, label: ctx.t('submit.channelPhone'), required: true, type: 'tel', width: 'medium' })),
  ].join('\n');
  return repeatItem({ name: 'channels', index: i, legend: ctx.t('submit.channel.legend'), removeLabel: ctx.t('submit.channel.remove'), body });
}

function times(ctx: PageContext, idPrefix: string, endRequired: boolean): string {
  return `<div class="inline">${input(ctx, { name: 'schedule.startTime', id: `${idPrefix}-start`, label: ctx.t('submit.startTime'), required: true, type: 'time', width: 'short' })}${input(ctx, { name: 'schedule.endTime', id: `${idPrefix}-end`, label: ctx.t('submit.endTime'), required: endRequired, type: 'time', width: 'short' })}</div>`;
}

function schedule(ctx: PageContext): string {
  return [
    choices(ctx, {
      type: 'radio',
      name: 'schedule.type',
      label: ctx.t('submit.schedule'),
      required: true,
      checked: ['none'],
      hint: ctx.t('submit.schedule.hint'),
      options: [['none', ctx.t('submit.schedule.none')], ['once', ctx.t('submit.schedule.once')], ['recurring', ctx.t('submit.schedule.recurring')]],
    }),
    when('schedule.type', ['once'], [
      input(ctx, { name: 'schedule.date', label: ctx.t('submit.date'), required: true, type: 'date', width: 'medium' }),
      times(ctx, 'f-once', false),
    ].join('')),
    when('schedule.type', ['recurring'], [
      choices(ctx, { type: 'radio', name: 'schedule.frequency', label: ctx.t('submit.frequency'), required: true, checked: ['weekly'], inline: true, options: [['weekly', ctx.t('submit.frequency.weekly')], ['monthly', ctx.t('submit.frequency.monthly')]] }),
      when('schedule.frequency', ['monthly'], select(ctx, { name: 'schedule.weekOfMonth', label: ctx.t('submit.weekOfMonth'), valueType: 'number', selected: '1', options: enumOptions(ctx, 'weekOfMonth', WEEKS_OF_MONTH) })),
      choices(ctx, { type: 'checkbox', name: 'schedule.weekdays', label: ctx.t('submit.weekdays'), required: true, columns: true, options: enumOptions(ctx, 'weekday', WEEKDAYS) }),
      times(ctx, 'f-recurring', true),
      input(ctx, { name: 'schedule.until', label: ctx.t('submit.until'), type: 'date', width: 'medium' }),
    ].join('')),
  ].join('\n');
}

/**
 * The listing form itself, shared by the submit page and the edit page
 * (web/pages/edit.ts), which prefills it from the API.
 */
export function listingForm(ctx: PageContext, o: { submitLabel: MessageKey; hidden?: boolean }): string {
  return `<form id="listing-form" class="stack" method="post" novalidate${o.hidden ? ' hidden' : ''}>
  ${select(ctx, { name: 'network', label: ctx.t('submit.network'), required: true, placeholder: true, options: [] })}

  <fieldset class="section"><legend>${ctx.t('submit.section.organisation')}</legend>
    ${input(ctx, { name: 'organisation.name', label: ctx.t('submit.organisation.name'), required: true, autocomplete: 'organization', maxlength: 160 })}
    ${select(ctx, { name: 'organisation.kind', label: ctx.t('submit.organisation.kind'), required: true, placeholder: true, options: enumOptions(ctx, 'organisationKind', ORGANISATION_KINDS) })}
    ${input(ctx, { name: 'organisation.businessId', label: ctx.t('submit.organisation.businessId'), hint: ctx.t('submit.organisation.businessId.hint'), autocomplete: 'off', width: 'medium' })}
  </fieldset>

  <fieldset class="section"><legend>${ctx.t('submit.section.contact')}</legend>
    <p class="hint">${ctx.t('submit.public')}</p>
    ${input(ctx, { name: 'contact.name', label: ctx.t('submit.contact.name'), required: true, autocomplete: 'name', maxlength: 120 })}
    ${input(ctx, { name: 'contact.email', label: ctx.t('submit.contact.email'), required: true, type: 'email', autocomplete: 'email', hint: ctx.t('submit.contact.email.hint') })}
    ${input(ctx, { name: 'contact.phone', label: ctx.t('submit.contact.phone'), type: 'tel', autocomplete: 'tel', width: 'medium' })}
    ${input(ctx, { name: 'contact.website', label: ctx.t('submit.contact.website'), type: 'url', autocomplete: 'url', hint: ctx.t('submit.url.hint') })}
  </fieldset>

  <fieldset class="section"><legend>${ctx.t('submit.section.texts')}</legend>
    <p class="hint">${ctx.t('submit.texts.hint')}</p>
    ${texts(ctx, 'fi')}
    <details class="translations"><summary>${ctx.t('submit.texts.sv')}</summary>${texts(ctx, 'sv')}</details>
    <details class="translations"><summary>${ctx.t('submit.texts.en')}</summary>${texts(ctx, 'en')}</details>
  </fieldset>

  <fieldset class="section"><legend>${ctx.t('submit.section.what')}</legend>
    ${choices(ctx, { type: 'radio', name: 'kind', label: ctx.t('submit.kind'), required: true, options: enumOptions(ctx, 'kind', LISTING_KINDS) })}
    ${choices(ctx, { type: 'checkbox', name: 'themes', label: ctx.t('submit.themes'), required: true, hint: ctx.t('submit.themes.hint'), columns: true, options: enumOptions(ctx, 'theme', THEMES) })}
    ${choices(ctx, { type: 'checkbox', name: 'targetGroups', label: ctx.t('submit.targetGroups'), required: true, columns: true, options: enumOptions(ctx, 'targetGroup', TARGET_GROUPS) })}
    <fieldset class="field" data-field="ageRange" aria-describedby="f-ageRange-hint"><legend>${ctx.t('submit.age')}</legend>
      <p class="hint" id="f-ageRange-hint">${ctx.t('submit.age.hint')}</p>
      <div class="inline">
        ${input(ctx, { name: 'ageRange.min', label: ctx.t('submit.age.min'), type: 'number', inputmode: 'numeric', min: 0, max: 120, width: 'short' })}
        ${input(ctx, { name: 'ageRange.max', label: ctx.t('submit.age.max'), type: 'number', inputmode: 'numeric', min: 0, max: 120, width: 'short' })}
      </div>
    </fieldset>
    ${choices(ctx, { type: 'checkbox', name: 'languages', label: ctx.t('submit.languages'), required: true, checked: ['fi'], columns: true, options: enumOptions(ctx, 'language', SERVED_LANGUAGES) })}
  </fieldset>

  <fieldset class="section"><legend>${ctx.t('submit.section.where')}</legend>
    ${repeat(ctx, { name: 'channels', label: ctx.t('submit.channels'), hint: ctx.t('submit.channels.hint'), required: true, max: MAX_CHANNELS, addLabel: ctx.t('submit.channel.add'), item: (i) => channel(ctx, i) })}
    ${choices(ctx, { type: 'checkbox', name: 'accessibility', label: ctx.t('submit.accessibility'), columns: true, options: enumOptions(ctx, 'accessibility', ACCESSIBILITY) })}
  </fieldset>

  <fieldset class="section"><legend>${ctx.t('submit.section.when')}</legend>
    ${schedule(ctx)}
  </fieldset>

  <fieldset class="section"><legend>${ctx.t('submit.section.practical')}</legend>
    ${choices(ctx, { type: 'radio', name: 'cost.free', label: ctx.t('submit.cost'), required: true, checked: ['true'], valueType: 'boolean', inline: true, options: [['true', ctx.t('submit.cost.free')], ['false', ctx.t('submit.cost.paid')]] })}
    ${input(ctx, { name: 'cost.note', label: ctx.t('submit.cost.note'), maxlength: 200 })}
    ${choices(ctx, { type: 'radio', name: 'registration.required', label: ctx.t('submit.registration'), required: true, checked: ['false'], valueType: 'boolean', inline: true, options: [['false', ctx.t('submit.registration.no')], ['true', ctx.t('submit.registration.yes')]] })}
    ${when('registration.required', ['true'], [
      input(ctx, { name: 'registration.url', label: ctx.t('submit.registration.url'), type: 'url', hint: ctx.t('submit.url.hint') }),
      input(ctx, { name: 'registration.email', label: ctx.t('submit.registration.email'), type: 'email' }),
    ].join(''))}
    ${input(ctx, { name: 'validFrom', label: ctx.t('submit.validFrom'), type: 'date', width: 'medium' })}
    ${input(ctx, { name: 'validUntil', label: ctx.t('submit.validUntil'), type: 'date', hint: ctx.t('submit.validity.hint'), width: 'medium' })}
  </fieldset>

  <div class="hp" aria-hidden="true">
    <label for="f-homepage">${ctx.t('submit.honeypot')}</label>
    <input id="f-homepage" name="homepage" type="text" tabindex="-1" autocomplete="off">
  </div>

  ${privacyNote(ctx, 'privacy.note.listing')}
  <p><button type="submit" class="primary">${ctx.t(o.submitLabel)}</button></p>
</form>`;
}

export const submitPage: Page = {
  path: 'listings/new',
  title: 'submit.title',
  nav: 'submit',
  script: 'submit',
  clientKeys: ['submit.send', 'submit.sending', 'submit.success.title', 'submit.success.text', 'submit.another', 'home.networks.error'],
  render: (ctx) => `
<p class="lead">${ctx.t('submit.lead')}</p>
<div id="form-status" class="status" tabindex="-1" hidden></div>
${listingForm(ctx, { submitLabel: 'submit.send' })}`,
};
