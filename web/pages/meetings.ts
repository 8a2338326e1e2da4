import { choices, input, select } from '../fields.js';
import type { MessageKey } from '../i18n/index.js';
import { privacyNote, type Page } from '../layout.js';
import { TURN_LIMITS } from '../../functions/meetings/schema.js';

/**
 * Network meetings, public side: the list of a network's coming meetings,
 * one meeting with its sign-up form, and the answer page the link in the
 * sign-up mails opens (#token=…). The API: docs/api.md, "Meetings".
 */

/** Texts the meeting scripts use to describe a meeting (web/src/meeting-text.ts). */
const MEETING_TEXT_KEYS: readonly MessageKey[] = [
  'meetings.when', 'meetings.whenFormat', 'meetings.place', 'meetings.online', 'meetings.online.withheld', 'meetings.online.available',
  'meetings.seats', 'meetings.seats.left', 'meetings.seats.full', 'meetings.seats.open', 'meetings.status.cancelled', 'meetings.presenters',
  'meetings.turns', 'meetings.turns.free', 'turns.minutes',
];

/** Texts of the presentation turns on the meeting page (web/src/meeting-turns.ts). */
const TURN_KEYS: readonly MessageKey[] = [
  'turns.number', 'turns.free', 'turns.pending', 'turns.claim', 'turns.form.heading', 'turns.sending', 'turns.sent.title', 'turns.sent.text', 'turns.taken', 'turns.gone',
];

export const meetingsPage: Page = {
  path: 'meetings',
  title: 'meetings.title',
  nav: 'meetings',
  script: 'meetings',
  clientKeys: [...MEETING_TEXT_KEYS, 'meetings.loading', 'meetings.empty', 'meetings.error', 'meetings.series.dates', 'meetings.series.full'],
  render: (ctx) => `
<p class="lead">${ctx.t('meetings.lead')}</p>
<form id="network-form" class="inline-form" method="get" action="${ctx.href('meetings')}">
  ${select(ctx, { name: 'network', label: ctx.t('meetings.network'), options: [] })}
  <button type="submit" class="secondary">${ctx.t('meetings.show')}</button>
</form>
<section aria-labelledby="coming-h">
  <h2 id="coming-h">${ctx.t('meetings.coming')}</h2>
  <p id="subscribe" class="subscribe" hidden><a id="subscribe-link" href="/api/networks">${ctx.t('meetings.subscribe')}</a><span class="hint">${ctx.t('meetings.subscribe.hint')}</span></p>
  <ul id="meetings" class="cards" aria-busy="true"><li class="muted">${ctx.t('meetings.loading')}</li></ul>
</section>`,
};

export const meetingPage: Page = {
  path: 'meetings/view',
  title: 'meeting.title',
  nav: 'meetings',
  script: 'meeting',
  clientKeys: [
    ...MEETING_TEXT_KEYS,
    'meeting.notFound', 'meeting.closed', 'meeting.cancelled', 'meetings.rsvpCloses', 'meetings.error', 'site.name',
    'rsvp.sending', 'rsvp.confirmed.title', 'rsvp.confirmed.text', 'rsvp.waitlisted.title', 'rsvp.waitlisted.text',
    'rsvp.gone.cancelled', 'rsvp.gone.closed', 'rsvp.answered', 'rsvp.joinWaitlist', ...TURN_KEYS,
  ],
  render: (ctx) => `
<div id="meeting-status" class="status" tabindex="-1" hidden></div>
<p id="meeting-loading" class="muted">${ctx.t('meeting.loading')}</p>
<div id="meeting" hidden>
  <p id="m-description" class="lead pre-line"></p>
  <dl id="m-facts" class="facts"></dl>
  <div id="m-agenda" hidden>
    <h2>${ctx.t('meetings.agenda')}</h2>
    <p id="m-agenda-text" class="pre-line"></p>
  </div>
  <p class="actions"><a id="m-ics" class="button secondary-link" href="/api/meetings" download>${ctx.t('meetings.addToCalendar')}</a> <a id="m-google" href="#">${ctx.t('calendar.google')}</a> <a id="m-outlook" href="#">${ctx.t('calendar.outlook')}</a> <a id="m-all" href="${ctx.href('meetings')}">${ctx.t('meetings.all')}</a></p>
  <section id="turns" aria-labelledby="turns-h" hidden>
    <h2 id="turns-h">${ctx.t('turns.heading')}</h2>
    <p id="turns-lead">${ctx.t('turns.lead')}</p>
    <div id="turns-status" class="status" tabindex="-1" hidden></div>
    <ol id="turns-list" class="turns"></ol>
    <div id="turn-claim" class="callout" hidden>
      <h3 id="turn-claim-h" tabindex="-1"></h3>
      <div id="turn-form-status" class="status" tabindex="-1" hidden></div>
      <form id="turn-form" class="stack narrow" method="post" novalidate aria-labelledby="turn-claim-h">
        ${input(ctx, { name: 'organisation', id: 'f-turn-organisation', label: ctx.t('turns.f.organisation'), required: true, autocomplete: 'organization', maxlength: TURN_LIMITS.organisation })}
        ${input(ctx, { name: 'presenter', id: 'f-turn-presenter', label: ctx.t('turns.f.presenter'), required: true, autocomplete: 'name', maxlength: TURN_LIMITS.presenter })}
        <div class="choice"><input type="checkbox" id="f-turn-show"><label for="f-turn-show">${ctx.t('turns.f.showPresenter')}</label></div>
        ${input(ctx, { name: 'topic', id: 'f-turn-topic', label: ctx.t('turns.f.topic'), required: true, maxlength: TURN_LIMITS.topic })}
        ${input(ctx, { name: 'email', id: 'f-turn-email', label: ctx.t('turns.f.email'), required: true, type: 'email', autocomplete: 'email', hint: ctx.t('turns.f.email.hint') })}
        ${privacyNote(ctx, 'privacy.note.turn')}
        <p class="inline"><button type="submit" class="primary">${ctx.t('turns.send')}</button><button type="button" id="turn-form-close" class="secondary">${ctx.t('turns.formClose')}</button></p>
      </form>
    </div>
  </section>
  <p id="rsvp-closed" class="status" hidden></p>
  <section id="rsvp" aria-labelledby="rsvp-h" hidden>
    <h2 id="rsvp-h">${ctx.t('rsvp.heading')}</h2>
    <p>${ctx.t('rsvp.lead')}</p>
    <p id="rsvp-closes" class="hint" hidden></p>
    <div id="form-status" class="status" tabindex="-1" hidden></div>
    <form id="rsvp-form" class="stack narrow" method="post" novalidate>
      ${input(ctx, { name: 'name', label: ctx.t('rsvp.name'), required: true, autocomplete: 'name', maxlength: 120 })}
      ${input(ctx, { name: 'email', label: ctx.t('rsvp.email'), required: true, type: 'email', autocomplete: 'email', hint: ctx.t('rsvp.email.hint') })}
      ${input(ctx, { name: 'organisation', label: ctx.t('rsvp.organisation'), autocomplete: 'organization', maxlength: 160 })}
      ${choices(ctx, { type: 'radio', name: 'attendance', label: ctx.t('rsvp.attendance'), required: true, inline: true, options: [['onsite', ctx.t('rsvp.attendance.onsite')], ['online', ctx.t('rsvp.attendance.online')]] })}
      ${privacyNote(ctx, 'privacy.note.rsvp')}
      <p><button type="submit" class="primary">${ctx.t('rsvp.send')}</button></p>
    </form>
  </section>
</div>`,
};

export const meetingAnswerPage: Page = {
  path: 'meetings/rsvp',
  title: 'answer.title',
  nav: 'meetings',
  script: 'meeting-answer',
  clientKeys: [
    ...MEETING_TEXT_KEYS,
    'answer.badLink', 'answer.status', 'answer.status.confirmed', 'answer.status.waitlisted', 'answer.status.cancelled', 'answer.attendance', 'answer.join',
    'answer.cancelled.title', 'answer.cancelled.text', 'rsvp.attendance.onsite', 'rsvp.attendance.online',
  ],
  render: (ctx) => `
<div id="answer-status" class="status" tabindex="-1" hidden></div>
<p id="answer-loading" class="muted">${ctx.t('answer.loading')}</p>
<div id="answer" hidden>
  <h2 id="a-title"></h2>
  <dl id="a-facts" class="facts"></dl>
  <p><a id="a-page" href="${ctx.href('meetings')}">${ctx.t('answer.meetingPage')}</a></p>
  <p id="a-cancel-row" hidden><button type="button" id="a-cancel" class="secondary">${ctx.t('answer.cancel')}</button></p>
  <div id="a-confirm" class="callout" role="group" aria-labelledby="a-confirm-q" tabindex="-1" hidden>
    <p id="a-confirm-q">${ctx.t('answer.cancel.question')}</p>
    <p class="inline"><button type="button" id="a-yes" class="primary">${ctx.t('answer.cancel.yes')}</button><button type="button" id="a-no" class="secondary">${ctx.t('answer.cancel.no')}</button></p>
  </div>
</div>`,
};

/** The link in a turn's claim mail (#token=…): confirms the claim at once, once. */
export const meetingTurnPage: Page = {
  path: 'meetings/turn',
  title: 'turn.title',
  nav: 'meetings',
  script: 'meeting-turn',
  clientKeys: [...MEETING_TEXT_KEYS, 'turn.confirmed.title', 'turn.confirmed.text', 'turn.used', 'turn.expired', 'turn.released', 'turn.badLink', 'turns.number'],
  render: (ctx) => `
<div id="turn-status" class="status" tabindex="-1" hidden></div>
<p id="turn-loading" class="muted">${ctx.t('turn.loading')}</p>
<div id="turn-meeting" hidden>
  <h2 id="t-title"></h2>
  <dl id="t-facts" class="facts"></dl>
</div>
<p><a id="t-page" href="${ctx.href('meetings')}">${ctx.t('turn.meetingPage')}</a></p>`,
};
