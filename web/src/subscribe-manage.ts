/**
 * /<lang>/subscribe/manage/#token=…: the manage link from every email.
 * GET /api/subscriptions/me fills the form; PUT saves it (the same body as
 * subscribing, without the address); the unsubscribe button POSTs {token}.
 */
import { api, bindJsonForm, generalError, messages, pageLang, showMessage } from './forms.js';
import { bindUnsubscribe, fillPreferences, linkPara, loadNetworks, tokenFromFragment, type SavedPreferences } from './subscribe-form.js';

const m = messages();
const status = document.getElementById('form-status') as HTMLElement;
const loading = document.getElementById('manage-loading') as HTMLElement;
const manage = document.getElementById('manage') as HTMLElement;
const form = document.getElementById('manage-form') as HTMLFormElement;
const leave = document.getElementById('unsubscribe') as HTMLButtonElement;
const lang = pageLang();
const token = tokenFromFragment();
const auth = { authorization: `Bearer ${token}` };
const again = () => linkPara(`/${lang}/subscribe/`, m['sub.again'] ?? '');

async function start(): Promise<void> {
  if (!token) {
    loading.hidden = true;
    return showMessage(status, 'error', m['sub.noToken'] ?? '', undefined, again());
  }
  const [res] = await Promise.all([api<SavedPreferences>('GET', `/api/subscriptions/me?lang=${lang}`, undefined, auth), loadNetworks(m)]);
  loading.hidden = true;
  if (res.status === 200 && res.body) {
    (document.getElementById('manage-email') as HTMLElement).textContent = res.body.email ?? '';
    fillPreferences(form, res.body);
    manage.hidden = false;
    return;
  }
  if (res.status === 401 || res.status === 400) return showMessage(status, 'error', m['sub.manage.badLink'] ?? '', m['sub.manage.badLinkText'], again());
  if (res.status === 404) return showMessage(status, 'error', m['sub.manage.gone'] ?? '', undefined, again());
  generalError(status, m, res.status);
}

bindJsonForm(form, {
  status,
  m,
  method: 'PUT',
  url: () => `/api/subscriptions/me?lang=${lang}`,
  headers: auth,
  busyText: m['sub.sending'],
  onSuccess: () => showMessage(status, 'success', m['sub.manage.saved'] ?? ''),
});

bindUnsubscribe(leave, { token, lang, m, status, hide: manage });

void start();
