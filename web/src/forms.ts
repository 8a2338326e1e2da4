/**
 * What every form page shares: texts embedded by the build, JSON requests,
 * the body built from control names, and server errors shown next to their
 * fields plus a linked summary that takes focus (WCAG 3.3.1, 3.3.3, 4.1.3).
 *
 * The naming rule (see web/fields.ts): a control's name is the dotted path
 * of its value in the JSON body, and the API names that same path in
 * `error.fields`. Nothing here knows about any particular form.
 *
 * Text from the API or from people is only ever set with textContent.
 */

export type Lang = 'fi' | 'sv' | 'en';
export type Messages = Record<string, string>;

export function messages(): Messages {
  const el = document.getElementById('i18n');
  return el?.textContent ? (JSON.parse(el.textContent) as Messages) : {};
}

export function pageLang(): Lang {
  const l = document.documentElement.lang;
  return l === 'sv' || l === 'en' ? l : 'fi';
}

export interface Localised {
  fi: string;
  sv?: string | undefined;
  en?: string | undefined;
}

/**
 * Puts a localised text into an element in the page's language, or in
 * Finnish marked with lang="fi" when there is no translation, so screen
 * readers pronounce it right (WCAG 3.1.2).
 */
export function setLocalText(el: HTMLElement, text: Localised): void {
  const lang = pageLang();
  const own = text[lang];
  el.textContent = own ?? text.fi;
  if (own === undefined && lang !== 'fi') el.lang = 'fi';
}

/**
 * A text the API sent with its own language (`…Lang: 'fi'` when it came in
 * Finnish for want of a translation): in a span marked with that language
 * when it is not the page's, so screen readers switch voice (WCAG 3.1.2).
 */
export function ownText(text: string, lang: string | undefined): Node {
  if (!lang || lang === document.documentElement.lang) return document.createTextNode(text);
  const span = document.createElement('span');
  span.textContent = text;
  span.lang = lang;
  return span;
}

/* ---------- requests ---------- */

export interface ApiError {
  code: string;
  message: string;
  fields?: Record<string, string>;
}

export interface ApiAnswer<T> {
  status: number;
  /** the parsed body of a 2xx answer */
  body: T | undefined;
  error?: ApiError;
}

export function cookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** A same-origin JSON request. Status 0 means the request never got an answer. */
export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
  const csrf = cookie('verkosto_csrf');
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(csrf && method !== 'GET' ? { 'x-csrf-token': csrf } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    return { status: 0, body: undefined };
  }
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    json = undefined;
  }
  const error = res.ok ? undefined : (json as { error?: ApiError } | undefined)?.error;
  return { status: res.status, body: res.ok ? (json as T) : undefined, ...(error ? { error } : {}) };
}

/* ---------- the body from the controls ---------- */

type Json = string | number | boolean | Json[] | { [key: string]: Json };
type Container = { [key: string]: Json } | Json[];

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function isControl(el: Element): el is Control {
  return el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement;
}

function valueType(el: Control): string | undefined {
  if (el instanceof HTMLInputElement && el.type === 'number') return 'number';
  return el.dataset.type ?? el.closest<HTMLElement>('[data-type]')?.dataset.type;
}

function coerce(el: Control, value: string): Json {
  const type = valueType(el);
  if (type === 'boolean') return value === 'true';
  if (type === 'number') {
    const n = Number(value);
    return Number.isFinite(n) ? n : value;
  }
  return value;
}

/** The object or array at `path`, created on the way (an array where the next segment is a number). */
function parentOf(root: Container, path: readonly string[]): Container {
  let node: Container = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next = /^\d+$/.test(path[i + 1]!) ? [] : {};
    const current = (node as Record<string, Json>)[key];
    if (current === undefined || typeof current !== 'object') (node as Record<string, Json>)[key] = next;
    node = (node as Record<string, Json>)[key] as Container;
  }
  return node;
}

/**
 * The JSON body the form describes. Controls in hidden sections are left
 * out (they do not apply); empty fields are left out, so a missing required
 * value comes back from the server as "required" on its own path; a
 * checkbox group is an array, sent empty only when the group is required.
 */
export function formJson(form: HTMLFormElement): Record<string, Json> {
  const root: Record<string, Json> = {};
  const requiredLists = new Set<string>();
  const lists = new Map<string, Json[]>();
  for (const el of Array.from(form.elements)) {
    if (!isControl(el) || !el.name || el.disabled || el.closest('[hidden]')) continue;
    const path = el.name.split('.');
    const parent = parentOf(root, path) as Record<string, Json>;
    const key = path.at(-1)!;
    if (el instanceof HTMLInputElement && el.type === 'checkbox') {
      if (!lists.has(el.name)) lists.set(el.name, (parent[key] = []) as Json[]);
      if (el.closest('[data-required]')) requiredLists.add(el.name);
      if (el.checked) lists.get(el.name)!.push(coerce(el, el.value));
      continue;
    }
    if (el instanceof HTMLInputElement && el.type === 'radio') {
      if (el.checked) parent[key] = coerce(el, el.value);
      continue;
    }
    const value = el.value.trim();
    if (value !== '') parent[key] = coerce(el, value);
    // A half-typed date or time reads as ''. Send something, so the server
    // says it is not a date instead of silently dropping what was typed.
    else if (el instanceof HTMLInputElement && el.validity.badInput) parent[key] = '?';
  }
  for (const [name, list] of lists) {
    if (list.length === 0 && !requiredLists.has(name)) {
      const path = name.split('.');
      delete (parentOf(root, path) as Record<string, Json>)[path.at(-1)!];
    }
  }
  return root;
}

/* ---------- showing the answer ---------- */

const CONTROLS = 'input:not([type="hidden"]), select, textarea, button';

function visible(el: Element): boolean {
  return !el.closest('[hidden]');
}

/** The field box for a dotted path: the shown one with that exact name, else the nearest enclosing path that has one. */
function fieldBox(form: HTMLFormElement, path: string): HTMLElement | undefined {
  let p = path;
  for (;;) {
    const boxes = Array.from(form.querySelectorAll<HTMLElement>(`[data-field="${CSS.escape(p)}"]`));
    const box = boxes.find(visible) ?? boxes[0];
    if (box) return box;
    const cut = p.lastIndexOf('.');
    if (cut < 0) return undefined;
    p = p.slice(0, cut);
  }
}

/** The control a person should land on for this box: its own input, or the first one in a group. */
function focusTarget(box: HTMLElement): HTMLElement | undefined {
  return Array.from(box.querySelectorAll<HTMLElement>(CONTROLS)).find(visible);
}

/** What the field is called, without the required marker: the summary names the field before the message. */
function fieldName(box: HTMLElement): string {
  const own = box.matches('fieldset') ? box.querySelector(':scope > legend') : box.querySelector(':scope > label, :scope > .group-label');
  const copy = own?.cloneNode(true) as HTMLElement | undefined;
  for (const extra of copy?.querySelectorAll('.req, .visually-hidden') ?? []) extra.remove();
  const name = copy?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  // "Street address" is ambiguous when there are several channels: say which one.
  const item = box.parentElement?.closest('.repeat-item')?.querySelector(':scope > legend')?.textContent?.trim();
  return item && item !== name ? `${item}, ${name}` : name;
}

const originalTitle = typeof document === 'undefined' ? '' : document.title;

export function clearErrors(form: HTMLFormElement, status: HTMLElement): void {
  for (const e of form.querySelectorAll('.field-error')) e.remove();
  for (const e of form.querySelectorAll('[aria-invalid]')) e.removeAttribute('aria-invalid');
  for (const e of form.querySelectorAll('[aria-describedby]')) {
    const ids = (e.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && !id.startsWith('err-'));
    if (ids.length) e.setAttribute('aria-describedby', ids.join(' '));
    else e.removeAttribute('aria-describedby');
  }
  for (const e of form.querySelectorAll('.has-error')) e.classList.remove('has-error');
  status.hidden = true;
  status.replaceChildren();
  status.removeAttribute('role');
  status.className = 'status';
  document.title = originalTitle;
}

function describe(el: Element, id: string): void {
  el.setAttribute('aria-describedby', [el.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
}

/**
 * Each message next to its field (linked with aria-describedby, the control
 * marked aria-invalid) and a summary at the top that links to every field;
 * the summary takes focus so screen readers read it at once.
 */
export function showFieldErrors(form: HTMLFormElement, status: HTMLElement, fields: Record<string, string>, m: Messages): void {
  clearErrors(form, status);
  const summary = document.createElement('ul');
  for (const [path, message] of Object.entries(fields)) {
    const li = document.createElement('li');
    summary.append(li);
    const box = fieldBox(form, path);
    if (!box) {
      li.textContent = message;
      continue;
    }
    // A message inside a closed <details> would be invisible.
    const details = box.closest('details');
    if (details) details.open = true;
    const errId = `err-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;
    const p = document.createElement('p');
    p.className = 'field-error';
    p.id = errId;
    const prefix = document.createElement('span');
    prefix.className = 'visually-hidden';
    prefix.textContent = `${m['form.error.prefix'] ?? ''} `;
    p.append(prefix, message);
    const anchor = box.querySelector(':scope > .hint') ?? box.querySelector(':scope > legend, :scope > label, :scope > .group-label');
    if (anchor) anchor.after(p);
    else box.prepend(p);
    box.classList.add('has-error');

    const target = focusTarget(box);
    const own = box.querySelector<HTMLElement>(':scope > input, :scope > select, :scope > textarea');
    if (own) {
      own.setAttribute('aria-invalid', 'true');
      describe(own, errId);
    } else {
      describe(box, errId);
    }
    const name = fieldName(box);
    if (target?.id) {
      const a = document.createElement('a');
      a.href = `#${target.id}`;
      a.textContent = name ? `${name}: ${message}` : message;
      a.addEventListener('click', (ev) => {
        ev.preventDefault();
        target.focus();
        // The label or legend says what the field is; keep it in view above the control.
        (box.querySelector(':scope > legend, :scope > label, :scope > .group-label') ?? box).scrollIntoView({ block: 'start' });
      });
      li.append(a);
    } else {
      li.textContent = name ? `${name}: ${message}` : message;
    }
  }
  const h = document.createElement('h2');
  h.textContent = m['form.errors.title'] ?? '';
  status.replaceChildren(h, summary);
  status.className = 'status error';
  status.setAttribute('role', 'alert');
  status.hidden = false;
  document.title = `${m['form.error.prefix'] ?? ''} ${originalTitle}`;
  status.focus();
}

/** A message in the status box that takes focus: a success, or an error that is about the whole form. */
/** `info` is news that is neither a failure nor the thing the person wanted (a listing gone, a place on a waitlist). */
export function showMessage(status: HTMLElement, kind: 'error' | 'success' | 'info', title: string, text?: string, ...more: Node[]): void {
  const h = document.createElement('h2');
  h.textContent = title;
  const parts: Node[] = [h];
  if (text) {
    const p = document.createElement('p');
    p.textContent = text;
    parts.push(p);
  }
  status.replaceChildren(...parts, ...more);
  status.className = `status ${kind}`;
  status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  status.hidden = false;
  status.focus();
}

/** 413, 429, 5xx, no answer: one message for the whole form, nothing the person could fix field by field. */
export function generalError(status: HTMLElement, m: Messages, httpStatus: number): void {
  const key = httpStatus === 413 ? 'form.error.tooLarge' : httpStatus === 429 ? 'form.error.rateLimited' : 'form.error.general';
  showMessage(status, 'error', m[key] ?? '');
}

/* ---------- one call per form ---------- */

export interface JsonFormOptions<T> {
  /** Where messages appear; focus moves there. */
  status: HTMLElement;
  /** POST by default; a function when one form both creates and edits */
  method?: string | (() => string);
  url: string | (() => string);
  /** The request body; by default formJson(form). */
  body?: () => unknown;
  /** Extra request headers (a personal link's `authorization: Bearer …`). */
  headers?: Record<string, string> | undefined;
  /** Statuses that mean success (default 200, 201, 202, 204). */
  accepted?: readonly number[];
  /** Texts for the submit button while the request is out. */
  busyText?: string;
  m: Messages;
  onSuccess(body: T | undefined, status: number): void | Promise<void>;
}

/**
 * Sends the form as JSON on submit and shows what came back: field errors
 * (400 with `fields`), a general error (anything else), or calls onSuccess.
 * The form should have `novalidate`: the server's messages are the ones shown.
 */
export function bindJsonForm<T>(form: HTMLFormElement, o: JsonFormOptions<T>): void {
  const accepted = o.accepted ?? [200, 201, 202, 204];
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  const idleText = button?.textContent ?? '';
  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    busy = true;
    form.setAttribute('aria-busy', 'true');
    // Disabling the button would drop keyboard focus to the page; say "sending" instead.
    if (button && o.busyText) button.textContent = o.busyText;
    try {
      const url = typeof o.url === 'function' ? o.url() : o.url;
      const method = typeof o.method === 'function' ? o.method() : (o.method ?? 'POST');
      const res = await api<T>(method, url, o.body ? o.body() : formJson(form), o.headers);
      if (accepted.includes(res.status)) {
        clearErrors(form, o.status);
        await o.onSuccess(res.body, res.status);
      } else if (res.status === 400 && res.error?.fields && Object.keys(res.error.fields).length) {
        showFieldErrors(form, o.status, res.error.fields, o.m);
      } else {
        clearErrors(form, o.status);
        generalError(o.status, o.m, res.status);
      }
    } finally {
      busy = false;
      form.removeAttribute('aria-busy');
      if (button && o.busyText) button.textContent = idleText;
    }
  });
}
