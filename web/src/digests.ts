/** /<lang>/digests/?network=…: the public archive of a network's digests. */
import { api, messages, pageLang, setLocalText, type Localised } from './forms.js';
import { formatWhen } from './digest-items.js';
import { byMunicipality, type PickerNetwork } from './network-picker.js';

const m = messages();
const box = document.getElementById('archive') as HTMLElement;
const heading = document.getElementById('archive-h') as HTMLElement;
const lang = pageLang();
const network = new URLSearchParams(location.search).get('network') ?? '';

function para(text: string, className?: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.textContent = text;
  if (className) p.className = className;
  return p;
}

async function start(): Promise<void> {
  const nets = await api<{ networks: PickerNetwork[] }>('GET', '/api/networks');
  const all = nets.body?.networks ?? [];
  const chosen = all.find((n) => n.id === network);
  if (!chosen) {
    // No network (or an unknown one) in the address: choose one.
    // Many networks: a list per municipality, each under its heading.
    const lists = byMunicipality(all, m['picker.other'] ?? '').flatMap((g) => {
      const ul = document.createElement('ul');
      for (const n of g.networks) {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = `/${lang}/digests/?network=${encodeURIComponent(n.id)}`;
        setLocalText(a, n.name);
        li.append(a);
        ul.append(li);
      }
      if (!g.municipality) return [ul];
      const h = document.createElement('h3');
      h.textContent = g.municipality;
      return [h, ul];
    });
    box.removeAttribute('aria-busy');
    box.replaceChildren(...(nets.body ? lists : [para(m['digest.loadError'] ?? '')]));
    return;
  }
  setLocalText(heading, chosen.name);
  const res = await api<{ digests: Array<{ id: string; createdAt: string; items: number }> }>('GET', `/api/networks/${encodeURIComponent(network)}/digests`);
  box.removeAttribute('aria-busy');
  if (!res.body) return void box.replaceChildren(para(m['digest.loadError'] ?? ''));
  if (!res.body.digests.length) return void box.replaceChildren(para(m['digest.archive.empty'] ?? '', 'muted'));
  const ul = document.createElement('ul');
  ul.id = 'digest-list';
  for (const d of res.body.digests) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = `/${lang}/digests/view/?network=${encodeURIComponent(network)}&id=${encodeURIComponent(d.id)}`;
    a.textContent = formatWhen(d.createdAt, false);
    li.append(a, ` – ${(m['digest.archive.items'] ?? '').replace('{count}', String(d.items))}`);
    ul.append(li);
  }
  box.replaceChildren(ul);
}

void start();
