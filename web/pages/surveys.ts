import { input } from '../fields.js';
import type { MessageKey } from '../i18n/index.js';
import { privacyNote, type Page } from '../layout.js';

/**
 * The survey pages a respondent sees. Each is one static page that reads
 * the survey from the query (`?id=`) and a personal or confirmation token
 * from the fragment (`#token=`, never sent to the server in the URL).
 * The questions come from the API, so web/src/survey-answer.ts builds them
 * with the same markup and names as web/fields.ts (`answers.<question>`),
 * and forms.ts shows the server's messages next to them.
 */

/** Texts the results view needs, on the public page and in the coordinator desk. */
export const RESULT_KEYS: readonly MessageKey[] = [
  'survey.results.responses',
  'survey.results.answered',
  'survey.results.option',
  'survey.results.count',
  'survey.results.share',
  'survey.results.value',
  'survey.results.mean',
  'survey.results.other',
  'survey.results.otherTexts',
  'survey.results.texts',
  'survey.results.textsPrivate',
  'survey.results.none',
  'survey.results.figures.one',
  'survey.results.figures.other',
  'survey.results.showTable',
  'survey.results.suppressed',
];

export const surveyAnswerPage: Page = {
  path: 'surveys/answer',
  title: 'survey.title',
  script: 'survey-answer',
  clientKeys: [
    'survey.title',
    'survey.notFound',
    'survey.loadError',
    'survey.notOpen',
    'survey.closed',
    'survey.closes',
    'survey.anonymous',
    'survey.named',
    'survey.other',
    'survey.scaleHint',
    'survey.sending',
    'survey.thanks.title',
    'survey.thanks.text',
    'survey.pending.title',
    'survey.pending.text',
    'survey.already.title',
    'survey.already.text',
    'survey.badLink',
    'survey.resultsLink',
    'survey.progress',
    'survey.preview.badge',
    'survey.preview.signIn',
    'survey.preview.signInLink',
    'submit.required',
    'form.counter.max',
    'form.counter.left',
    'form.counter.over',
  ],
  render: (ctx) => `
<div id="survey-preview" class="preview-banner" hidden>
  <p><strong class="badge">${ctx.t('survey.preview.badge')}</strong> ${ctx.t('survey.preview.text')}</p>
  <p><a href="/${ctx.lang}/coordinator/#surveys">${ctx.t('survey.preview.back')}</a></p>
</div>
<div id="survey-intro"><p class="muted" id="survey-loading">${ctx.t('survey.loading')}</p></div>
<div id="form-status" class="status" tabindex="-1" hidden></div>
<form id="survey-form" class="stack" method="post" novalidate hidden>
  <p class="hint">${ctx.t('survey.requiredNote')}</p>
  <div id="survey-questions" class="stack-questions"></div>
  <fieldset class="section" id="survey-you" hidden>
    <legend>${ctx.t('survey.you')}</legend>
    ${input(ctx, { name: 'email', label: ctx.t('survey.email'), type: 'email', required: true, autocomplete: 'email', hint: ctx.t('survey.email.hint') })}
    ${input(ctx, { name: 'name', label: ctx.t('survey.name'), autocomplete: 'name' })}
    ${privacyNote(ctx, 'privacy.note.survey')}
  </fieldset>
  <div id="survey-progress" class="survey-progress" hidden><p aria-live="polite"></p><progress aria-hidden="true"></progress></div>
  <p><button type="submit" class="primary">${ctx.t('survey.send')}</button></p>
</form>`,
};

export const surveyConfirmPage: Page = {
  path: 'surveys/confirm',
  title: 'survey.confirm.title',
  script: 'survey-confirm',
  clientKeys: ['survey.confirm.done', 'survey.confirm.expired', 'survey.confirm.noToken', 'survey.already.title', 'survey.already.text', 'survey.notOpen', 'survey.closed', 'survey.notFound', 'survey.thanks.text'],
  render: (ctx) => `
<p class="muted" id="confirm-working">${ctx.t('survey.confirm.working')}</p>
<div id="form-status" class="status" tabindex="-1" hidden></div>`,
};

export const surveyResultsPage: Page = {
  path: 'surveys/results',
  title: 'survey.results.title',
  script: 'survey-results',
  clientKeys: [...RESULT_KEYS, 'survey.results.title', 'survey.results.notPublished', 'survey.results.tooFew', 'survey.notFound', 'survey.loadError'],
  render: (ctx) => `
<div id="form-status" class="status" tabindex="-1" hidden></div>
<div id="results"><p class="muted">${ctx.t('survey.loading')}</p></div>`,
};
