import type { DirectoryHit, DirectorySearch } from '../../functions/listings/directory.js';

/** An answer with every hit as objects, as the tests read it (the function itself makes objects of a page only). */
export const withHits = (found: DirectorySearch): DirectorySearch & { hits: DirectoryHit[] } => ({ ...found, hits: found.page(0, found.count) });
