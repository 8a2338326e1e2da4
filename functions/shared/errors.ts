/**
 * Domain errors. Domain code throws these without knowing about HTTP; the
 * HTTP middleware maps each kind to its status code and JSON error shape.
 */
export type FieldErrors = Record<string, string>;

export class DomainError extends Error {
  constructor(
    readonly kind: 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'rate_limited' | 'gone',
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (message: string, fields?: FieldErrors, code = 'invalid_input') => new DomainError('invalid', code, message, fields);
export const notFound = (what = 'Not found') => new DomainError('not_found', 'not_found', what);
export const conflict = (code: string, message: string) => new DomainError('conflict', code, message);
export const forbidden = (message = 'Forbidden') => new DomainError('forbidden', 'forbidden', message);
export const unauthorized = (message = 'Sign-in required') => new DomainError('unauthorized', 'unauthorized', message);
export const rateLimited = (message = 'Too many requests, try again later') => new DomainError('rate_limited', 'rate_limited', message);
