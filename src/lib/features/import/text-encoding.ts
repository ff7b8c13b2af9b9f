/**
 * Text files come from Excel and phones in several encodings. Excel in Chinese saves "CSV" as
 * GBK (read here as GB18030, its superset), "Unicode text" as UTF-16 LE, and "CSV UTF-8" with a
 * byte-order mark. Browsers decode all of these natively with TextDecoder.
 */
export const TEXT_ENCODINGS = ['utf-8', 'gb18030', 'utf-16le', 'utf-16be'] as const;
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
	return prefix.every((byte, i) => bytes[i] === byte);
}

/**
 * Guesses the encoding: a byte-order mark decides; otherwise UTF-16 shows itself by zero bytes
 * in every other position; otherwise text that is valid UTF-8 is UTF-8 (GBK text almost never
 * is), and anything else is taken as GB18030.
 */
export function detectEncoding(bytes: Uint8Array): TextEncodingName {
	if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return 'utf-8';
	if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
	if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
	const sample = bytes.subarray(0, 4096);
	let evenZeros = 0;
	let oddZeros = 0;
	for (let i = 0; i < sample.length; i++) {
		if (sample[i] !== 0) continue;
		if (i % 2 === 0) evenZeros++;
		else oddZeros++;
	}
	const pairs = sample.length / 2;
	if (pairs > 0 && oddZeros / pairs > 0.3 && evenZeros < oddZeros / 4) return 'utf-16le';
	if (pairs > 0 && evenZeros / pairs > 0.3 && oddZeros < evenZeros / 4) return 'utf-16be';
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return 'utf-8';
	} catch {
		return 'gb18030';
	}
}

/** Decodes the bytes (a byte-order mark is dropped); bytes that do not fit become U+FFFD. */
export function decodeText(bytes: Uint8Array, encoding: TextEncodingName): string {
	return new TextDecoder(encoding).decode(bytes);
}
