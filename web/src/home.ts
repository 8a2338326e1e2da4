import { api, localName, messages } from './forms.js';

const m = messages();
const list = document.getElementById('networks') as HTMLUListElement;

interface Network {
  id: string;
  name: { fi: string; sv?: string; en?: string };
  municipalities: string[];
}

async function load() {
  const res = await api<{ networks: Network[] }>('GET', '/api/networks').catch(() => undefined);
  if (!res?.body) {
    const li = document.createElement('li');
    li.textContent = m['home.networks.error'] ?? '';
    list.replaceChildren(li);
    return;
  }
  list.replaceChildren(
    ...res.body.networks.map((n) => {
      const li = document.createElement('li');
      li.className = 'card';
      const h = document.createElement('h3');
      h.textContent = localName(n.name);
      li.append(h);
      if (n.municipalities.length) {
        const p = document.createElement('p');
        p.textContent = `${m['home.municipalities'] ?? ''}: ${n.municipalities.join(', ')}`;
        li.append(p);
      }
      return li;
    }),
  );
}

void load();
