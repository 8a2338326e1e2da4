import { DocumentClient } from './aws/dynamodb.js';

/** The document client of a store, built at cold start (it reads its configuration at the first request). */
export function documentClient(): DocumentClient {
  return new DocumentClient();
}

export function isConditionFailure(err: unknown): boolean {
  return err instanceof Error && err.name === 'ConditionalCheckFailedException';
}

/** Runs a conditional write: true when it was applied, false when its condition did not hold. */
export async function conditionally(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}
