import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64, toBase64Url } from '../../src/lib/domain/base64';
import { newEntryKey, newId } from '../../src/lib/crdt/ids';

describe('base64', () => {
	it('round-trips byte arrays far larger than one call may take as arguments', () => {
		const bytes = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7) & 0xff);
		const text = toBase64(bytes);
		expect(text).toBe(Buffer.from(bytes).toString('base64'));
		expect(Buffer.compare(fromBase64(text), bytes)).toBe(0);
	});

	it('has a URL-safe form without padding, which ids use', () => {
		expect(toBase64Url(Uint8Array.of(0xfb, 0xff, 0xbf, 0x01))).toBe('-_-_AQ');
		expect(newId()).toMatch(/^[A-Za-z0-9_-]{16}$/);
		expect(newEntryKey()).toMatch(/^[A-Za-z0-9_-]{12}$/);
		expect(new Set(Array.from({ length: 1000 }, newEntryKey)).size).toBe(1000);
	});
});
