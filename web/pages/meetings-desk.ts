import { choices, enumOptions, input, repeat, repeatItem, select, textarea, when } from '../fields.js';
import type { MessageKey } from '../i18n/index.js';
import type { PageContext } from '../layout.js';

/**
 * The meetings section of the coordinator desk (web/pages/coordinator.ts
 * places it; web/src/coordinator-meetings.ts gives it behaviour). Every
 * control is named by its path in the body of
 * POST /api/coordinator/networks/{network}/meetings: {meeting, dates} or {meeting, rule}.
 */

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const NTH = ['1', '2', '3', '4', '-1'] as const;
const LANGUAGES = ['fi', 'sv', 'en'] as const;
const MAX_DATES = 12;

export const MEETINGS_DESK_KEYS: readonly MessageKey[] = [
  'meetings.whenFormat', 'desk.meetings.none', 'desk.meetings.error', 'desk.meetings.col.when', 'desk.meetings.col.title', 'desk.meetings.col.confirmed',
  'desk.meetings.col.waitlisted', 'desk.meetings.col.actions', 'desk.meetings.attendees', 'desk.meetings.csv', 'desk.meetings.cancel',
  'desk.meetings.cancelled', 'desk.meetings.unlimited', 'desk.meetings.list.title', 'desk.meetings.list.confirmed', 'desk.meetings.list.waitlist',
  'desk.meetings.list.none', 'desk.meetings.col.position', 'desk.meetings.col.name', 'desk.meetings.col.email', 'desk.meetings.col.organisation',
  'desk.meetings.col.attendance', 'desk.meetings.cancel.title', 'desk.meetings.cancel.done', 'desk.meetings.f.sending', 'desk.meetings.f.done',
  'rsvp.attendance.onsite', 'rsvp.attendance.online', 'desk.meetings.edit', 'desk.meetings.edit.title', 'desk.meetings.edit.done', 'desk.meetings.edit.nothing',
  'desk.meetings.turns', 'desk.turns.title', 'desk.turns.none', 'desk.turns.col.number', 'desk.turns.col.length', 'desk.turns.col.status', 'desk.turns.col.organisation',
  'desk.turns.col.presenter', 'desk.turns.col.topic', 'desk.turns.col.email', 'desk.turns.col.actions', 'desk.turns.status.free', 'desk.turns.status.pending',
  'desk.turns.status.claimed', 'desk.turns.nameHidden', 'desk.turns.release', 'desk.turns.closeTurn', 'desk.turns.released', 'desk.turns.closed', 'desk.turns.changed',
  'desk.turns.opened', 'turns.minutes', 'turns.number',
];

function dateItem(ctx: PageContext, i: number): string {
  return repeatItem({
    name: 'dates',
    index: i,
    legend: ctx.t('desk.meetings.f.date'),
    removeLabel: ctx.t('desk.meetings.f.date.remove'),
    body: input(ctx, { name: `dates.${i}`, label: ctx.t('desk.meetings.f.date'), type: 'date', required: true, width: 'medium' }),
  });
}

export function meetingsDesk(ctx: PageContext): string {
  return `<section id="meetings" class="desk-section" aria-labelledby="meetings-h" tabindex="-1"><h2 id="meetings-h">${ctx.t('coord.section.meetings')}</h2>
<div id="meetings-desk-status" class="status" tabindex="-1" hidden></div>
<h3 id="desk-meetings-coming">${ctx.t('desk.meetings.coming')}</h3>
<div id="desk-meetings-list" class="table-wrap"></div>
<div id="desk-meetings-attendees" class="callout" tabindex="-1" hidden>
  <h4 id="desk-attendees-h"></h4>
  <div id="desk-attendees-body"></div>
  <p><button type="button" id="desk-attendees-close" class="secondary">${ctx.t('desk.meetings.list.close')}</button></p>
</div>
<div id="desk-meeting-turns" class="callout" tabindex="-1" hidden>
  <h4 id="desk-turns-h"></h4>
  <div id="desk-turns-status" class="status" tabindex="-1" hidden></div>
  <div id="desk-turns-body" class="table-wrap"></div>
  <h5 id="desk-turns-open-h">${ctx.t('desk.turns.open')}</h5>
  <div id="desk-turns-open-status" class="status" tabindex="-1" hidden></div>
  <form id="desk-turns-open" class="stack narrow" method="post" novalidate aria-labelledby="desk-turns-open-h">
    <div class="inline">
      ${input(ctx, { name: 'count', id: 'f-turns-count', label: ctx.t('desk.turns.f.count'), required: true, type: 'number', inputmode: 'numeric', min: 1, max: 12, width: 'short' })}
      ${input(ctx, { name: 'minutes', id: 'f-turns-minutes', label: ctx.t('desk.turns.f.minutes'), type: 'number', inputmode: 'numeric', min: 5, max: 240, width: 'short', hint: ctx.t('desk.turns.f.minutes.hint') })}
    </div>
    <div id="f-turns-scope-box">${choices(ctx, { type: 'radio', name: 'scope', id: 'f-turns-scope', label: ctx.t('desk.turns.f.scope'), required: true, checked: ['one'], options: [['one', ctx.t('desk.turns.f.one')], ['rest', ctx.t('desk.turns.f.rest')]] })}</div>
    <p class="inline"><button type="submit" class="primary">${ctx.t('desk.turns.f.send')}</button><button type="button" id="desk-turns-close" class="secondary">${ctx.t('desk.turns.panelClose')}</button></p>
  </form>
</div>
<div id="desk-meeting-cancel-box" class="callout" hidden>
  <h4 id="desk-cancel-h" tabindex="-1"></h4>
  <p>${ctx.t('desk.meetings.cancel.warning')}</p>
  <div id="desk-cancel-status" class="status" tabindex="-1" hidden></div>
  <form id="desk-meeting-cancel" class="stack narrow" method="post" novalidate>
    ${choices(ctx, { type: 'radio', name: 'scope', id: 'f-cancel-scope', label: ctx.t('desk.meetings.cancel.scope'), required: true, checked: ['one'], options: [['one', ctx.t('desk.meetings.cancel.one')], ['rest', ctx.t('desk.meetings.cancel.rest')]] })}
    ${textarea(ctx, { name: 'reason', id: 'f-cancel-reason', label: ctx.t('desk.meetings.cancel.reason'), rows: 2, maxlength: 1000 })}
    <p class="inline"><button type="submit" class="primary">${ctx.t('desk.meetings.cancel.yes')}</button><button type="button" id="desk-cancel-no" class="secondary">${ctx.t('desk.meetings.cancel.no')}</button></p>
  </form>
</div>
<div id="desk-meeting-edit-box" class="callout" hidden>
  <h4 id="desk-edit-h" tabindex="-1"></h4>
  <p>${ctx.t('desk.meetings.edit.note')}</p>
  <div id="desk-edit-status" class="status" tabindex="-1" hidden></div>
  <form id="desk-meeting-edit" class="stack" method="post" novalidate aria-labelledby="desk-edit-h">
    ${input(ctx, { name: 'changes.title.fi', id: 'f-edit-title-fi', label: ctx.t('desk.meetings.f.titleFi'), required: true, maxlength: 160, inputLang: 'fi' })}
    ${textarea(ctx, { name: 'changes.description.fi', id: 'f-edit-description-fi', label: ctx.t('desk.meetings.f.descriptionFi'), required: true, rows: 4, maxlength: 4000, inputLang: 'fi' })}
    <details class="translations"><summary>${ctx.t('desk.meetings.f.translations')}</summary>
      ${input(ctx, { name: 'changes.title.sv', id: 'f-edit-title-sv', label: ctx.t('desk.meetings.f.titleSv'), maxlength: 160, inputLang: 'sv' })}
      ${textarea(ctx, { name: 'changes.description.sv', id: 'f-edit-description-sv', label: ctx.t('desk.meetings.f.descriptionSv'), rows: 3, maxlength: 4000, inputLang: 'sv' })}
      ${input(ctx, { name: 'changes.title.en', id: 'f-edit-title-en', label: ctx.t('desk.meetings.f.titleEn'), maxlength: 160, inputLang: 'en' })}
      ${textarea(ctx, { name: 'changes.description.en', id: 'f-edit-description-en', label: ctx.t('desk.meetings.f.descriptionEn'), rows: 3, maxlength: 4000, inputLang: 'en' })}
    </details>
    ${textarea(ctx, { name: 'changes.agenda', id: 'f-edit-agenda', label: ctx.t('desk.meetings.f.agenda'), rows: 3, maxlength: 4000 })}
    <div class="inline">
      ${input(ctx, { name: 'changes.date', id: 'f-edit-date', label: ctx.t('desk.meetings.f.date'), required: true, type: 'date', width: 'medium' })}
      ${input(ctx, { name: 'changes.startTime', id: 'f-edit-start', label: ctx.t('desk.meetings.f.startTime'), required: true, type: 'time', width: 'short' })}
      ${input(ctx, { name: 'changes.endTime', id: 'f-edit-end', label: ctx.t('desk.meetings.f.endTime'), required: true, type: 'time', width: 'short' })}
    </div>
    ${input(ctx, { name: 'changes.place.name', id: 'f-edit-place-name', label: ctx.t('desk.meetings.f.placeName'), maxlength: 160 })}
    ${input(ctx, { name: 'changes.place.address', id: 'f-edit-place-address', label: ctx.t('desk.meetings.f.placeAddress'), maxlength: 200 })}
    ${input(ctx, { name: 'changes.online.url', id: 'f-edit-online-url', label: ctx.t('desk.meetings.f.onlineUrl'), type: 'url' })}
    <div id="f-edit-scope-box">${choices(ctx, { type: 'radio', name: 'scope', id: 'f-edit-scope', label: ctx.t('desk.meetings.edit.scope'), required: true, checked: ['one'], options: [['one', ctx.t('desk.meetings.edit.one')], ['rest', ctx.t('desk.meetings.edit.rest')]] })}</div>
    <p class="inline"><button type="submit" class="primary">${ctx.t('desk.meetings.edit.save')}</button><button type="button" id="desk-edit-no" class="secondary">${ctx.t('desk.meetings.edit.close')}</button></p>
  </form>
</div>
<h3 id="desk-meetings-new">${ctx.t('desk.meetings.new')}</h3>
<div id="schedule-status" class="status" tabindex="-1" hidden></div>
<form id="schedule-meeting" class="stack" method="post" novalidate aria-labelledby="desk-meetings-new">
  ${input(ctx, { name: 'meeting.title.fi', label: ctx.t('desk.meetings.f.titleFi'), required: true, maxlength: 160, inputLang: 'fi' })}
  ${textarea(ctx, { name: 'meeting.description.fi', label: ctx.t('desk.meetings.f.descriptionFi'), required: true, rows: 4, maxlength: 4000, inputLang: 'fi' })}
  <details class="translations"><summary>${ctx.t('desk.meetings.f.translations')}</summary>
    ${input(ctx, { name: 'meeting.title.sv', label: ctx.t('desk.meetings.f.titleSv'), maxlength: 160, inputLang: 'sv' })}
    ${textarea(ctx, { name: 'meeting.description.sv', label: ctx.t('desk.meetings.f.descriptionSv'), rows: 3, maxlength: 4000, inputLang: 'sv' })}
    ${input(ctx, { name: 'meeting.title.en', label: ctx.t('desk.meetings.f.titleEn'), maxlength: 160, inputLang: 'en' })}
    ${textarea(ctx, { name: 'meeting.description.en', label: ctx.t('desk.meetings.f.descriptionEn'), rows: 3, maxlength: 4000, inputLang: 'en' })}
  </details>
  ${textarea(ctx, { name: 'meeting.agenda', label: ctx.t('desk.meetings.f.agenda'), rows: 4, maxlength: 4000 })}
  ${textarea(ctx, { name: 'meeting.presenters', label: ctx.t('desk.meetings.f.presenters'), hint: ctx.t('desk.meetings.f.presenters.hint'), rows: 2 })}
  ${choices(ctx, { type: 'radio', name: 'mode', label: ctx.t('desk.meetings.f.when'), required: true, inline: true, checked: ['dates'], options: [['dates', ctx.t('desk.meetings.f.mode.dates')], ['rule', ctx.t('desk.meetings.f.mode.rule')]] })}
  ${when('mode', ['dates'], repeat(ctx, { name: 'dates', label: ctx.t('desk.meetings.f.dates'), required: true, max: MAX_DATES, addLabel: ctx.t('desk.meetings.f.date.add'), item: (i) => dateItem(ctx, i) }), true)}
  ${when('mode', ['rule'], [
    '<div class="inline">',
    select(ctx, { name: 'rule.nth', label: ctx.t('desk.meetings.f.nth'), required: true, valueType: 'number', selected: '1', options: enumOptions(ctx, 'weekOfMonth', NTH) }),
    select(ctx, { name: 'rule.weekday', label: ctx.t('desk.meetings.f.weekday'), required: true, selected: 'wed', options: enumOptions(ctx, 'weekday', WEEKDAYS) }),
    '</div><div class="inline">',
    input(ctx, { name: 'rule.from', label: ctx.t('desk.meetings.f.from'), required: true, type: 'date', width: 'medium' }),
    input(ctx, { name: 'rule.until', label: ctx.t('desk.meetings.f.until'), required: true, type: 'date', width: 'medium' }),
    '</div>',
  ].join(''))}
  <div class="inline">
    ${input(ctx, { name: 'meeting.startTime', label: ctx.t('desk.meetings.f.startTime'), required: true, type: 'time', width: 'short', hint: ctx.t('desk.meetings.f.time.hint') })}
    ${input(ctx, { name: 'meeting.endTime', label: ctx.t('desk.meetings.f.endTime'), required: true, type: 'time', width: 'short', hint: ctx.t('desk.meetings.f.time.hint') })}
  </div>
  <fieldset class="field" data-field="meeting.place" aria-describedby="f-meeting-where-hint"><legend>${ctx.t('desk.meetings.f.where')}</legend>
    <p class="hint" id="f-meeting-where-hint">${ctx.t('desk.meetings.f.where.hint')}</p>
    ${input(ctx, { name: 'meeting.place.name', label: ctx.t('desk.meetings.f.placeName'), maxlength: 160 })}
    ${input(ctx, { name: 'meeting.place.address', label: ctx.t('desk.meetings.f.placeAddress'), maxlength: 200 })}
    ${input(ctx, { name: 'meeting.online.url', label: ctx.t('desk.meetings.f.onlineUrl'), type: 'url', hint: ctx.t('desk.meetings.f.onlineUrl.hint') })}
    <div class="choice"><input type="checkbox" id="f-meeting-online-withheld" checked><label for="f-meeting-online-withheld">${ctx.t('desk.meetings.f.withheld')}</label></div>
  </fieldset>
  ${input(ctx, { name: 'meeting.capacity', label: ctx.t('desk.meetings.f.capacity'), type: 'number', inputmode: 'numeric', min: 1, max: 10000, width: 'short', hint: ctx.t('desk.meetings.f.capacity.hint') })}
  ${input(ctx, { name: 'meeting.rsvpClosesHoursBefore', label: ctx.t('desk.meetings.f.closes'), type: 'number', inputmode: 'numeric', min: 0, max: 1440, width: 'short', hint: ctx.t('desk.meetings.f.closes.hint') })}
  ${choices(ctx, { type: 'checkbox', name: 'meeting.languages', label: ctx.t('desk.meetings.f.languages'), required: true, inline: true, checked: ['fi'], options: enumOptions(ctx, 'language', LANGUAGES) })}
  <p><button type="submit" class="primary">${ctx.t('desk.meetings.f.send')}</button></p>
</form>
</section>`;
}
