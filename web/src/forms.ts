/**
 * Shared by every form page: translated strings embedded by the build, JSON
 * requests, and server field errors shown next to their fields and in a
 * summary that takes focus (WCAG 3.3.1, 3.3.3, 4.1.3).
 */
export function messages(): Record<string, string> {
  const el = document.getElementById('i18n');
  return el?.textContent ? (JSON.parse(el.textContent) as Record<string, string>) : {};
}

export interface ApiAnswer<T> {
  status: number;
  body: T | undefined;
  error?: { code: string; message: string; fields?: Record<string, string> };
}

export function cookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
  const csrf = cookie('verkosto_csrf');
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    json = undefined;
  }
  const error = (json as { error?: ApiAnswer<T>['error'] } | undefined)?.error;
  return { status: res.status, body: res.ok ? (json as T) : undefined, ...(error ? { error } : {}) };
}

/** Finds the field container for a dotted path, walking up the path until one exists. */
function container(form: HTMLFormElement, path: string): HTMLElement | undefined {
  let p = path;
  for (;;) {
    const el = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(p)}"]`);
    if (el) return el;
    const cut = p.lastIndexOf('.');
    if (cut < 0) return undefined;
    p = p.slice(0, cut);
  }
}

export function clearErrors(form: HTMLFormElement, status: HTMLElement) {
  for (const e of form.querySelectorAll('.field-error')) e.remove();
  for (const e of form.querySelectorAll('[aria-invalid]')) {
    e.removeAttribute('aria-invalid');
    const ids = (e.getAttribute('aria-describedby') ?? '').split(' ').filter((i) => i && !i.startsWith('err-'));
    if (ids.length) e.setAttribute('aria-describedby', ids.join(' '));
    else e.removeAttribute('aria-describedby');
  }
  for (const e of form.querySelectorAll('.has-error')) e.classList.remove('has-error');
  status.hidden = true;
  status.replaceChildren();
  status.removeAttribute('role');
  status.className = 'status';
}

/** Shows each message next to its field and a linked summary at the top, then focuses the summary. */
export function showFieldErrors(form: HTMLFormElement, status: HTMLElement, fields: Record<string, string>, title: string, mapPath: (p: string) => string = (p) => p) {
  const summary = document.createElement('ul');
  let n = 0;
  for (const [rawPath, message] of Object.entries(fields)) {
    const box = container(form, mapPath(rawPath));
    if (!box) continue;
    n++;
    const errId = `err-${n}`;
    const p = document.createElement('p');
    p.className = 'field-error';
    p.id = errId;
    p.textContent = message;
    box.classList.add('has-error');
    const control = box.matches('fieldset') ? box : box.querySelector<HTMLElement>('input, select, textarea');
    const anchor = box.matches('fieldset') ? box.querySelector('legend') : box.querySelector('label');
    (anchor ?? box.firstChild)?.after(p);
    if (control) {
      if (!box.matches('fieldset')) control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), errId].filter(Boolean).join(' '));
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = `#${control.id}`;
      // The visible label only: not the asterisk nor the hidden "(required)".
      const copy = anchor?.cloneNode(true) as HTMLElement | undefined;
      for (const extra of copy?.querySelectorAll('.req, .visually-hidden, .field-error') ?? []) extra.remove();
      const label = copy?.textContent?.trim() ?? '';
      a.textContent = label ? `${label}: ${message}` : message;
      a.addEventListener('click', (ev) => {
        ev.preventDefault();
        const target = box.matches('fieldset') ? box.querySelector<HTMLElement>('input') ?? box : control;
        target.focus();
      });
      li.append(a);
      summary.append(li);
    }
  }
  const h = document.createElement('h2');
  h.textContent = title;
  status.replaceChildren(h, summary);
  status.className = 'status error';
  status.setAttribute('role', 'alert');
  status.hidden = false;
  status.focus();
}

export function showMessage(status: HTMLElement, kind: 'error' | 'success', title: string, text?: string) {
  const h = document.createElement('h2');
  h.textContent = title;
  const parts: HTMLElement[] = [h];
  if (text) {
    const p = document.createElement('p');
    p.textContent = text;
    parts.push(p);
  }
  status.replaceChildren(...parts);
  status.className = `status ${kind}`;
  status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  status.hidden = false;
  status.focus();
}

export function generalError(status: HTMLElement, m: Record<string, string>, httpStatus: number) {
  const key = httpStatus === 413 ? 'form.error.tooLarge' : httpStatus === 429 ? 'form.error.rateLimited' : 'form.error.general';
  showMessage(status, 'error', m[key] ?? 'Error');
}

export function pageLang(): 'fi' | 'sv' | 'en' {
  const l = document.documentElement.lang;
  return l === 'sv' || l === 'en' ? l : 'fi';
}

/** Text of a localised network name in the page language, falling back to Finnish. */
export function localName(name: { fi: string; sv?: string; en?: string }): string {
  return name[pageLang()] ?? name.fi;
}
