import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { listingInput } from '../../functions/listings/schema.js';
import { dictionaries, LANGS } from '../../web/i18n/index.js';
import { renderPage } from '../../web/layout.js';
import { submitPage } from '../../web/pages/submit.js';

/**
 * The listing form and the listing schema must describe the same thing:
 * every value the schema accepts has a control named by its path, every
 * control (but the honeypot) names a real path, and every choice offers
 * exactly the schema's values. A field added to the schema fails here until
 * the form has it.
 */

interface Leaf {
  /** values a choice may take, when the schema enumerates them */
  values?: string[];
  list?: boolean;
}

type Def = { type: string; [k: string]: unknown };
const defOf = (s: unknown) => (s as { _zod: { def: Def } })._zod.def;

function leaves(schema: z.core.$ZodType, path: string[], out: Map<string, Leaf>, list = false): void {
  const def = defOf(schema);
  const key = path.join('.');
  const add = (values?: string[]) => {
    const prev = out.get(key);
    const merged = values ? [...new Set([...(prev?.values ?? []), ...values])] : prev?.values;
    out.set(key, { ...(merged ? { values: merged } : {}), ...(list ? { list } : {}) });
  };
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'nullable':
    case 'prefault':
      return leaves(def.innerType as z.core.$ZodType, path, out, list);
    case 'lazy':
      return leaves((def.getter as () => z.core.$ZodType)(), path, out, list);
    case 'pipe': {
      // z.preprocess(fn, schema) is a pipe from a transform into the schema.
      const inner = defOf(def.in).type === 'transform' ? def.out : def.in;
      return leaves(inner as z.core.$ZodType, path, out, list);
    }
    case 'object':
      for (const [k, v] of Object.entries(def.shape as Record<string, z.core.$ZodType>)) leaves(v, [...path, k], out);
      return;
    case 'array': {
      const element = def.element as z.core.$ZodType;
      if (defOf(element).type === 'object' || defOf(element).type === 'union') return leaves(element, [...path, '0'], out);
      return leaves(element, path, out, true);
    }
    case 'union':
      for (const option of def.options as z.core.$ZodType[]) leaves(option, path, out, list);
      return;
    case 'enum':
      return add(Object.values(def.entries as Record<string, string>));
    case 'literal':
      return add((def.values as unknown[]).map(String));
    case 'boolean':
      return add(['true', 'false']);
    default:
      return add();
  }
}

const schemaLeaves = new Map<string, Leaf>();
leaves(listingInput, [], schemaLeaves);

const html = renderPage(submitPage, 'fi');
const controlNames = new Set([...html.matchAll(/<(?:input|select|textarea)\b[^>]*\sname="([^"]+)"/g)].map((m) => m[1]!));

function offeredValues(name: string): string[] {
  const select = new RegExp(`<select\\b[^>]*\\sname="${name.replace(/\./g, '\\.')}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  if (select) return [...select[1]!.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]!).filter(Boolean);
  return [...new Set([...html.matchAll(new RegExp(`<input\\b[^>]*\\sname="${name.replace(/\./g, '\\.')}"[^>]*\\svalue="([^"]*)"`, 'g'))].map((m) => m[1]!))];
}

describe('the listing form against functions/listings/schema.ts', () => {
  it('has a control for every field of the schema', () => {
    const missing = [...schemaLeaves.keys()].filter((path) => !controlNames.has(path));
    expect(missing).toEqual([]);
  });

  it('names every control by a path the schema knows (the honeypot aside)', () => {
    const unknown = [...controlNames].filter((name) => name !== 'homepage' && !schemaLeaves.has(name));
    expect(unknown).toEqual([]);
  });

  it('offers exactly the values the schema accepts for every choice', () => {
    for (const [path, leaf] of schemaLeaves) {
      if (!leaf.values || path === 'network') continue;
      expect(offeredValues(path).sort(), path).toEqual([...leaf.values].sort());
    }
  });

  it('sends lists as checkbox groups', () => {
    for (const [path, leaf] of schemaLeaves) {
      if (leaf.list) expect(html, path).toMatch(new RegExp(`type="checkbox"[^>]*name="${path.replace(/\./g, '\\.')}"`));
    }
  });

  it('has the hidden honeypot field the API checks', () => {
    expect(html).toMatch(/<div class="hp" aria-hidden="true">[\s\S]*<input id="f-homepage" name="homepage" type="text" tabindex="-1" autocomplete="off">/);
  });

  it.each(LANGS)('labels every option in %s', (lang) => {
    const page = renderPage(submitPage, lang);
    // An unlabelled option would render its dictionary key.
    expect(page).not.toMatch(/>enum\.[\w.-]+</);
    expect(page).toContain(dictionaries[lang]['enum.theme.family-support']);
  });
});
