import { toBase64Url } from '../domain/base64';

/** Opaque random ids (96 bits, base64url): safe to create offline on any device without clashes. */
export function newId(): string {
	return toBase64Url(crypto.getRandomValues(new Uint8Array(12)));
}
