import { toBase64Url } from '../domain/base64';

/** Opaque random ids (96 bits, base64url): safe to create offline on any device without clashes. */
export function newId(): string {
	return toBase64Url(crypto.getRandomValues(new Uint8Array(12)));
}

/**
 * A shorter random key (72 bits) for history entries, which nothing refers to and which travel
 * with every edit: a clash among a million entries is about one in ten billion.
 */
export function newEntryKey(): string {
	return toBase64Url(crypto.getRandomValues(new Uint8Array(9)));
}
