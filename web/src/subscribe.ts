/** /<lang>/subscribe/: POST /api/subscriptions, always 202 → "check your email". */
import { bindJsonForm, messages, pageLang, showMessage } from './forms.js';
import { loadNetworks } from './subscribe-form.js';

const m = messages();
const form = document.getElementById('subscribe-form') as HTMLFormElement;
const status = document.getElementById('form-status') as HTMLElement;

const wanted = new URLSearchParams(location.search).getAll('network');
void loadNetworks(m, wanted);

bindJsonForm(form, {
  status,
  m,
  url: () => `/api/subscriptions?lang=${pageLang()}`,
  busyText: m['sub.sending'],
  onSuccess: () => {
    form.hidden = true;
    showMessage(status, 'success', m['sub.done.title'] ?? '', m['sub.done.text']);
  },
});
