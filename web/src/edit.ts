import { clearErrors, formJson, generalError, messages, pageLang, showFieldErrors, showMessage, type ApiError } from './forms.js';
import { fillListingForm, initListingForm, loadNetworks } from './listing-form.js';
import { fill, formatDate } from './listing-view.js';
import { helsinkiDay } from './time.js';

const m = messages();
const pageStatus = document.getElementById('edit-status') as HTMLElement;
const loading = document.getElementById('edit-loading') as HTMLElement;
const body = document.getElementById('edit-body') as HTMLElement;
const form = document.getElementById('listing-form') as HTMLFormElement;
const formStatus = document.getElementById('form-status') as HTMLElement;
const networkSelect = form.elements.namedItem('network') as HTMLSelectElement;

interface EditView {
  id: string;
  status: 'pending' | 'published' | 'rejected' | 'withdrawn' | 'expired';
  moderation: 'pending' | 'approved' | 'rejected';
  data: Record<string, never>;
  published: Record<string, never> | null;
  rejectReason: string | null;
}

// The receipt mail links to #token=…: the fragment never reaches a server or a log.
const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
// Another link opened in the same tab changes only the fragment: start again with it.
window.addEventListener('hashchange', () => location.reload());

/** The listing id the token was made for (its payload, base64url JSON); the server checks the signature. */
function listingIdOf(jwt: string): string | undefined {
  try {
    const part = jwt.split('.')[1] ?? '';
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const id = (JSON.parse(json) as { listingId?: unknown }).listingId;
    return typeof id === 'string' && id ? id : undefined;
  } catch {
    return undefined;
  }
}
const id = listingIdOf(token);
let current: EditView | undefined;

/** A request with the personal link's token; status 0 when nothing answered. */
async function call<T>(method: string, path: string, json?: unknown): Promise<{ status: number; body?: T; error?: ApiError }> {
  try {
    const res = await fetch(path, {
      method,
      headers: { accept: 'application/json', authorization: `Bearer ${token}`, ...(json !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
    const parsed = (await res.json().catch(() => undefined)) as (T & { error?: ApiError }) | undefined;
    return { status: res.status, ...(res.ok ? { body: parsed as T } : parsed?.error ? { error: parsed.error } : {}) };
  } catch {
    return { status: 0 };
  }
}

function stop(key: string): void {
  loading.hidden = true;
  body.hidden = true;
  showMessage(pageStatus, 'error', m[key] ?? '');
}

function showState(v: EditView): void {
  (document.getElementById('edit-state') as HTMLElement).textContent = m[`edit.status.${v.status}`] ?? v.status;
  const note = document.getElementById('edit-note') as HTMLElement;
  if (v.moderation === 'rejected' && v.rejectReason) note.textContent = fill(m['edit.reason'], { reason: v.rejectReason });
  else if (v.status === 'published' && v.moderation === 'pending') note.textContent = m['edit.changePending'] ?? '';
  else note.textContent = '';
  note.hidden = !note.textContent;
  const view = document.getElementById('edit-view') as HTMLElement;
  view.querySelector('a')!.href = `/${pageLang()}/listings/view/?id=${encodeURIComponent(v.id)}`;
  view.hidden = v.status !== 'published';
  // The network is chosen once, when submitting: shown as a fact here, not as a control.
  networkSelect.closest<HTMLElement>('.field')!.hidden = true;
  (document.getElementById('edit-network') as HTMLElement).textContent = networkSelect.selectedOptions[0]?.textContent ?? String(v.data.network ?? '');
  const until = v.data.validUntil as string | undefined;
  (document.getElementById('edit-validity') as HTMLElement).textContent = until ? fill(m['edit.validity.until'], { date: formatDate(until) }) : (m['edit.validity.open'] ?? '');
  // "Still valid" is for a listing that has an end date and is (or was) public.
  (document.getElementById('still-valid') as HTMLElement).hidden = !until || (v.status !== 'published' && v.status !== 'expired');
  // A withdrawn listing cannot come back: nothing to edit.
  form.hidden = v.status === 'withdrawn';
  (document.getElementById('withdraw') as HTMLElement).hidden = v.status === 'withdrawn';
}

async function load(): Promise<EditView | undefined> {
  const res = await call<EditView>('GET', `/api/listings/${encodeURIComponent(id!)}/edit`);
  if (res.body) return res.body;
  stop(res.status === 401 || res.status === 403 ? 'edit.badLink' : res.status === 404 ? 'view.notFound' : 'form.error.general');
  return undefined;
}

async function start(): Promise<void> {
  if (!token || !id) return stop('edit.badLink');
  const sync = initListingForm(form);
  const [v] = await Promise.all([load(), loadNetworks(networkSelect, formStatus, m)]);
  if (!v) return;
  fillListingForm(form, v.data, sync);
  current = v;
  showState(v);
  loading.hidden = true;
  body.hidden = false;
}

/**
 * formJson leaves an empty object where a group of optional fields is all
 * empty (`ageRange: {}`); the server would read that as a change from "no
 * age range" and send an unchanged listing back to moderation.
 */
function withoutEmptyObjects(value: unknown, stored: unknown): unknown {
  const before = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  if (Array.isArray(value)) return value.map((v, i) => withoutEmptyObjects(v, (before as unknown as unknown[])[i]));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const pruned = withoutEmptyObjects(v, before[k]);
      // Kept when the stored listing has it too (a listing sent from the form may have `ageRange: {}`).
      if (pruned && typeof pruned === 'object' && !Array.isArray(pruned) && Object.keys(pruned).length === 0 && !(k in before)) continue;
      out[k] = pruned;
    }
    return out;
  }
  return value;
}

/** A year on from the later of the listing's end and today (what the reminder mail's link does, too). */
function yearOn(until: string): string {
  const today = helsinkiDay(new Date().toISOString());
  const base = new Date(`${until > today ? until : today}T00:00:00Z`);
  base.setUTCFullYear(base.getUTCFullYear() + 1);
  return base.toISOString().slice(0, 10);
}

const extendButton = document.getElementById('extend-now') as HTMLButtonElement;
const extendStatus = document.getElementById('extend-status') as HTMLElement;
extendButton.addEventListener('click', async () => {
  const until = current?.data.validUntil as string | undefined;
  if (!current || !until || !id || extendButton.disabled) return;
  extendButton.disabled = true;
  const to = yearOn(until);
  // The stored listing with only the end date moved: validity applies at once, without moderation.
  const res = await call<{ moderated: boolean }>('PUT', `/api/listings/${encodeURIComponent(id)}?lang=${pageLang()}`, { ...current.data, validUntil: to });
  extendButton.disabled = false;
  if (res.status === 202) {
    current = { ...current, data: { ...current.data, validUntil: to } as unknown as Record<string, never> };
    const input = form.elements.namedItem('validUntil') as HTMLInputElement | null;
    if (input) input.value = to;
    showState(current);
    showMessage(extendStatus, 'success', fill(m['edit.extend.done'], { date: formatDate(to) }));
  } else if (res.status === 401 || res.status === 403) stop('edit.badLink');
  else generalError(extendStatus, m, res.status);
});

const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
const idle = button.textContent ?? '';
let busy = false;
form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  if (busy || !id) return;
  busy = true;
  form.setAttribute('aria-busy', 'true');
  button.textContent = m['submit.sending'] ?? idle;
  try {
    const res = await call<{ moderated: boolean }>('PUT', `/api/listings/${encodeURIComponent(id)}?lang=${pageLang()}`, withoutEmptyObjects({ ...formJson(form), network: current?.data.network }, current?.published ?? current?.data));
    if (res.status === 202 && res.body) {
      clearErrors(form, formStatus);
      // The change is applied by an event a moment later: show where it stands from the answer.
      if (current && res.body.moderated) {
        current = { ...current, moderation: 'pending', rejectReason: null, status: current.status === 'published' ? 'published' : 'pending' };
        showState(current);
      }
      showMessage(formStatus, 'success', m[res.body.moderated ? 'edit.saved.moderated' : 'edit.saved.direct'] ?? '');
    } else if (res.status === 400 && res.error?.fields && Object.keys(res.error.fields).length) {
      showFieldErrors(form, formStatus, res.error.fields, m);
    } else if (res.status === 401 || res.status === 403) {
      stop('edit.badLink');
    } else {
      clearErrors(form, formStatus);
      generalError(formStatus, m, res.status);
    }
  } finally {
    busy = false;
    form.removeAttribute('aria-busy');
    button.textContent = idle;
  }
});

const confirmBox = document.getElementById('withdraw-confirm') as HTMLElement;
const startButton = document.getElementById('withdraw-start') as HTMLButtonElement;
startButton.addEventListener('click', () => {
  startButton.closest('p')!.hidden = true;
  confirmBox.hidden = false;
  confirmBox.focus();
});
document.getElementById('withdraw-no')!.addEventListener('click', () => {
  confirmBox.hidden = true;
  startButton.closest('p')!.hidden = false;
  startButton.focus();
});
document.getElementById('withdraw-yes')!.addEventListener('click', async () => {
  if (!id) return;
  const res = await call('DELETE', `/api/listings/${encodeURIComponent(id)}`);
  if (res.status === 202) {
    body.hidden = true;
    showMessage(pageStatus, 'success', m['edit.withdrawn'] ?? '');
  } else if (res.status === 401 || res.status === 403) stop('edit.badLink');
  else generalError(pageStatus, m, res.status);
});

void start();
