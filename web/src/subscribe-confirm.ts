/**
 * /<lang>/subscribe/confirm/#token=…: confirms at once. The link is
 * single-purpose and confirming twice is harmless, so no button is needed.
 */
import { api, generalError, messages, pageLang, showMessage } from './forms.js';
import { linkPara, tokenFromFragment } from './subscribe-form.js';

const m = messages();
const status = document.getElementById('form-status') as HTMLElement;
const working = document.getElementById('confirm-working') as HTMLElement;
const lang = pageLang();

async function confirm(): Promise<void> {
  const token = tokenFromFragment();
  const again = () => linkPara(`/${lang}/subscribe/`, m['sub.again'] ?? '');
  if (!token) {
    working.hidden = true;
    return showMessage(status, 'error', m['sub.noToken'] ?? '', undefined, again());
  }
  const res = await api<{ networks: string[] }>('POST', `/api/subscriptions/confirm?lang=${lang}`, { token });
  working.hidden = true;
  if (res.status === 200) {
    const networks = res.body?.networks ?? [];
    const archive = networks.length === 1 ? `/${lang}/digests/?network=${encodeURIComponent(networks[0]!)}` : `/${lang}/digests/`;
    return showMessage(status, 'success', m['sub.confirm.done'] ?? '', m['sub.confirm.doneText'], linkPara(archive, m['sub.confirm.archive'] ?? ''));
  }
  if (res.status === 410 || res.status === 401 || res.status === 400 || res.status === 404) {
    return showMessage(status, 'error', m['sub.confirm.expired'] ?? '', m['sub.confirm.expiredText'], again());
  }
  generalError(status, m, res.status);
}

void confirm();
