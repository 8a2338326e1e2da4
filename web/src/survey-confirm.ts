/**
 * The confirmation page of an answer given by the public link:
 * /<lang>/surveys/confirm/#token=<signed answers>. The survey id is in the
 * token's payload (a JWT: base64url JSON), which the page only reads to
 * build the address; the server verifies the signature. Confirms at once.
 */
import { api, generalError, messages, showMessage } from './forms.js';

const m = messages();
const status = document.getElementById('form-status') as HTMLElement;
const working = document.getElementById('confirm-working') as HTMLElement;
const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token') ?? '';

function surveyIdOf(jwt: string): string | undefined {
  try {
    const part = jwt.split('.')[1] ?? '';
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as { surveyId?: unknown };
    return typeof claims.surveyId === 'string' ? claims.surveyId : undefined;
  } catch {
    return undefined;
  }
}

async function confirm() {
  const id = token ? surveyIdOf(token) : undefined;
  if (!id) {
    working.hidden = true;
    return showMessage(status, 'error', m[token ? 'survey.confirm.expired' : 'survey.confirm.noToken'] ?? '');
  }
  const res = await api<{ responseId: string }>('POST', `/api/surveys/${encodeURIComponent(id)}/responses/confirm`, { token });
  working.hidden = true;
  if (res.status === 201) return showMessage(status, 'success', m['survey.confirm.done'] ?? '');
  if (res.status === 409) return showMessage(status, 'success', m['survey.already.title'] ?? '', m['survey.already.text']);
  if (res.status === 401 || res.status === 400) return showMessage(status, 'error', m['survey.confirm.expired'] ?? '');
  if (res.status === 403) return showMessage(status, 'error', m['survey.notOpen'] ?? '');
  if (res.status === 410) return showMessage(status, 'error', m['survey.closed'] ?? '');
  if (res.status === 404) return showMessage(status, 'error', m['survey.notFound'] ?? '');
  generalError(status, m, res.status);
}

void confirm();
