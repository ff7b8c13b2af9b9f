/** Bytes as base64 text and back, for binary values inside JSON (salts, IVs, state vectors). */
export function toBase64(bytes: Uint8Array): string {
	let text = '';
	// In slices: spreading a large array into one call exceeds the engine's argument limit.
	for (let i = 0; i < bytes.length; i += 0x8000) {
		text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	}
	return btoa(text);
}

export function fromBase64(text: string): Uint8Array {
	return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/** The URL- and file-name-safe variant (RFC 4648 §5), without padding. */
export function toBase64Url(bytes: Uint8Array): string {
	return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
	const plain = text.replace(/-/g, '+').replace(/_/g, '/');
	return Uint8Array.from(atob(plain), (char) => char.charCodeAt(0));
}
