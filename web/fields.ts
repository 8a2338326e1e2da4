import { esc, type PageContext } from './layout.js';
import type { MessageKey } from './i18n/index.js';

/**
 * Form controls named by the dotted path the API uses in its field errors
 * (`contact.email`, `channels.0.postcode`), so the page can put each server
 * message next to its control. Ids are the path with dots as dashes.
 */
export const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9]+/g, '-')}`;

interface Common {
  name: string;
  label: string;
  required?: boolean;
  hint?: string;
  /** extra attributes, already escaped */
  attrs?: string;
}

function labelHtml(ctx: PageContext, id: string, label: string, required?: boolean) {
  return `<label for="${id}">${label}${required ? ` <span class="req" aria-hidden="true">*</span><span class="visually-hidden"> (${ctx.t('submit.required')})</span>` : ''}</label>`;
}

function hintHtml(id: string, hint?: string) {
  return hint ? `<p class="hint" id="${id}-hint">${hint}</p>` : '';
}

export function input(ctx: PageContext, o: Common & { type?: string; autocomplete?: string; inputmode?: string }): string {
  const id = fieldId(o.name);
  return `<div class="field" data-field="${esc(o.name)}">${labelHtml(ctx, id, o.label, o.required)}${hintHtml(id, o.hint)}<input id="${id}" name="${esc(o.name)}" type="${o.type ?? 'text'}"${o.required ? ' required aria-required="true"' : ''}${o.autocomplete ? ` autocomplete="${o.autocomplete}"` : ''}${o.inputmode ? ` inputmode="${o.inputmode}"` : ''}${o.hint ? ` aria-describedby="${id}-hint"` : ''}${o.attrs ? ` ${o.attrs}` : ''}></div>`;
}

export function textarea(ctx: PageContext, o: Common & { rows?: number }): string {
  const id = fieldId(o.name);
  return `<div class="field" data-field="${esc(o.name)}">${labelHtml(ctx, id, o.label, o.required)}${hintHtml(id, o.hint)}<textarea id="${id}" name="${esc(o.name)}" rows="${o.rows ?? 4}"${o.required ? ' required aria-required="true"' : ''}${o.hint ? ` aria-describedby="${id}-hint"` : ''}></textarea></div>`;
}

export function select(ctx: PageContext, o: Common & { options: Array<[string, string]>; placeholder?: boolean }): string {
  const id = fieldId(o.name);
  const opts = (o.placeholder ? [`<option value="">${ctx.t('form.choose')}</option>`] : []).concat(o.options.map(([v, l]) => `<option value="${esc(v)}">${l}</option>`));
  return `<div class="field" data-field="${esc(o.name)}">${labelHtml(ctx, id, o.label, o.required)}${hintHtml(id, o.hint)}<select id="${id}" name="${esc(o.name)}"${o.required ? ' required aria-required="true"' : ''}${o.hint ? ` aria-describedby="${id}-hint"` : ''}>${opts.join('')}</select></div>`;
}

/** A group of checkboxes or radios in a fieldset; errors for the group go on the fieldset. */
export function choices(ctx: PageContext, o: Common & { type: 'checkbox' | 'radio'; options: Array<[string, string]>; checked?: string[]; columns?: boolean }): string {
  const id = fieldId(o.name);
  const items = o.options
    .map(([v, l], i) => {
      const itemId = `${id}-${i}`;
      return `<div class="choice"><input type="${o.type}" id="${itemId}" name="${esc(o.name)}" value="${esc(v)}"${o.checked?.includes(v) ? ' checked' : ''}><label for="${itemId}">${l}</label></div>`;
    })
    .join('');
  const legend = `<legend>${o.label}${o.required ? ` <span class="req" aria-hidden="true">*</span><span class="visually-hidden"> (${ctx.t('submit.required')})</span>` : ''}</legend>`;
  return `<fieldset class="field choices${o.columns ? ' columns' : ''}" id="${id}" data-field="${esc(o.name)}" tabindex="-1"${o.hint ? ` aria-describedby="${id}-hint"` : ''}>${legend}${hintHtml(id, o.hint)}<div class="choice-list">${items}</div></fieldset>`;
}

/** Options for an enum from the dictionary: enum.<group>.<value>. */
export function enumOptions(ctx: PageContext, group: string, values: readonly string[]): Array<[string, string]> {
  return values.map((v) => [v, ctx.t(`enum.${group}.${v}` as MessageKey)]);
}
