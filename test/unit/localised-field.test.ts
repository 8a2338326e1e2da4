import { describe, expect, it } from 'vitest';
import { localisedField } from '../../functions/shared/i18n.js';

describe('a user text in an API answer', () => {
  it('comes in the language asked for, unmarked, when it has that translation', () => {
    expect(localisedField('title', { fi: 'Perhekahvila', sv: 'Familjecafé' }, 'sv')).toEqual({ title: 'Familjecafé' });
  });

  it('comes in Finnish and says so when the translation is missing', () => {
    expect(localisedField('title', { fi: 'Perhekahvila', sv: 'Familjecafé' }, 'en')).toEqual({ title: 'Perhekahvila', titleLang: 'fi' });
  });

  it('needs no mark on a Finnish page', () => {
    expect(localisedField('summary', { fi: 'Tervetuloa' }, 'fi')).toEqual({ summary: 'Tervetuloa' });
  });
});
