/**
 * zod for runtime code: `zod/mini`, the same library as classic zod with
 * functions in place of methods, so a bundle carries only the parts it uses
 * and building a schema does not give it every method (issue 16: classic zod
 * was ~92 KB and 15–20 ms of every cold start). Import zod as
 * `import * as z from '…/shared/zod.js'`, never from 'zod' directly.
 *
 * zod/mini loads no messages; classic zod loads the English ones on import.
 * Loading them here keeps every issue message what it was: field codes read
 * "received undefined" to tell a missing field from a wrong one
 * (validation.ts), and environment and event errors quote the messages.
 * package.json lists this module under `sideEffects`, so a bundle runs this
 * configuration wherever it uses zod through it.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
