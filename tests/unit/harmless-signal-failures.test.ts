import { describe, expect, it } from 'vitest';
import {
	ignoreHarmlessSignalFailures,
	isAnswerForClosedHandshake,
	isUndecryptableMessage
} from '../../src/lib/features/sync/harmless-signal-failures';

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

/** What y-webrtc throws for an answer to an offer this side has closed: its conn is gone. */
function answerForForgottenConnection(): unknown {
	const webrtcConns = new Map<string, { glareToken?: number }>();
	try {
		const existingConn = webrtcConns.get('remote-peer') as { glareToken?: number };
		existingConn.glareToken = undefined;
		return null;
	} catch (error) {
		return error;
	}
}

// The handler installs once per page, as in the app; every test dispatches on this one page.
const page = new EventTarget();
ignoreHarmlessSignalFailures(page);

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
		const foreign = rejection(await decryptWithWrongKey());
		page.dispatchEvent(foreign);
		expect(foreign.defaultPrevented).toBe(true);
		const bug = rejection(new TypeError('x is undefined'));
		page.dispatchEvent(bug);
		expect(bug.defaultPrevented).toBe(false);
	});
});

describe('answers to a handshake this side has closed', () => {
	it('recognises y-webrtc failing on the forgotten connection, and nothing else', () => {
		expect(isAnswerForClosedHandshake(answerForForgottenConnection())).toBe(true);
		expect(isAnswerForClosedHandshake(new TypeError('x is undefined'))).toBe(false);
		expect(isAnswerForClosedHandshake(new TypeError("reading 'glareTokens'"))).toBe(false);
		expect(isAnswerForClosedHandshake(new Error('glareToken'))).toBe(false);
	});

	it('marks only those rejections handled', () => {
		const lateAnswer = rejection(answerForForgottenConnection());
		page.dispatchEvent(lateAnswer);
		expect(lateAnswer.defaultPrevented).toBe(true);
		const bug = rejection(new TypeError("Cannot read properties of undefined (reading 'peer')"));
		page.dispatchEvent(bug);
		expect(bug.defaultPrevented).toBe(false);
	});
});
