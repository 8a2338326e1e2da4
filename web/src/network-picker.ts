/**
 * Every network picker: a <select> filled with the networks grouped by
 * municipality (optgroups in alphabetical order, networks by name), and,
 * once there are more than a handful, a search box above it that narrows
 * the list by name (in any language), municipality or id. A region of 200
 * networks stays a short, typed search plus a grouped list, with a spoken
 * count of what matched.
 */
import { messages, pageLang, type Localised } from './forms.js';

export interface PickerNetwork {
  id: string;
  name: Localised;
  municipalities?: readonly string[];
}

/** From this many networks on, the picker gets a search box. */
export const SEARCH_FROM = 8;

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const label = (n: PickerNetwork) => n.name[pageLang()] ?? n.name.fi;

/** Whether every word of the query occurs in the network's names, municipalities or id. */
export function matches(n: PickerNetwork, query: string): boolean {
  const haystack = fold([n.id, n.name.fi, n.name.sv ?? '', n.name.en ?? '', ...(n.municipalities ?? [])].join(' '));
  return fold(query).split(/\s+/).filter(Boolean).every((w) => haystack.includes(w));
}

function option(n: PickerNetwork): HTMLOptionElement {
  const o = new Option(label(n), n.id);
  if (!n.name[pageLang()]) o.lang = 'fi';
  return o;
}

/**
 * The networks by name, in groups by each network's first municipality
 * (alphabetical, those without one last under `other`); one unnamed group
 * when all share one municipality.
 */
export function byMunicipality(networks: readonly PickerNetwork[], other: string): Array<{ municipality?: string; networks: PickerNetwork[] }> {
  const collator = new Intl.Collator(pageLang());
  const sorted = [...networks].sort((a, b) => collator.compare(label(a), label(b)));
  const groups = new Map<string, PickerNetwork[]>();
  for (const n of sorted) {
    const key = n.municipalities?.[0] ?? '';
    groups.set(key, [...(groups.get(key) ?? []), n]);
  }
  if (groups.size < 2) return [{ networks: sorted }];
  return [...groups.keys()]
    .sort((a, b) => (a === '' ? 1 : b === '' ? -1 : collator.compare(a, b)))
    .map((key) => ({ municipality: key || other, networks: groups.get(key)! }));
}

function grouped(networks: readonly PickerNetwork[], other: string): Array<HTMLOptionElement | HTMLOptGroupElement> {
  return byMunicipality(networks, other).flatMap((g) => {
    if (!g.municipality) return g.networks.map(option);
    const el = document.createElement('optgroup');
    el.label = g.municipality;
    el.append(...g.networks.map(option));
    return [el];
  });
}

/** A labelled search box with a spoken count under it, put before `anchor`. */
function searchBox(id: string, controls: string, anchor: Element, m: Record<string, string>): { input: HTMLInputElement; count: HTMLElement } {
  const box = document.createElement('div');
  box.className = 'field picker-search';
  const lab = document.createElement('label');
  lab.htmlFor = id;
  lab.textContent = m['picker.search'] ?? '';
  const input = document.createElement('input');
  input.type = 'search';
  input.id = id;
  input.autocomplete = 'off';
  input.setAttribute('aria-controls', controls);
  const count = document.createElement('p');
  count.className = 'muted';
  count.setAttribute('aria-live', 'polite');
  box.append(lab, input, count);
  anchor.before(box);
  return { input, count };
}

const countText = (m: Record<string, string>, n: number, total: number) => (m['picker.count'] ?? '{n}/{total}').replace('{n}', String(n)).replace('{total}', String(total));

/**
 * The network checkboxes of a form (the subscribe and manage pages), grouped
 * by municipality, with the search box from SEARCH_FROM networks on: it hides
 * the networks that do not match, never a checked one.
 */
export function fillNetworkChoices(box: HTMLElement, networks: readonly PickerNetwork[], checked: (id: string) => boolean): void {
  const m = messages();
  let i = 0;
  const rows = new Map<string, HTMLElement>();
  const row = (n: PickerNetwork) => {
    const div = document.createElement('div');
    div.className = 'choice';
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.name = 'networks';
    input.value = n.id;
    input.id = `f-networks-${i++}`;
    input.checked = checked(n.id);
    const lab = document.createElement('label');
    lab.htmlFor = input.id;
    lab.textContent = label(n);
    if (!n.name[pageLang()]) lab.lang = 'fi';
    div.append(input, lab);
    rows.set(n.id, div);
    return div;
  };
  box.replaceChildren(
    ...byMunicipality(networks, m['picker.other'] ?? '').flatMap((g, gi) => {
      if (!g.municipality) return g.networks.map(row);
      const group = document.createElement('div');
      group.setAttribute('role', 'group');
      const heading = document.createElement('p');
      heading.className = 'group-label';
      heading.id = `${box.id}-group-${gi}`;
      heading.textContent = g.municipality;
      group.setAttribute('aria-labelledby', heading.id);
      group.append(heading, ...g.networks.map(row));
      return [group];
    }),
  );
  if (networks.length < SEARCH_FROM) return;
  const { input, count } = searchBox(`${box.id}-search`, box.id, box, m);
  input.addEventListener('input', () => {
    let shown = 0;
    for (const n of networks) {
      const div = rows.get(n.id)!;
      const show = matches(n, input.value) || (div.querySelector('input') as HTMLInputElement).checked;
      div.hidden = !show;
      if (show) shown++;
    }
    for (const group of box.querySelectorAll<HTMLElement>('[role=group]')) group.hidden = ![...group.querySelectorAll<HTMLElement>('.choice')].some((d) => !d.hidden);
    count.textContent = input.value.trim() ? countText(m, shown, networks.length) : '';
  });
}

/**
 * Fills `select` (keeping a leading "choose" option) and selects `wanted`
 * when it is one of the networks. With SEARCH_FROM networks or more, adds
 * the search box; when a search leaves out the chosen network, the first
 * match is chosen and `change` fires, as if picked by hand.
 */
export function fillNetworkPicker(select: HTMLSelectElement, networks: readonly PickerNetwork[], wanted?: string | null): void {
  const m = messages();
  const placeholder = [...select.options].filter((o) => o.value === '');
  const render = (list: readonly PickerNetwork[]) => select.replaceChildren(...placeholder, ...grouped(list, m['picker.other'] ?? ''));
  render(networks);
  if (wanted && networks.some((n) => n.id === wanted)) select.value = wanted;
  if (networks.length < SEARCH_FROM || select.dataset.searchable) return;
  select.dataset.searchable = 'true';

  const { input, count } = searchBox(`${select.id || select.name}-search`, select.id, select.closest('.field') ?? select, m);

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    // Typing is not choosing: the list narrows at once, the choice moves only after a pause.
    const chosen = select.value;
    const found = networks.filter((n) => matches(n, input.value));
    if (!found.length) {
      // Nothing matched: the list stays as it was rather than empty.
      count.textContent = m['picker.none'] ?? '';
      return;
    }
    render(found);
    count.textContent = input.value.trim() ? countText(m, found.length, networks.length) : '';
    if (found.some((n) => n.id === chosen)) select.value = chosen;
    else
      timer = setTimeout(() => {
        select.value = found[0]!.id;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      }, 400);
  });
}
