import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { linkDoc } from '../../src/lib/sync/doc-link';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('linkDoc', () => {
	it('hands each side what it lacks, then keeps both in step both ways', async () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		a.getMap('customers').set('c1', 'Li');
		b.getMap('customers').set('c2', 'Wang');
		const channel = new MessageChannel();
		const linkA = linkDoc(a, channel.port1);
		const linkB = linkDoc(b, channel.port2);
		await Promise.all([linkA.synced, linkB.synced]);
		expect(a.getMap('customers').toJSON()).toEqual({ c1: 'Li', c2: 'Wang' });
		expect(b.getMap('customers').toJSON()).toEqual({ c1: 'Li', c2: 'Wang' });

		b.getMap('customers').set('c1', 'Li Na');
		await settle();
		expect(a.getMap('customers').get('c1')).toBe('Li Na');

		linkA.disconnect();
		linkB.disconnect();
		channel.port1.close();
	});

	it('applies what arrives with the port as origin and never sends it back', async () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const channel = new MessageChannel();
		const origins: unknown[] = [];
		b.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
		let postedByB = 0;
		const portB = channel.port2;
		const countingPort = {
			postMessage: (message: unknown) => {
				postedByB++;
				portB.postMessage(message);
			},
			get onmessage() {
				return portB.onmessage;
			},
			set onmessage(handler) {
				portB.onmessage = handler;
			}
		};
		const linkA = linkDoc(a, channel.port1);
		const linkB = linkDoc(b, countingPort);
		await linkB.synced;
		const postedAfterHandshake = postedByB;
		a.getMap('customers').set('c1', 'Li');
		await settle();
		expect(b.getMap('customers').get('c1')).toBe('Li');
		expect(origins.at(-1)).toBe(countingPort);
		expect(postedByB).toBe(postedAfterHandshake);
		linkA.disconnect();
		linkB.disconnect();
		channel.port1.close();
	});

	it('unlink stops both sides', async () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const channel = new MessageChannel();
		const linkA = linkDoc(a, channel.port1);
		const linkB = linkDoc(b, channel.port2);
		await linkB.synced;
		linkB.unlink();
		await settle();
		a.getMap('customers').set('c1', 'Li');
		b.getMap('customers').set('c2', 'Wang');
		await settle();
		expect(b.getMap('customers').has('c1')).toBe(false);
		expect(a.getMap('customers').has('c2')).toBe(false);
		expect(channel.port1.onmessage).toBeNull();
		linkA.disconnect();
		channel.port1.close();
	});

	it('passes messages of other kinds on', async () => {
		const channel = new MessageChannel();
		const others: unknown[] = [];
		const link = linkDoc(new Y.Doc(), channel.port1, (message) => others.push(message));
		channel.port2.postMessage({ kind: 'replaced' });
		await settle();
		expect(others).toEqual([{ kind: 'replaced' }]);
		link.disconnect();
		channel.port1.close();
	});

	it('posts no change while no other side has spoken, and a side that comes later gets them all', async () => {
		const a = new Y.Doc();
		const channel = new MessageChannel();
		const posted: unknown[] = [];
		const port = {
			postMessage: (message: unknown) => {
				posted.push(message);
				channel.port1.postMessage(message);
			},
			onmessage: null as ((event: MessageEvent) => void) | null
		};
		const linkA = linkDoc(a, port);
		// The greeting sits unread in the channel, as on a BroadcastChannel with no other tab.
		const greeting = posted.length;
		a.getMap('customers').set('c1', 'Li');
		a.getMap('customers').set('c2', 'Wang');
		expect(posted.length).toBe(greeting);

		// A second tab opens: its greeting is answered with what it lacks, then changes flow.
		channel.port2.onmessage = null;
		const b = new Y.Doc();
		channel.port1.onmessage = (event) => port.onmessage?.(event);
		const linkB = linkDoc(b, channel.port2);
		await linkB.synced;
		expect(b.getMap('customers').toJSON()).toEqual({ c1: 'Li', c2: 'Wang' });
		a.getMap('customers').set('c3', 'Zhao');
		await settle();
		expect(b.getMap('customers').get('c3')).toBe('Zhao');
		linkA.disconnect();
		linkB.disconnect();
		channel.port1.close();
	});
});
