import { api, messages, pageLang, setLocalText, type Localised } from './forms.js';

const m = messages();
const list = document.getElementById('networks') as HTMLUListElement;

interface Network {
  id: string;
  name: Localised;
  languages: string[];
  municipalities: string[];
}

function fact(label: string, value: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.textContent = `${label}: ${value}`;
  return p;
}

function card(n: Network): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'card';
  const h = document.createElement('h3');
  setLocalText(h, n.name);
  li.append(h);
  if (n.municipalities.length) li.append(fact(m['home.municipalities'] ?? '', n.municipalities.join(', ')));
  if (n.languages.length) li.append(fact(m['home.network.languages'] ?? '', n.languages.map((l) => m[`enum.language.${l}`] ?? l).join(', ')));
  const p = document.createElement('p');
  const a = document.createElement('a');
  a.href = `/${pageLang()}/listings/new/?network=${encodeURIComponent(n.id)}`;
  a.textContent = m['home.network.submit'] ?? '';
  p.append(a);
  li.append(p);
  return li;
}

async function load(): Promise<void> {
  const res = await api<{ networks: Network[] }>('GET', '/api/networks');
  list.removeAttribute('aria-busy');
  if (!res.body) {
    const li = document.createElement('li');
    li.textContent = m['home.networks.error'] ?? '';
    list.replaceChildren(li);
    return;
  }
  list.replaceChildren(...res.body.networks.map(card));
}

void load();
