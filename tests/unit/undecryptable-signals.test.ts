import { describe, expect, it } from 'vitest';
import {
	ignoreUndecryptableSignals,
	isUndecryptableMessage
} from '../../src/lib/sync/undecryptable-signals';

/** What y-webrtc's decrypt rejects with when the room's secret is not the sender's. */
async function decryptWithWrongKey(): Promise<unknown> {
	const key = (usage: KeyUsage[]) =>
		crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, usage);
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const sealed = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv },
		await key(['encrypt']),
		new TextEncoder().encode('{"type":"announce"}')
	);
	return crypto.subtle.decrypt({ name: 'AES-GCM', iv }, await key(['decrypt']), sealed).then(
		() => null,
		(error: unknown) => error
	);
}

function rejection(reason: unknown): Event {
	return Object.assign(new Event('unhandledrejection', { cancelable: true }), { reason });
}

describe('messages sealed with another secret', () => {
	it('recognises a failed decryption, and nothing else', async () => {
		expect(isUndecryptableMessage(await decryptWithWrongKey())).toBe(true);
		expect(isUndecryptableMessage(new TypeError('x is undefined'))).toBe(false);
		expect(isUndecryptableMessage(new DOMException('stopped', 'AbortError'))).toBe(false);
		expect(isUndecryptableMessage(new Error('OperationError'))).toBe(false);
	});

	it('marks only those rejections handled', async () => {
		const page = new EventTarget();
		ignoreUndecryptableSignals(page);
		const foreign = rejection(await decryptWithWrongKey());
		page.dispatchEvent(foreign);
		expect(foreign.defaultPrevented).toBe(true);
		const bug = rejection(new TypeError('x is undefined'));
		page.dispatchEvent(bug);
		expect(bug.defaultPrevented).toBe(false);
	});
});
