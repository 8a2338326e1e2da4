import { en } from './en.js';
import { fi, type Dictionary, type MessageKey } from './fi.js';
import { sv } from './sv.js';

export type Lang = 'fi' | 'sv' | 'en';
export const LANGS: readonly Lang[] = ['fi', 'sv', 'en'];
export const dictionaries: Record<Lang, Dictionary> = { fi, sv, en };
export type { Dictionary, MessageKey };
