/**
 * What the subscribe and manage forms share: the network checkboxes from
 * GET /api/networks (the same markup as web/fields.ts choices(), so
 * forms.ts builds `networks: [...]` and shows errors on the group), and
 * putting saved preferences back into the controls.
 */
import { api, generalError, showMessage, type Messages } from './forms.js';
import { fillNetworkChoices, type PickerNetwork } from './network-picker.js';

type Network = PickerNetwork;

/** Fills the networks group; checks `wanted`, or the only network when there is one. Resolves false when the list could not be loaded. */
export async function loadNetworks(m: Messages, wanted: readonly string[] = []): Promise<boolean> {
  const box = document.getElementById('network-choices') as HTMLElement;
  const res = await api<{ networks: Network[] }>('GET', '/api/networks');
  box.removeAttribute('aria-busy');
  if (!res.body) {
    const p = document.createElement('p');
    p.className = 'field-error';
    p.textContent = m['sub.networks.error'] ?? '';
    box.replaceChildren(p);
    return false;
  }
  const networks = res.body.networks;
  fillNetworkChoices(box, networks, (id) => wanted.includes(id) || networks.length === 1);
  return true;
}

export interface SavedPreferences {
  email?: string;
  name?: string;
  organisation?: string;
  lang: string;
  networks: string[];
  kinds: string[];
  themes: string[];
  frequency: string;
}

/** Puts saved preferences into the form's controls. */
export function fillPreferences(form: HTMLFormElement, p: SavedPreferences): void {
  const lists: Record<string, readonly string[]> = { networks: p.networks, kinds: p.kinds, themes: p.themes };
  const one: Record<string, string> = { lang: p.lang, frequency: p.frequency };
  for (const el of Array.from(form.elements)) {
    if (!(el instanceof HTMLInputElement)) continue;
    if (el.type === 'checkbox' && el.name in lists) el.checked = lists[el.name]!.includes(el.value);
    else if (el.type === 'radio' && el.name in one) el.checked = one[el.name] === el.value;
    else if (el.name === 'name') el.value = p.name ?? '';
    else if (el.name === 'organisation') el.value = p.organisation ?? '';
  }
}

/** The signed token from the fragment (#token=…); the fragment never reaches a server or its logs. */
export function tokenFromFragment(): string {
  return new URLSearchParams(location.hash.replace(/^#/, '')).get('token') ?? '';
}

/** A paragraph with one link, for the messages that say where to go next. */
export function linkPara(href: string, text: string): HTMLParagraphElement {
  const p = document.createElement('p');
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  p.append(a);
  return p;
}

/**
 * The unsubscribe button of the manage and unsubscribe pages: one POST with
 * the link's token, which takes effect at once; on success the page's
 * controls (`hide`) go away and the status says so.
 */
export function bindUnsubscribe(button: HTMLButtonElement, o: { token: string; lang: string; m: Messages; status: HTMLElement; hide: HTMLElement }): void {
  let busy = false;
  button.addEventListener('click', async () => {
    if (busy) return;
    busy = true;
    const idle = button.textContent;
    button.textContent = o.m['sub.unsub.sending'] ?? '';
    try {
      const res = await api('POST', `/api/subscriptions/unsubscribe?lang=${o.lang}`, { token: o.token });
      if (res.status === 200) {
        o.hide.hidden = true;
        showMessage(o.status, 'success', o.m['sub.unsub.done'] ?? '', o.m['sub.unsub.doneText']);
      } else if (res.status === 401 || res.status === 400) {
        showMessage(o.status, 'error', o.m['sub.manage.badLink'] ?? '', o.m['sub.manage.badLinkText']);
      } else {
        generalError(o.status, o.m, res.status);
      }
    } finally {
      busy = false;
      button.textContent = idle;
    }
  });
}
