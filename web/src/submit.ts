import { api, bindJsonForm, messages, pageLang, showMessage, type Localised } from './forms.js';
import { initRepeats, syncReveals } from './reveal.js';

const m = messages();
const form = document.getElementById('listing-form') as HTMLFormElement;
const status = document.getElementById('form-status') as HTMLElement;
const networkSelect = form.elements.namedItem('network') as HTMLSelectElement;

interface Network {
  id: string;
  name: Localised;
}

async function loadNetworks(): Promise<void> {
  const res = await api<{ networks: Network[] }>('GET', '/api/networks');
  if (!res.body) {
    showMessage(status, 'error', m['home.networks.error'] ?? '');
    return;
  }
  const lang = pageLang();
  for (const n of res.body.networks) {
    const option = new Option(n.name[lang] ?? n.name.fi, n.id);
    if (!n.name[lang]) option.lang = 'fi';
    networkSelect.add(option);
  }
  // The home page links here per network; with one network there is nothing to choose.
  const wanted = new URLSearchParams(location.search).get('network');
  const ids = res.body.networks.map((n) => n.id);
  if (wanted && ids.includes(wanted)) networkSelect.value = wanted;
  else if (ids.length === 1) networkSelect.value = ids[0]!;
}

const sync = () => syncReveals(form);
form.addEventListener('change', sync);
initRepeats(form, sync);

bindJsonForm<{ id: string }>(form, {
  status,
  url: () => `/api/listings?lang=${pageLang()}`,
  busyText: m['submit.sending'],
  m,
  onSuccess: () => {
    form.hidden = true;
    const again = document.createElement('p');
    const link = document.createElement('a');
    link.href = location.pathname;
    link.textContent = m['submit.another'] ?? '';
    again.append(link);
    showMessage(status, 'success', m['submit.success.title'] ?? '', m['submit.success.text'], again);
  },
});

void loadNetworks();
