import { announceCount } from './desk-tabs.js';
import { api, bindJsonForm, clearErrors, formJson, generalError, messages, pageLang, setLocalText, showMessage, type Localised } from './forms.js';
import { el, fill, whenText } from './meeting-text.js';
import { initRepeats, syncReveals } from './reveal.js';

/**
 * The meetings section of the coordinator desk: coming meetings with their
 * seats, attendees and waitlist, CSV export, cancelling one or the rest of
 * a series, and the form that schedules a meeting or a monthly series.
 * The desk (coordinator.ts) announces the chosen network with 'verkosto:network'.
 */
const m = messages();
const listBox = document.getElementById('desk-meetings-list') as HTMLElement;
const sectionStatus = document.getElementById('meetings-desk-status') as HTMLElement;
const attendeesBox = document.getElementById('desk-meetings-attendees') as HTMLElement;
const cancelBox = document.getElementById('desk-meeting-cancel-box') as HTMLElement;
const cancelForm = document.getElementById('desk-meeting-cancel') as HTMLFormElement;
const cancelHeading = document.getElementById('desk-cancel-h') as HTMLElement;
const scheduleForm = document.getElementById('schedule-meeting') as HTMLFormElement;
const scheduleStatus = document.getElementById('schedule-status') as HTMLElement;
const editBox = document.getElementById('desk-meeting-edit-box') as HTMLElement;
const editForm = document.getElementById('desk-meeting-edit') as HTMLFormElement;
const editHeading = document.getElementById('desk-edit-h') as HTMLElement;
const editStatus = document.getElementById('desk-edit-status') as HTMLElement;
const turnsBox = document.getElementById('desk-meeting-turns') as HTMLElement;
const turnsBody = document.getElementById('desk-turns-body') as HTMLElement;
const turnsStatus = document.getElementById('desk-turns-status') as HTMLElement;
const turnsForm = document.getElementById('desk-turns-open') as HTMLFormElement;
const turnsFormStatus = document.getElementById('desk-turns-open-status') as HTMLElement;
/** How many meetings each series has in the list: the "this and the later ones" choice only for a series. */
let seriesSize = new Map<string, number>();

interface DeskMeeting {
  id: string;
  seriesId: string;
  title: Localised;
  description: Localised;
  agenda: string | null;
  place: { name: string; address: string } | null;
  online: { url: string; withheldUntilConfirmed: boolean } | null;
  date: string;
  startTime: string;
  endTime: string;
  status: 'scheduled' | 'cancelled';
  capacity: number | null;
  confirmed: number;
  waitlisted: number;
  turnsOpened: number;
}

interface DeskTurn {
  slotId: string;
  number: number;
  minutes: number | null;
  status: 'free' | 'pending' | 'claimed';
  organisation?: string;
  presenter?: string;
  showPresenter?: boolean;
  topic?: string;
  email?: string;
}

interface Attendee {
  name: string;
  email: string;
  organisation?: string;
  attendance: 'onsite' | 'online';
  position?: number;
}

let network = '';
/** The meeting the cancel form and the attendee list are about, and the button to return focus to. */
let current: { meeting: DeskMeeting; opener: HTMLElement } | undefined;

const titleOf = (t: Localised) => t[pageLang()] ?? t.fi;
const whenOf = (d: DeskMeeting) => whenText(m, d.date, d.startTime, d.endTime);

function table(head: string[], rows: Array<Array<string | Node>>): HTMLTableElement {
  const t = el('table');
  const tr = el('tr');
  for (const h of head) {
    const th = el('th', h);
    th.scope = 'col';
    tr.append(th);
  }
  const thead = el('thead');
  thead.append(tr);
  const tbody = el('tbody');
  for (const row of rows) {
    const r = el('tr');
    for (const c of row) {
      const td = el('td');
      td.append(c);
      r.append(td);
    }
    tbody.append(r);
  }
  t.append(thead, tbody);
  return t;
}

function actions(d: DeskMeeting): Node {
  const wrap = el('div', undefined, 'row-actions');
  const label = `${titleOf(d.title)}, ${whenOf(d)}`;
  /** A row's button, named with the meeting it acts on (a screen reader's list of buttons tells them apart). */
  const rowButton = (key: string, open: (d: DeskMeeting, opener: HTMLElement) => unknown) => {
    const b = el('button', m[key], 'link');
    b.type = 'button';
    b.setAttribute('aria-label', `${m[key] ?? ''}: ${label}`);
    b.addEventListener('click', () => void open(d, b));
    return b;
  };
  const csv = el('a', m['desk.meetings.csv']);
  // In the desk's language: headings, statuses and times as the coordinator reads them.
  csv.href = `/api/coordinator/meetings/${encodeURIComponent(d.id)}/attendees.csv?lang=${pageLang()}`;
  csv.setAttribute('download', `attendees-${d.date}.csv`);
  csv.setAttribute('aria-label', `${m['desk.meetings.csv'] ?? ''}: ${label}`);
  wrap.append(rowButton('desk.meetings.attendees', showAttendees), csv);
  if (d.status !== 'cancelled') wrap.append(rowButton('desk.meetings.turns', openTurns), rowButton('desk.meetings.edit', openEdit), rowButton('desk.meetings.cancel', openCancel));
  return wrap;
}

async function loadMeetings(): Promise<void> {
  if (!network) return;
  const res = await api<{ meetings: DeskMeeting[] }>('GET', `/api/coordinator/networks/${encodeURIComponent(network)}/meetings`);
  if (!res.body) {
    listBox.replaceChildren(el('p', m['desk.meetings.error']));
    return;
  }
  const meetings = res.body.meetings;
  seriesSize = new Map();
  for (const d of meetings) seriesSize.set(d.seriesId, (seriesSize.get(d.seriesId) ?? 0) + 1);
  announceCount('meetings', meetings.filter((d) => d.status !== 'cancelled').length);
  if (!meetings.length) {
    listBox.replaceChildren(el('p', m['desk.meetings.none'], 'muted'));
    return;
  }
  const rows = meetings.map((d) => {
    const title = el('span');
    setLocalText(title, d.title);
    const titleCell = el('div');
    titleCell.append(title);
    if (d.status === 'cancelled') titleCell.append(' ', el('strong', `(${m['desk.meetings.cancelled'] ?? ''})`));
    return [whenOf(d), titleCell, `${d.confirmed} / ${d.capacity ?? m['desk.meetings.unlimited'] ?? ''}`, String(d.waitlisted), actions(d)];
  });
  listBox.replaceChildren(
    table([m['desk.meetings.col.when'], m['desk.meetings.col.title'], m['desk.meetings.col.confirmed'], m['desk.meetings.col.waitlisted'], m['desk.meetings.col.actions']].map((x) => x ?? ''), rows),
  );
}

async function showAttendees(d: DeskMeeting, opener: HTMLElement): Promise<void> {
  cancelBox.hidden = true;
  turnsBox.hidden = true;
  editBox.hidden = true;
  const res = await api<{ attendees: Attendee[]; waitlist: Attendee[] }>('GET', `/api/coordinator/meetings/${encodeURIComponent(d.id)}/attendees`);
  if (!res.body) {
    showMessage(sectionStatus, 'error', m['desk.meetings.error'] ?? '');
    return;
  }
  current = { meeting: d, opener };
  (document.getElementById('desk-attendees-h') as HTMLElement).textContent = fill(m['desk.meetings.list.title'], { title: titleOf(d.title), when: whenOf(d) });
  const attendance = (a: Attendee) => m[`rsvp.attendance.${a.attendance}`] ?? a.attendance;
  const head = [m['desk.meetings.col.name'], m['desk.meetings.col.email'], m['desk.meetings.col.organisation'], m['desk.meetings.col.attendance']].map((x) => x ?? '');
  const part = (title: string | undefined, people: Attendee[], withPosition: boolean): Node[] => {
    const h = el('h5', title);
    if (!people.length) return [h, el('p', m['desk.meetings.list.none'], 'muted')];
    const wrap = el('div', undefined, 'table-wrap');
    wrap.append(
      table(
        withPosition ? [m['desk.meetings.col.position'] ?? '', ...head] : head,
        people.map((a) => [...(withPosition ? [String(a.position ?? '')] : []), a.name, a.email, a.organisation ?? '', attendance(a)]),
      ),
    );
    return [h, wrap];
  };
  (document.getElementById('desk-attendees-body') as HTMLElement).replaceChildren(
    ...part(m['desk.meetings.list.confirmed'], res.body.attendees, false),
    ...part(m['desk.meetings.list.waitlist'], res.body.waitlist, true),
  );
  attendeesBox.hidden = false;
  attendeesBox.focus();
}

document.getElementById('desk-attendees-close')!.addEventListener('click', () => {
  attendeesBox.hidden = true;
  current?.opener.focus();
});

function openCancel(d: DeskMeeting, opener: HTMLElement): void {
  attendeesBox.hidden = true;
  turnsBox.hidden = true;
  editBox.hidden = true;
  current = { meeting: d, opener };
  cancelForm.reset();
  cancelHeading.textContent = fill(m['desk.meetings.cancel.title'], { title: titleOf(d.title), when: whenOf(d) });
  cancelBox.hidden = false;
  cancelHeading.focus();
}

document.getElementById('desk-cancel-no')!.addEventListener('click', () => {
  cancelBox.hidden = true;
  current?.opener.focus();
});

bindJsonForm<{ ids: string[] }>(cancelForm, {
  status: document.getElementById('desk-cancel-status') as HTMLElement,
  url: () => `/api/coordinator/meetings/${encodeURIComponent(current?.meeting.id ?? '')}/cancel`,
  accepted: [202],
  m,
  onSuccess: async (out) => {
    cancelBox.hidden = true;
    await loadMeetings();
    showMessage(sectionStatus, 'success', fill(m['desk.meetings.cancel.done'], { n: out?.ids.length ?? 0 }));
  },
});

/* ---------- editing (PATCH /api/coordinator/meetings/{id}) ---------- */

/** The edit form filled with the meeting as it stands; each control is named by its path in the PATCH body. */
function openEdit(d: DeskMeeting, opener: HTMLElement): void {
  attendeesBox.hidden = true;
  turnsBox.hidden = true;
  cancelBox.hidden = true;
  current = { meeting: d, opener };
  editForm.reset();
  clearErrors(editForm, editStatus);
  const set = (name: string, value: string | null | undefined) => {
    const c = editForm.elements.namedItem(name);
    if (c instanceof HTMLInputElement || c instanceof HTMLTextAreaElement) c.value = value ?? '';
  };
  for (const l of ['fi', 'sv', 'en'] as const) {
    set(`changes.title.${l}`, d.title[l]);
    set(`changes.description.${l}`, d.description[l]);
  }
  set('changes.agenda', d.agenda);
  set('changes.date', d.date);
  set('changes.startTime', d.startTime);
  set('changes.endTime', d.endTime);
  set('changes.place.name', d.place?.name);
  set('changes.place.address', d.place?.address);
  set('changes.online.url', d.online?.url);
  (document.getElementById('f-edit-scope-box') as HTMLElement).hidden = (seriesSize.get(d.seriesId) ?? 1) < 2;
  editHeading.textContent = fill(m['desk.meetings.edit.title'], { title: titleOf(d.title), when: whenOf(d) });
  editBox.hidden = false;
  editHeading.focus();
}

/** Only what differs from the meeting as it stands, so an unchanged meeting sends no one a new invitation. */
function editChanges(): { changes: Record<string, unknown>; scope: string } {
  const d = current!.meeting;
  const form = formJson(editForm) as { changes?: Record<string, unknown>; scope?: string };
  const now = form.changes ?? {};
  const before: Record<string, unknown> = {
    title: d.title, description: d.description, agenda: d.agenda ?? undefined, date: d.date, startTime: d.startTime, endTime: d.endTime,
    place: d.place ?? undefined, online: d.online ? { url: d.online.url } : undefined,
  };
  const same = (a: unknown, b: unknown) => JSON.stringify(a, Object.keys((a ?? {}) as object).sort()) === JSON.stringify(b, Object.keys((b ?? {}) as object).sort());
  const changes: Record<string, unknown> = {};
  // A section left empty (no link) is no change: the API has no way to remove a place or a link.
  const given = (v: unknown) => v !== undefined && !(typeof v === 'object' && v !== null && !Object.keys(v).length);
  for (const key of Object.keys(before)) {
    if (given(now[key]) && !same(now[key], before[key])) changes[key] = now[key];
  }
  // The link keeps its "shown only to those who signed up" setting.
  if (changes.online) changes.online = { ...(changes.online as object), withheldUntilConfirmed: d.online?.withheldUntilConfirmed ?? true };
  return { changes, scope: (document.getElementById('f-edit-scope-box') as HTMLElement).hidden ? 'one' : (form.scope ?? 'one') };
}

// Runs before bindJsonForm's own listener: nothing changed, nothing sent.
editForm.addEventListener('submit', (ev) => {
  if (Object.keys(editChanges().changes).length) return;
  ev.preventDefault();
  ev.stopImmediatePropagation();
  showMessage(editStatus, 'info', m['desk.meetings.edit.nothing'] ?? '');
});

bindJsonForm<{ ids: string[] }>(editForm, {
  status: editStatus,
  method: 'PATCH',
  url: () => `/api/coordinator/meetings/${encodeURIComponent(current?.meeting.id ?? '')}`,
  body: editChanges,
  accepted: [202],
  m,
  onSuccess: async (out) => {
    editBox.hidden = true;
    await loadMeetings();
    showMessage(sectionStatus, 'success', fill(m['desk.meetings.edit.done'], { n: out?.ids.length ?? 0 }));
  },
});

document.getElementById('desk-edit-no')!.addEventListener('click', () => {
  editBox.hidden = true;
  current?.opener.focus();
});

/* ---------- presentation turns (…/meetings/{id}/turns) ---------- */

const turnLabel = (t: DeskTurn) => [fill(m['turns.number'], { n: t.number }), ...(t.minutes ? [fill(m['turns.minutes'], { n: t.minutes })] : [])].join(' · ');

/** The turns of the meeting the panel is about, each with who claimed it and a release or close button. */
async function loadTurns(): Promise<boolean> {
  const d = current!.meeting;
  const res = await api<{ turns: DeskTurn[] }>('GET', `/api/coordinator/meetings/${encodeURIComponent(d.id)}/turns`);
  if (!res.body) {
    showMessage(turnsStatus, 'error', m['desk.meetings.error'] ?? '');
    return false;
  }
  if (!res.body.turns.length) {
    turnsBody.replaceChildren(el('p', m['desk.turns.none'], 'muted'));
    return true;
  }
  const act = (t: DeskTurn): Node => {
    const key = t.status === 'free' ? 'desk.turns.closeTurn' : 'desk.turns.release';
    const b = el('button', m[key], 'link');
    b.type = 'button';
    b.setAttribute('aria-label', `${m[key] ?? ''}: ${turnLabel(t)}`);
    b.addEventListener('click', () => void turnAction(t, t.status === 'free' ? 'close' : 'release'));
    return b;
  };
  const presenter = (t: DeskTurn): string => (t.presenter ? `${t.presenter}${t.showPresenter ? '' : ` ${m['desk.turns.nameHidden'] ?? ''}`}` : '');
  turnsBody.replaceChildren(
    table(
      ['desk.turns.col.number', 'desk.turns.col.status', 'desk.turns.col.organisation', 'desk.turns.col.presenter', 'desk.turns.col.topic', 'desk.turns.col.email', 'desk.turns.col.actions'].map((k) => m[k] ?? ''),
      res.body.turns.map((t) => [turnLabel(t), m[`desk.turns.status.${t.status}`] ?? t.status, t.organisation ?? '', presenter(t), t.topic ?? '', t.email ?? '', act(t)]),
    ),
  );
  return true;
}

async function turnAction(t: DeskTurn, action: 'close' | 'release'): Promise<void> {
  const d = current!.meeting;
  const res = await api<unknown>('POST', `/api/coordinator/meetings/${encodeURIComponent(d.id)}/turns/${encodeURIComponent(t.slotId)}/${action}`, {});
  await loadTurns();
  if (res.status === 202) showMessage(turnsStatus, 'success', fill(m[action === 'close' ? 'desk.turns.closed' : 'desk.turns.released'], { n: t.number }));
  else if (res.status === 409) showMessage(turnsStatus, 'error', m['desk.turns.changed'] ?? '');
  else generalError(turnsStatus, m, res.status);
}

async function openTurns(d: DeskMeeting, opener: HTMLElement): Promise<void> {
  attendeesBox.hidden = true;
  cancelBox.hidden = true;
  editBox.hidden = true;
  current = { meeting: d, opener };
  turnsForm.reset();
  clearErrors(turnsForm, turnsFormStatus);
  turnsStatus.hidden = true;
  (document.getElementById('f-turns-scope-box') as HTMLElement).hidden = (seriesSize.get(d.seriesId) ?? 1) < 2;
  (document.getElementById('desk-turns-h') as HTMLElement).textContent = fill(m['desk.turns.title'], { title: titleOf(d.title), when: whenOf(d) });
  if (!(await loadTurns())) return;
  turnsBox.hidden = false;
  turnsBox.focus();
}

document.getElementById('desk-turns-close')!.addEventListener('click', () => {
  turnsBox.hidden = true;
  current?.opener.focus();
});

bindJsonForm<{ meetings: Array<{ meetingId: string }> }>(turnsForm, {
  status: turnsFormStatus,
  url: () => `/api/coordinator/meetings/${encodeURIComponent(current?.meeting.id ?? '')}/turns`,
  body: () => {
    const body = formJson(turnsForm);
    if ((document.getElementById('f-turns-scope-box') as HTMLElement).hidden) body.scope = 'one';
    return body;
  },
  accepted: [202],
  m,
  onSuccess: async (out) => {
    turnsForm.reset();
    await loadTurns();
    showMessage(turnsFormStatus, 'success', fill(m['desk.turns.opened'], { n: out?.meetings.length ?? 0 }));
  },
});

/* ---------- scheduling ---------- */

initRepeats(scheduleForm, () => syncReveals(scheduleForm));
scheduleForm.addEventListener('change', () => syncReveals(scheduleForm));
syncReveals(scheduleForm);

/** The form's body, with the two values that are not plain fields: presenters (one per line) and the withheld link. */
function scheduleBody(): unknown {
  const body = formJson(scheduleForm) as { mode?: string; meeting?: Record<string, unknown> };
  delete body.mode;
  const meeting = (body.meeting ??= {});
  if (typeof meeting.presenters === 'string') {
    const lines = meeting.presenters.split('\n').map((s) => s.trim()).filter(Boolean);
    if (lines.length) meeting.presenters = lines;
    else delete meeting.presenters;
  }
  const online = meeting.online as Record<string, unknown> | undefined;
  if (online) online.withheldUntilConfirmed = (document.getElementById('f-meeting-online-withheld') as HTMLInputElement).checked;
  return body;
}

bindJsonForm<{ ids: string[] }>(scheduleForm, {
  status: scheduleStatus,
  url: () => `/api/coordinator/networks/${encodeURIComponent(network)}/meetings`,
  body: scheduleBody,
  accepted: [202],
  ...(m['desk.meetings.f.sending'] ? { busyText: m['desk.meetings.f.sending'] } : {}),
  m,
  onSuccess: async (out) => {
    scheduleForm.reset();
    syncReveals(scheduleForm);
    await loadMeetings();
    showMessage(scheduleStatus, 'success', fill(m['desk.meetings.f.done'], { n: out?.ids.length ?? 0 }));
  },
});

document.addEventListener('verkosto:network', (ev) => {
  network = (ev as CustomEvent<string>).detail;
  attendeesBox.hidden = true;
  cancelBox.hidden = true;
  editBox.hidden = true;
  turnsBox.hidden = true;
  void loadMeetings();
});
