import type { Page } from '../layout.js';

/** The reminder mail's one-click "still valid": /<lang>/listings/extend/#token=…&id=… */
export const extendPage: Page = {
  path: 'listings/extend',
  title: 'extend.title',
  script: 'extend',
  clientKeys: ['extend.done', 'extend.used', 'extend.badLink'],
  render: (ctx) => `
<p class="lead">${ctx.t('extend.lead')}</p>
<div id="extend-status" class="status" tabindex="-1" hidden></div>
<p><button type="button" id="extend" class="primary">${ctx.t('extend.confirm')}</button></p>`,
};
