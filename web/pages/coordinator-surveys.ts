import { choices, input, repeat, repeatItem, select, textarea, when } from '../fields.js';
import type { MessageKey } from '../i18n/index.js';
import type { PageContext } from '../layout.js';
import { RESULT_KEYS } from './surveys.js';

/**
 * The surveys section of the coordinator desk (web/pages/coordinator.ts):
 * the network's surveys (web/src/coordinator-surveys.ts fills the list) and
 * the builder. Control names are the paths of the definition body
 * (functions/surveys/schema.ts); the script turns the options textarea
 * into option objects and numbers the questions q1, q2… and options o1, o2….
 */

const KINDS = ['single', 'multiple', 'scale', 'text'] as const;

export const SURVEY_DESK_KEYS: readonly MessageKey[] = [
  ...RESULT_KEYS,
  'coord.surveys.none',
  'coord.surveys.error',
  'coord.surveys.status',
  'coord.surveys.status.draft',
  'coord.surveys.status.open',
  'coord.surveys.status.closed',
  'coord.surveys.published',
  'coord.surveys.period',
  'coord.surveys.responses',
  'coord.surveys.open',
  'coord.surveys.close',
  'coord.surveys.publish',
  'coord.surveys.showResults',
  'coord.surveys.csv',
  'coord.surveys.publicLink',
  'coord.surveys.resultsPage',
  'coord.surveys.done.opened',
  'coord.surveys.done.closed',
  'coord.surveys.done.published',
  'coord.surveys.done.created',
  'coord.surveys.done.edited',
  'coord.surveys.preview',
  'coord.surveys.edit',
  'coord.surveys.editing',
  'coord.surveys.f.saveChanges',
  'coord.surveys.f.cancelEdit',
  'coord.surveys.notDraft',
  'coord.surveys.tooFew',
  'coord.surveys.publishHint',
  'survey.sending',
];

function question(ctx: PageContext, i: number): string {
  const p = `questions.${i}`;
  const requiredId = `f-questions-${i}-required`;
  const otherId = `f-questions-${i}-other`;
  const body = [
    select(ctx, { name: `${p}.kind`, label: ctx.t('coord.surveys.f.kind'), options: KINDS.map((k) => [k, ctx.t(`coord.surveys.f.kind.${k}`)] as const), selected: 'single' }),
    input(ctx, { name: `${p}.text.fi`, label: ctx.t('coord.surveys.f.text'), required: true, maxlength: 500, inputLang: 'fi' }),
    `<div class="field" data-field="${p}.required"><div class="choice"><input type="checkbox" id="${requiredId}" name="${p}.required" value="true" checked><label for="${requiredId}">${ctx.t('coord.surveys.f.required')}</label></div></div>`,
    when(
      `${p}.kind`,
      ['single', 'multiple'],
      textarea(ctx, { name: `${p}.options`, label: ctx.t('coord.surveys.f.options'), hint: ctx.t('coord.surveys.f.options.hint'), required: true, rows: 4, inputLang: 'fi' }),
      true,
    ),
    when(`${p}.kind`, ['multiple'], `<div class="field" data-field="${p}.other"><div class="choice"><input type="checkbox" id="${otherId}" name="${p}.other" value="true"><label for="${otherId}">${ctx.t('coord.surveys.f.other')}</label></div></div>`),
    when(
      `${p}.kind`,
      ['scale'],
      [
        input(ctx, { name: `${p}.low.fi`, label: ctx.t('coord.surveys.f.low'), required: true, maxlength: 80, inputLang: 'fi' }),
        input(ctx, { name: `${p}.high.fi`, label: ctx.t('coord.surveys.f.high'), required: true, maxlength: 80, inputLang: 'fi' }),
      ].join('\n'),
    ),
  ].join('\n');
  return repeatItem({ name: 'questions', index: i, legend: ctx.t('coord.surveys.f.question'), removeLabel: ctx.t('coord.surveys.f.removeQuestion'), body });
}

function texts(ctx: PageContext, lang: 'fi' | 'sv' | 'en'): string {
  const required = lang === 'fi';
  const inLang = ctx.t(`submit.in.${lang}`);
  return [
    input(ctx, { name: `title.${lang}`, id: `survey-title-${lang}`, label: `${ctx.t('coord.surveys.f.title')} ${inLang}`, required, maxlength: 160, inputLang: lang }),
    textarea(ctx, { name: `intro.${lang}`, id: `survey-intro-${lang}`, label: `${ctx.t('coord.surveys.f.intro')} ${inLang}`, required, rows: 4, maxlength: 2000, inputLang: lang }),
  ].join('\n');
}

/** The content of <section id="surveys"> after its h2. */
export function surveysSection(ctx: PageContext): string {
  return `<div id="surveys-status" class="status" tabindex="-1" hidden></div>
<ul id="survey-list" class="survey-list"></ul>
<details class="builder" id="survey-builder">
  <summary><h3>${ctx.t('coord.surveys.new')}</h3></summary>
  <form id="survey-builder-form" class="stack" method="post" novalidate>
    ${texts(ctx, 'fi')}
    <details class="translations"><summary>${ctx.t('coord.surveys.f.translations')}</summary>${texts(ctx, 'sv')}${texts(ctx, 'en')}</details>
    <div class="inline">
      ${input(ctx, { name: 'opensAt', id: 'survey-opens-at', label: ctx.t('coord.surveys.f.opensAt'), type: 'datetime-local', required: true })}
      ${input(ctx, { name: 'closesAt', id: 'survey-closes-at', label: ctx.t('coord.surveys.f.closesAt'), type: 'datetime-local', required: true })}
    </div>
    ${choices(ctx, { type: 'radio', name: 'anonymous', id: 'survey-anonymous', label: ctx.t('coord.surveys.f.anonymous'), valueType: 'boolean', checked: ['true'], options: [['true', ctx.t('coord.surveys.f.anonymous.yes')], ['false', ctx.t('coord.surveys.f.anonymous.no')]] })}
    ${choices(ctx, { type: 'radio', name: 'invite', id: 'survey-invite', label: ctx.t('coord.surveys.f.invite'), checked: ['email'], options: [['email', ctx.t('coord.surveys.f.invite.email')], ['digest', ctx.t('coord.surveys.f.invite.digest')]] })}
    ${repeat(ctx, { name: 'questions', label: ctx.t('coord.surveys.f.questions'), required: true, max: 40, addLabel: ctx.t('coord.surveys.f.addQuestion'), item: (i) => question(ctx, i) })}
    <p><button type="submit" class="primary">${ctx.t('coord.surveys.f.save')}</button></p>
  </form>
</details>`;
}
