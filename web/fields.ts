import type { MessageKey } from './i18n/index.js';
import { esc, type PageContext } from './layout.js';

/**
 * Form controls for the build-time pages. The one rule that ties a form to
 * its API: a control's `name` is the dotted path of its value in the JSON
 * body (`contact.email`, `channels.0.postcode`), which is also the path the
 * API names in its field errors. web/src/forms.ts builds the body from the
 * names and puts each server message next to the control of that name.
 *
 * Labels and hints passed in are HTML (use ctx.t, which escapes).
 */
export const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9]+/g, '-')}`;

interface Common {
  name: string;
  label: string;
  required?: boolean;
  hint?: string;
  /** Own id when the same name appears twice in alternative sections (only the shown one is sent). */
  id?: string;
  /** Language of what is typed, when it differs from the page (spell checking, screen readers). */
  inputLang?: string;
}

export type ValueType = 'number' | 'boolean';

function requiredMark(ctx: PageContext, required?: boolean, spoken = false): string {
  if (!required) return '';
  // Controls carry `required`, which screen readers announce; groups (fieldsets) cannot, so they say it in words.
  return ` <span class="req" aria-hidden="true">*</span>${spoken ? `<span class="visually-hidden"> (${ctx.t('submit.required')})</span>` : ''}`;
}

function hintHtml(id: string, hint?: string): string {
  return hint ? `<p class="hint" id="${id}-hint">${hint}</p>` : '';
}

function describedBy(id: string, hint?: string, maxlength?: number): string {
  const ids = [hint ? `${id}-hint` : '', maxlength !== undefined ? `${id}-count` : ''].filter(Boolean);
  return ids.length ? ` aria-describedby="${ids.join(' ')}"` : '';
}

/**
 * The length limit as a counter under the control instead of a `maxlength`
 * attribute, which cuts a pasted text silently: people see how much is left
 * or how much too much, and the server refuses a long text with a message
 * on the field (src/site.ts keeps the count).
 */
function counter(ctx: PageContext, id: string, maxlength?: number): string {
  if (maxlength === undefined) return '';
  return `<p class="hint counter" id="${id}-count" data-max="${maxlength}" data-left="${ctx.t('form.counter.left')}" data-over="${ctx.t('form.counter.over')}">${ctx.f('form.counter.max', { max: maxlength })}</p>`;
}

function wrap(o: Common, id: string, ctx: PageContext, control: string, extraClass = ''): string {
  return `<div class="field${extraClass}" data-field="${esc(o.name)}"><label for="${id}">${o.label}${requiredMark(ctx, o.required)}</label>${hintHtml(id, o.hint)}${control}</div>`;
}

export function input(
  ctx: PageContext,
  o: Common & { type?: 'text' | 'email' | 'url' | 'tel' | 'number' | 'date' | 'time' | 'datetime-local'; autocomplete?: string; inputmode?: string; min?: number; max?: number; maxlength?: number; width?: 'short' | 'medium' },
): string {
  const id = o.id ?? fieldId(o.name);
  const attrs = [
    `id="${id}"`,
    `name="${esc(o.name)}"`,
    `type="${o.type ?? 'text'}"`,
    o.required ? 'required' : '',
    o.autocomplete ? `autocomplete="${esc(o.autocomplete)}"` : '',
    o.inputmode ? `inputmode="${esc(o.inputmode)}"` : '',
    o.min !== undefined ? `min="${o.min}"` : '',
    o.max !== undefined ? `max="${o.max}"` : '',
    o.maxlength !== undefined ? `data-maxlength="${o.maxlength}"` : '',
    o.inputLang ? `lang="${esc(o.inputLang)}"` : '',
    o.width ? `class="w-${o.width}"` : '',
  ].filter(Boolean);
  return wrap(o, id, ctx, `<input ${attrs.join(' ')}${describedBy(id, o.hint, o.maxlength)}>${counter(ctx, id, o.maxlength)}`);
}

export function textarea(ctx: PageContext, o: Common & { rows?: number; maxlength?: number }): string {
  const id = o.id ?? fieldId(o.name);
  const attrs = [
    `id="${id}"`,
    `name="${esc(o.name)}"`,
    `rows="${o.rows ?? 4}"`,
    o.required ? 'required' : '',
    o.maxlength !== undefined ? `data-maxlength="${o.maxlength}"` : '',
    o.inputLang ? `lang="${esc(o.inputLang)}"` : '',
  ].filter(Boolean);
  return wrap(o, id, ctx, `<textarea ${attrs.join(' ')}${describedBy(id, o.hint, o.maxlength)}></textarea>${counter(ctx, id, o.maxlength)}`);
}

export function select(
  ctx: PageContext,
  o: Common & { options: ReadonlyArray<readonly [string, string]>; placeholder?: boolean; selected?: string; valueType?: ValueType; autocomplete?: string },
): string {
  const id = o.id ?? fieldId(o.name);
  const options = [
    ...(o.placeholder ? [`<option value="">${ctx.t('form.choose')}</option>`] : []),
    ...o.options.map(([v, l]) => `<option value="${esc(v)}"${v === o.selected ? ' selected' : ''}>${l}</option>`),
  ].join('');
  const attrs = [
    `id="${id}"`,
    `name="${esc(o.name)}"`,
    o.required ? 'required' : '',
    o.valueType ? `data-type="${o.valueType}"` : '',
    o.autocomplete ? `autocomplete="${esc(o.autocomplete)}"` : '',
  ].filter(Boolean);
  return wrap(o, id, ctx, `<select ${attrs.join(' ')}${describedBy(id, o.hint)}>${options}</select>`);
}

/**
 * Radios (one value) or checkboxes (a list) in a fieldset whose legend is the
 * question. A checkbox group is sent as an array; a required one is sent even
 * when empty, so the server's "choose at least one" lands on it.
 */
export function choices(
  ctx: PageContext,
  o: Common & { type: 'checkbox' | 'radio'; options: ReadonlyArray<readonly [string, string]>; checked?: readonly string[]; columns?: boolean; valueType?: ValueType; inline?: boolean },
): string {
  const id = o.id ?? fieldId(o.name);
  const items = o.options
    .map(([value, label], i) => {
      const itemId = `${id}-${i}`;
      const attrs = [
        `type="${o.type}"`,
        `id="${itemId}"`,
        `name="${esc(o.name)}"`,
        `value="${esc(value)}"`,
        o.checked?.includes(value) ? 'checked' : '',
        o.type === 'radio' && o.required ? 'required' : '',
      ].filter(Boolean);
      return `<div class="choice"><input ${attrs.join(' ')}><label for="${itemId}">${label}</label></div>`;
    })
    .join('');
  const classes = ['field', 'choices', o.columns ? 'columns' : '', o.inline ? 'inline-choices' : ''].filter(Boolean).join(' ');
  const data = [`data-field="${esc(o.name)}"`, o.valueType ? `data-type="${o.valueType}"` : '', o.type === 'checkbox' && o.required ? 'data-required' : ''].filter(Boolean).join(' ');
  return `<fieldset class="${classes}" id="${id}" ${data}${describedBy(id, o.hint)}><legend>${o.label}${requiredMark(ctx, o.required, o.type === 'checkbox')}</legend>${hintHtml(id, o.hint)}<div class="choice-list">${items}</div></fieldset>`;
}

/**
 * Content shown only while the control `name` has one of `values` (checked
 * radio or checkbox, or selected option). Hidden content is not sent.
 */
export function when(name: string, values: readonly string[], html: string, shown = false): string {
  return `<div class="reveal" data-when="${esc(name)}=${esc(values.join(' '))}"${shown ? '' : ' hidden'}>${html}</div>`;
}

/**
 * A list the person can grow and shrink (channels: a place, a link, a phone
 * line…). `item(i)` renders entry i; the build renders entry 0 in the page
 * and again as the template the browser copies and renumbers, so names stay
 * `<name>.0`, `<name>.1`, … in order, as the API's array paths are.
 */
export function repeat(
  ctx: PageContext,
  o: { name: string; label: string; hint?: string; required?: boolean; max: number; addLabel: string; item: (i: number) => string },
): string {
  const id = fieldId(o.name);
  return `<div class="field repeat" data-field="${esc(o.name)}" id="${id}" role="group" aria-labelledby="${id}-label"${describedBy(id, o.hint)}>
<p class="group-label" id="${id}-label">${o.label}${requiredMark(ctx, o.required, true)}</p>${hintHtml(id, o.hint)}
<div class="repeat-list" data-repeat="${esc(o.name)}" data-max="${o.max}">${o.item(0)}</div>
<template data-repeat-template="${esc(o.name)}">${o.item(0)}</template>
<p><button type="button" class="secondary" data-repeat-add="${esc(o.name)}">${o.addLabel}</button></p>
</div>`;
}

/** One entry of a repeat(): a fieldset numbered for people from 1, with its remove button. */
export function repeatItem(o: { name: string; index: number; legend: string; removeLabel: string; body: string }): string {
  const n = `<span data-repeat-number>${o.index + 1}</span>`;
  // The only entry cannot be removed; the browser shows the button once there are two.
  return `<fieldset class="repeat-item" data-field="${esc(o.name)}.${o.index}"><legend>${o.legend} ${n}</legend>${o.body}<p class="repeat-remove"${o.index === 0 ? ' hidden' : ''}><button type="button" class="link" data-repeat-remove>${o.removeLabel} ${n}</button></p></fieldset>`;
}

/**
 * Options for an enum from the dictionary keys enum.<group>.<value>. The
 * type refuses a value whose key is missing, so a new enum value in the
 * schema fails the type check until it has a label in every language.
 */
export function enumOptions<G extends string, V extends string>(
  ctx: PageContext,
  group: G,
  values: readonly V[] & ([`enum.${G}.${V}`] extends [MessageKey] ? unknown : never),
): Array<[V, string]> {
  return values.map((v) => [v, ctx.t(`enum.${group}.${v}` as MessageKey)]);
}
