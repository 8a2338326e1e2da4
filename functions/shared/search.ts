/**
 * Search normalisation: case and Finnish/Swedish diacritics do not matter
 * (`perhetyö` finds `perhetyo`, `Pruntsin Poukama` finds `pruntsin poukama`).
 */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Every word of the query appears in the text (inside words too: Finnish compounds, "kahvila" finds "perhekahvila"). */
export function matchesQuery(normalisedText: string, query: string): boolean {
  const words = normalise(query).split(' ').filter(Boolean);
  return words.every((w) => normalisedText.includes(w));
}

/**
 * The searchable form of a text: normalised, each distinct word once. Matching
 * a query against it gives the same answer as against the whole normalised
 * text (query words hold no spaces), at a fraction of the size.
 */
export function searchWords(text: string): string {
  return [...new Set(normalise(text).split(' ').filter(Boolean))].join(' ');
}
