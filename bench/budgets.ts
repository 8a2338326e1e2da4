/** Non-timing budgets checked by `npm run bench -- --check`. */
export const BUNDLE_BUDGET_KB = 250;

/**
 * Functions allowed over the bundle budget, each with the reason the table
 * shows. Empty on purpose: add an entry only with a reason a reader accepts,
 * e.g. `SendDigestBatch: 'renders HTML mail and signs links (jose)'`.
 */
export const BUNDLE_ALLOW_LIST: Readonly<Record<string, string>> = {};
