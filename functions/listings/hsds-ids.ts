/**
 * Listing ids as HSDS UUIDs and back, apart from the rest of HSDS: the
 * directory function opens a listing by either id, and importing hsds.ts
 * for this brought its compiled HSDS schemas into that bundle (31 KB of 253).
 */

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MASK_122 = (1n << 122n) - 1n;

const ulidBits = (ulid: string) => [...ulid.toUpperCase()].reduce((n, ch) => n * 32n + BigInt(CROCKFORD.indexOf(ch)), 0n);
function bitsToUlid(n: bigint): string {
  let out = '';
  for (let i = 0; i < 26; i++) {
    out = CROCKFORD[Number(n % 32n)]! + out;
    n /= 32n;
  }
  return out;
}
export const hexUuid = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
const uuidBits = (uuid: string) => BigInt(`0x${uuid.replace(/-/g, '')}`);

/**
 * A listing ULID as an RFC 9562 version-8 UUID carrying all its bits. A ULID
 * is 128 bits whose top 6 are zero until the year 2109 (its 48-bit millisecond
 * clock stays below 2^42 until then), so the other 122 fill exactly the
 * custom fields of a version-8 UUID around its version and variant digits, and
 * the ULID comes back from the UUID. Undefined for a ULID past 2109.
 */
export function ulidToUuid(ulid: string): string | undefined {
  if (!ULID.test(ulid)) return undefined;
  const n = ulidBits(ulid);
  if (n >> 122n !== 0n) return undefined;
  const a = n >> 74n; // 48 bits
  const b = (n >> 62n) & 0xfffn; // 12 bits
  const c = n & ((1n << 62n) - 1n); // 62 bits
  const v = (a << 80n) | (0x8n << 76n) | (b << 64n) | (0b10n << 62n) | c;
  return hexUuid(v.toString(16).padStart(32, '0'));
}

/** The ULID a version-8 listing UUID carries; undefined for any other UUID. */
export function uuidToUlid(uuid: string): string | undefined {
  if (!UUID.test(uuid)) return undefined;
  const v = uuidBits(uuid);
  if (((v >> 76n) & 0xfn) !== 0x8n || ((v >> 62n) & 0b11n) !== 0b10n) return undefined;
  const n = ((v >> 80n) << 74n) | (((v >> 64n) & 0xfffn) << 62n) | (v & ((1n << 62n) - 1n));
  return bitsToUlid(n & MASK_122);
}

/**
 * The listing ids a path parameter may stand for, most likely first: a ULID
 * as is; the ULID a version-8 UUID carries; and the ULID whose 128 bits an
 * earlier release printed as a UUID unchanged, so links handed out before
 * still open.
 */
export function listingIdsFrom(param: string): string[] {
  if (ULID.test(param)) return [param.toUpperCase()];
  if (!UUID.test(param)) return [];
  const earlier = bitsToUlid(uuidBits(param));
  const v8 = uuidToUlid(param);
  return [...new Set([...(v8 ? [v8] : []), ...(ULID.test(earlier) && ulidBits(earlier) >> 128n === 0n ? [earlier] : [])])];
}
