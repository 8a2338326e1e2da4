/**
 * The listing form's behaviour, shared by the submit page (web/src/submit.ts)
 * and the edit page (web/src/edit.ts): the network list, the reveal and
 * repeat sections, and filling the form from a listing the API sent.
 */
import { api, pageLang, showMessage, type Localised, type Messages } from './forms.js';
import { initRepeats, syncReveals } from './reveal.js';
import { fillNetworkPicker } from './network-picker.js';

interface Network {
  id: string;
  name: Localised;
  municipalities: string[];
}

/** Fills the network select; picks `wanted` (or the only network). Returns false when the list could not be loaded. */
export async function loadNetworks(select: HTMLSelectElement, status: HTMLElement, m: Messages, wanted?: string | null): Promise<boolean> {
  const res = await api<{ networks: Network[] }>('GET', '/api/networks');
  if (!res.body) {
    showMessage(status, 'error', m['home.networks.error'] ?? '');
    return false;
  }
  // The home page links here per network; with one network there is nothing to choose.
  const ids = res.body.networks.map((n) => n.id);
  fillNetworkPicker(select, res.body.networks, wanted && ids.includes(wanted) ? wanted : ids.length === 1 ? ids[0] : undefined);
  return true;
}

/** Wires the `when` sections and the `repeat` lists; returns the function that re-syncs them. */
export function initListingForm(form: HTMLFormElement): () => void {
  const sync = () => syncReveals(form);
  form.addEventListener('change', sync);
  initRepeats(form, sync);
  return sync;
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

function setScalar(form: HTMLFormElement, name: string, value: string | number | boolean): void {
  for (const c of form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`[name="${CSS.escape(name)}"]`)) {
    if (c instanceof HTMLInputElement && (c.type === 'radio' || c.type === 'checkbox')) c.checked = c.value === String(value);
    else c.value = String(value);
  }
}

/**
 * Puts a listing (the API's `data`, the same shape the form sends) into the
 * form: the name of every control is the dotted path of its value, so this
 * walks the object; lists of objects (channels) get as many entries first.
 */
export function fillListingForm(form: HTMLFormElement, data: Record<string, Json>, sync: () => void): void {
  const walk = (value: Json, path: string) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      if (value.every((v) => typeof v !== 'object' || v === null)) {
        for (const c of form.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][name="${CSS.escape(path)}"]`)) c.checked = value.map(String).includes(c.value);
        return;
      }
      const list = form.querySelector<HTMLElement>(`[data-repeat="${CSS.escape(path)}"]`);
      const add = form.querySelector<HTMLButtonElement>(`[data-repeat-add="${CSS.escape(path)}"]`);
      while (list && add && list.children.length < value.length) add.click();
      value.forEach((v, i) => walk(v, `${path}.${i}`));
      return;
    }
    if (typeof value === 'object') {
      // Radios that choose a section (channel type, schedule type) first, so the section's fields exist and show.
      if ('type' in value && value.type !== null && typeof value.type !== 'object') setScalar(form, `${path ? `${path}.` : ''}type`, value.type);
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
      return;
    }
    setScalar(form, path, value);
  };
  walk(data, '');
  // Translations that have text are shown open.
  for (const d of form.querySelectorAll('details')) if (Array.from(d.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')).some((c) => c.value)) d.open = true;
  sync();
}
