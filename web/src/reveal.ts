/**
 * The two dynamic shapes forms have (see web/fields.ts `when` and `repeat`):
 * sections shown only while a choice applies, and lists a person can grow.
 * Both work from data attributes, so a page module needs no code of its own.
 */

function chosenValues(form: HTMLFormElement, name: string): string[] {
  const values: string[] = [];
  for (const el of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>(`[name="${CSS.escape(name)}"]`)) {
    if (el instanceof HTMLSelectElement) values.push(el.value);
    else if (el.checked) values.push(el.value);
  }
  return values;
}

/** Shows each `[data-when="name=v1 v2"]` while the control `name` has one of the values. */
export function syncReveals(form: HTMLFormElement): void {
  for (const box of form.querySelectorAll<HTMLElement>('[data-when]')) {
    const spec = box.dataset.when ?? '';
    const cut = spec.indexOf('=');
    const wanted = spec.slice(cut + 1).split(' ');
    box.hidden = !chosenValues(form, spec.slice(0, cut)).some((v) => wanted.includes(v));
  }
}

const RENAMED = ['name', 'id', 'for', 'aria-describedby', 'aria-labelledby', 'data-field', 'data-when', 'href'] as const;

/** Gives every control of entry i the names and ids of entry i (`channels.3.url`, `f-channels-3-url`). */
function renumber(item: HTMLElement, base: string, i: number): void {
  const dotted = new RegExp(`(^|\\s|=)${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\\d+(?=\\.|\\s|=|$)`, 'g');
  const dashed = new RegExp(`f-${base.replace(/[^a-zA-Z0-9]+/g, '-')}-\\d+(?=-|\\s|$)`, 'g');
  const elements = [item, ...Array.from(item.querySelectorAll<HTMLElement>('*'))];
  for (const el of elements) {
    for (const attr of RENAMED) {
      const value = el.getAttribute(attr);
      if (value === null) continue;
      const next = value.replace(dotted, `$1${base}.${i}`).replace(dashed, `f-${base.replace(/[^a-zA-Z0-9]+/g, '-')}-${i}`);
      if (next !== value) el.setAttribute(attr, next);
    }
  }
  for (const n of item.querySelectorAll('[data-repeat-number]')) n.textContent = String(i + 1);
}

function firstControl(el: HTMLElement): HTMLElement | null {
  return el.querySelector<HTMLElement>('input, select, textarea');
}

/**
 * Wires every `[data-repeat]` list: the add button copies the template,
 * remove buttons take an entry out, and the rest are renumbered so the
 * names match the array positions the body will have. Focus goes to the
 * new entry, or after a removal to the entry that took its place.
 */
export function initRepeats(form: HTMLFormElement, onChange: () => void): void {
  for (const list of form.querySelectorAll<HTMLElement>('[data-repeat]')) {
    const base = list.dataset.repeat!;
    const max = Number(list.dataset.max ?? '10');
    const template = form.querySelector<HTMLTemplateElement>(`template[data-repeat-template="${CSS.escape(base)}"]`);
    const add = form.querySelector<HTMLButtonElement>(`[data-repeat-add="${CSS.escape(base)}"]`);
    const items = () => Array.from(list.children).filter((c): c is HTMLElement => c instanceof HTMLElement);

    const refresh = () => {
      const all = items();
      all.forEach((item, i) => renumber(item, base, i));
      // At least one entry stays: an empty list is never what a person means here.
      for (const b of list.querySelectorAll<HTMLElement>('[data-repeat-remove]')) b.closest<HTMLElement>('.repeat-remove')!.hidden = all.length < 2;
      if (add) add.closest<HTMLElement>('p')!.hidden = all.length >= max;
      onChange();
    };

    add?.addEventListener('click', () => {
      if (!template || items().length >= max) return;
      const fresh = template.content.firstElementChild?.cloneNode(true);
      if (!(fresh instanceof HTMLElement)) return;
      list.append(fresh);
      refresh();
      firstControl(fresh)?.focus();
    });

    list.addEventListener('click', (ev) => {
      const button = (ev.target as Element).closest('[data-repeat-remove]');
      if (!button) return;
      const item = button.closest<HTMLElement>('.repeat-item');
      if (!item) return;
      const all = items();
      const at = all.indexOf(item);
      item.remove();
      refresh();
      const next = items()[Math.min(at, items().length - 1)];
      if (next) firstControl(next)?.focus();
    });

    refresh();
  }
}
