import { describe, expect, it } from 'vitest';
import { idleTooLong, secretProblem } from '../../src/lib/features/privacy/rules/app-lock-rules';
import {
	readSealedSecret,
	sealSecret,
	secretMatches
} from '../../src/lib/features/privacy/lock-seal';

describe('an app lock’s secret', () => {
	it('is a PIN of 4 to 8 digits or a passphrase of 8 characters, typed the same twice', () => {
		expect(secretProblem('pin', '2468', '2468')).toBeNull();
		expect(secretProblem('pin', '24680135', '24680135')).toBeNull();
		expect(secretProblem('pin', '246', '246')).toBe('privacy.lock.errors.pinDigits');
		expect(secretProblem('pin', '246801357', '246801357')).toBe('privacy.lock.errors.pinDigits');
		expect(secretProblem('pin', '24a8', '24a8')).toBe('privacy.lock.errors.pinDigits');
		expect(secretProblem('pin', '2468', '2469')).toBe('privacy.lock.errors.mismatch');
		expect(secretProblem('passphrase', 'tea house', 'tea house')).toBeNull();
		// Characters, not UTF-16 units: four Chinese characters and an emoji are five.
		expect(secretProblem('passphrase', '茶馆开门😀', '茶馆开门😀')).toBe(
			'privacy.lock.errors.passphraseShort'
		);
		expect(secretProblem('passphrase', '茶馆每天早上九点开门', '茶馆每天早上九点开门')).toBeNull();
	});

	it('is kept sealed: the hash matches it and nothing else, and never holds it', async () => {
		const sealed = await sealSecret('2468');
		expect(JSON.stringify(sealed)).not.toContain('2468');
		expect(await secretMatches(sealed, '2468')).toBe(true);
		expect(await secretMatches(sealed, '2469')).toBe(false);
		expect(await secretMatches(sealed, '')).toBe(false);
		// The same secret sealed twice: two salts, two hashes.
		expect((await sealSecret('2468')).hash).not.toBe(sealed.hash);
	});

	it('still opens a kiosk locked before the app lock existed (salted SHA-256)', async () => {
		const salt = 'abcd';
		const bytes = new TextEncoder().encode(`${salt}:1357`);
		const hash = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) =>
			b.toString(16).padStart(2, '0')
		).join('');
		const old = readSealedSecret({ salt, hash })!;
		expect(await secretMatches(old, '1357')).toBe(true);
		expect(await secretMatches(old, '1358')).toBe(false);
	});

	it('read back from storage refuses what is not one, and counts that would hang an unlock', () => {
		expect(readSealedSecret(null)).toBeNull();
		expect(readSealedSecret('2468')).toBeNull();
		expect(readSealedSecret({ salt: 1, hash: 'x' })).toBeNull();
		expect(readSealedSecret({ salt: 's', hash: 'h', iterations: 1e12 })).toBeNull();
		expect(readSealedSecret({ salt: 's', hash: 'h', iterations: 10 })).toBeNull();
		expect(readSealedSecret({ salt: 's', hash: 'h', iterations: 100_000 })).toEqual({
			salt: 's',
			hash: 'h',
			iterations: 100_000
		});
	});
});

describe('locking when idle', () => {
	it('locks once the chosen minutes have passed without a touch, and never with 0', () => {
		const at = 1_000_000;
		expect(idleTooLong(at, at + 4 * 60_000 + 59_999, 5)).toBe(false);
		expect(idleTooLong(at, at + 5 * 60_000, 5)).toBe(true);
		expect(idleTooLong(at, at + 24 * 3_600_000, 0)).toBe(false);
	});
});
