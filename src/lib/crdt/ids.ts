/** Opaque random ids (96 bits, base64url): safe to create offline on any device without clashes. */
export function newId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(12));
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_');
}
