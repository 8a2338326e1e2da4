import { expect } from 'vitest';
import type { ListingInput } from '../../functions/listings/schema.js';
import { aListing } from '../fixtures/listings.js';
import type { SignedIn } from './coordinator.js';
import type { TestStack } from './stack.js';

let submitted = 0;
/**
 * The fixture listing made distinct by its phone number: an identical
 * submission within minutes is the same listing (a double click), and
 * tests that submit "a listing" mean a new one each time.
 */
export const aNewListing = (): ListingInput => {
  const l = aListing();
  return { ...l, contact: { ...l.contact, phone: `040 ${String(1_000_000 + (submitted++ % 9_000_000)).padStart(7, '0')}` } };
};

/** Submits through the API and waits until the consumers have stored it. */
export async function submit(stack: TestStack, listing: ListingInput = aNewListing(), lang = 'fi'): Promise<string> {
  const res = await stack.api(`/api/listings?lang=${lang}`, { method: 'POST', json: listing });
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  await stack.settle();
  return id;
}

export async function approve(coordinator: SignedIn, stack: TestStack, id: string): Promise<void> {
  const res = await coordinator.api(`/api/coordinator/listings/${id}/approve`, { method: 'POST' });
  expect(res.status).toBe(202);
  await stack.settle();
}

/** The edit token from the newest receipt mailed to the submitter. */
export async function editTokenFromMail(stack: TestStack, email: string): Promise<string> {
  const mails = await stack.mailTo(email);
  const text = mails.filter((m) => /#token=/.test(m.body.text ?? '')).at(-1)?.body.text ?? '';
  const token = /\/listings\/edit\/#token=([\w.-]+)/.exec(text)?.[1];
  if (!token) throw new Error(`no edit link mailed to ${email}`);
  return token;
}

export async function directory(stack: TestStack, query: string): Promise<{ count: number; listings: Array<{ id: string; title: string }> }> {
  const res = await stack.api(`/api/listings?network=kemi-perhekeskus&${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { count: number; listings: Array<{ id: string; title: string }> };
}
