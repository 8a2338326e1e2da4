/**
 * Live character counters (web/fields.ts renders them for fields with a
 * limit). The visible count follows every keystroke; screen readers hear it
 * once typing pauses, not at every character.
 */
const fill = (text: string | undefined, n: number) => (text ?? '').replace('{n}', String(n));

export function bindCounter(control: HTMLInputElement | HTMLTextAreaElement): void {
  const counter = document.getElementById(`${control.id}-count`);
  if (!counter || counter.dataset.bound) return;
  counter.dataset.bound = 'true';
  const max = Number(counter.dataset.max);
  const live = document.createElement('span');
  live.className = 'visually-hidden';
  live.setAttribute('role', 'status');
  counter.after(live);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    const left = max - [...control.value].length;
    const text = left >= 0 ? fill(counter.dataset.left, left) : fill(counter.dataset.over, -left);
    counter.textContent = text;
    counter.classList.toggle('over', left < 0);
    clearTimeout(timer);
    timer = setTimeout(() => (live.textContent = text), 1000);
  };
  control.addEventListener('input', update);
  if (control.value) update();
}

/** Every counted control in the page, including ones a repeat list adds later. */
export function bindCounters(root: ParentNode = document): void {
  for (const c of root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('[data-maxlength]')) bindCounter(c);
}

/** A counter for a control made in the browser (the survey's own questions); `m` has the form.counter.* texts. */
export function counted(control: HTMLInputElement | HTMLTextAreaElement, max: number, m: Record<string, string | undefined>): HTMLElement {
  control.dataset.maxlength = String(max);
  const counter = document.createElement('p');
  counter.className = 'hint counter';
  counter.id = `${control.id}-count`;
  counter.dataset.max = String(max);
  counter.dataset.left = m['form.counter.left'] ?? '';
  counter.dataset.over = m['form.counter.over'] ?? '';
  counter.textContent = (m['form.counter.max'] ?? '').replace('{max}', String(max));
  control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), counter.id].filter(Boolean).join(' '));
  return counter;
}
