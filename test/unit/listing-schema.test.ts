import { describe, expect, it } from 'vitest';
import { listingInput } from '../../functions/listings/schema.js';
import { issuesToFieldCodes } from '../../functions/shared/validation.js';
import { aListing } from '../fixtures/listings.js';

function fieldCodes(input: unknown): Record<string, string> {
  const result = listingInput.safeParse(input);
  return result.success ? {} : issuesToFieldCodes(result.error.issues);
}

describe('listing schema', () => {
  it('accepts a complete listing', () => {
    expect(fieldCodes(aListing())).toEqual({});
  });

  it('rejects a listing without a title', () => {
    const { title: _t, ...rest } = aListing();
    expect(fieldCodes(rest)).toEqual({ title: 'required' });
  });

  it('rejects a blank Finnish title even when Swedish is given', () => {
    expect(fieldCodes({ ...aListing(), title: { fi: '   ', sv: 'Familjecafé' } })).toEqual({ 'title.fi': 'required' });
  });

  it('rejects a bad contact email with its own message', () => {
    const l = aListing();
    expect(fieldCodes({ ...l, contact: { ...l.contact, email: 'maija(at)example' } })).toEqual({ 'contact.email': 'invalid_email' });
  });

  it('rejects a theme outside the taxonomy', () => {
    expect(fieldCodes({ ...aListing(), themes: ['astrology'] })).toEqual({ 'themes.0': 'invalid_choice' });
  });

  it('asks for at least one channel', () => {
    expect(fieldCodes({ ...aListing(), channels: [] })).toEqual({ channels: 'choose_one' });
  });

  it('rejects a postcode that is not five digits', () => {
    expect(fieldCodes({ ...aListing(), channels: [{ type: 'place', address: 'Katu 1', postcode: '941', municipality: 'Kemi' }] })).toEqual({
      'channels.0.postcode': 'invalid_postcode',
    });
  });

  it('rejects a javascript: link as a website', () => {
    const l = aListing();
    expect(fieldCodes({ ...l, contact: { ...l.contact, website: 'javascript:alert(1)' } })).toEqual({ 'contact.website': 'invalid_url' });
  });

  it('rejects a validity that ends before it starts', () => {
    expect(fieldCodes({ ...aListing(), validFrom: '2026-12-01', validUntil: '2026-11-01' })).toEqual({ validUntil: 'before_start' });
  });

  it('rejects a recurring time that ends before it starts', () => {
    expect(
      fieldCodes({ ...aListing(), schedule: { type: 'recurring', frequency: 'weekly', weekdays: ['mon'], startTime: '12:00', endTime: '10:00' } }),
    ).toEqual({ 'schedule.endTime': 'before_start' });
  });

  it('rejects an age range whose upper limit is below the lower', () => {
    expect(fieldCodes({ ...aListing(), ageRange: { min: 10, max: 3 } })).toEqual({ 'ageRange.max': 'invalid_range' });
  });
});

describe('field codes for wrong types', () => {
  it('calls a missing field required but a wrong-typed one invalid', () => {
    const l = aListing();
    expect(fieldCodes({ ...l, cost: { free: 'yes' } })).toEqual({ 'cost.free': 'invalid' });
    const { kind: _k, ...noKind } = l;
    expect(fieldCodes(noKind)).toEqual({ kind: 'invalid_choice' });
    expect(fieldCodes({ ...l, organisation: { ...l.organisation, name: 42 } })).toEqual({ 'organisation.name': 'invalid' });
  });
});
