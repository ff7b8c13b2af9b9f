import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addPurchase, logInteraction } from '../../src/lib/features/activity/activity-commands';
import { createCustomer } from '../../src/lib/features/customers/customer-commands';
import { workspaceDoc } from '../../src/lib/crdt/workspace-doc';
import {
	isEncryptedBackup,
	openBackup,
	writeBackup
} from '../../src/lib/features/backup/backup-file';
import { PBKDF2_ITERATIONS, SealedFileError } from '../../src/lib/features/backup/sealed-file';
import { customer, memberContext } from './helpers';

function shop() {
	const ctx = memberContext();
	const created = createCustomer(ctx, customer({ name: '王秀英', phone: '13800138001' }));
	if (!created.ok) throw new Error('setup');
	addPurchase(ctx, {
		customerId: created.value,
		at: Date.UTC(2026, 0, 5),
		lines: [{ product: 'Tea', quantity: 2, unitPriceCents: 5000 }],
		discountCents: 0,
		payment: 'cash',
		channel: 'in_store',
		note: ''
	});
	logInteraction(ctx, {
		customerId: created.value,
		at: Date.UTC(2026, 0, 6),
		kind: 'call',
		direction: 'out',
		summary: 'Asked about oolong',
		outcome: '',
		nextStep: '',
		followUpDate: '',
		products: []
	});
	return ctx.ws;
}

const rejectsWith = async (promise: Promise<unknown>, problem: string) => {
	await expect(promise).rejects.toBeInstanceOf(SealedFileError);
	await expect(promise).rejects.toMatchObject({ problem });
};

describe('backup files', () => {
	it('round-trips the whole workspace with a summary', async () => {
		const ws = shop();
		const { bytes, summary } = await writeBackup(ws, { now: 42 });
		expect(summary).toMatchObject({ customers: 1, purchases: 1, interactions: 1, createdAt: 42 });
		expect(isEncryptedBackup(bytes)).toBe(false);
		const opened = await openBackup(bytes);
		expect(opened.summary).toEqual(summary);
		const restored = workspaceDoc(new Y.Doc());
		Y.applyUpdate(restored.doc, opened.update);
		expect(restored.customers.toJSON()).toEqual(ws.customers.toJSON());
		expect(restored.purchases.toJSON()).toEqual(ws.purchases.toJSON());
	});

	it('encrypts with AES-GCM under a PBKDF2 key of at least 600,000 iterations', async () => {
		expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
		const ws = shop();
		const { bytes } = await writeBackup(ws, {
			passphrase: 'correct horse battery',
			iterations: 1000
		});
		expect(isEncryptedBackup(bytes)).toBe(true);
		// Nothing of the data is readable in the file.
		expect(new TextDecoder().decode(bytes)).not.toContain('王秀英');
		expect(new TextDecoder().decode(bytes)).toContain('"iterations":1000');
		await rejectsWith(openBackup(bytes), 'needPassphrase');
		await rejectsWith(openBackup(bytes, 'wrong horse'), 'wrongPassphrase');
		const opened = await openBackup(bytes, 'correct horse battery');
		expect(opened.summary.customers).toBe(1);
	});

	it('uses 600,000 iterations by default', async () => {
		const { bytes } = await writeBackup(shop(), { passphrase: 'pw' });
		expect(new TextDecoder().decode(bytes)).toContain('"iterations":600000');
	});

	it('refuses a file that is not a backup, a damaged one, and one with altered parameters', async () => {
		await rejectsWith(openBackup(new TextEncoder().encode('name,phone\n')), 'wrongKind');
		const { bytes } = await writeBackup(shop());
		await rejectsWith(openBackup(bytes.subarray(0, bytes.length - 20)), 'damaged');
		const garbled = bytes.slice();
		garbled.fill(7, bytes.length - 40, bytes.length - 10);
		await rejectsWith(openBackup(garbled), 'damaged');

		const encrypted = (await writeBackup(shop(), { passphrase: 'pw', iterations: 1000 })).bytes;
		const text = new TextDecoder('latin1').decode(encrypted);
		const tampered = Uint8Array.from(text.replace('"iterations":1000', '"iterations":1001'), (c) =>
			c.charCodeAt(0)
		);
		await rejectsWith(openBackup(tampered, 'pw'), 'wrongPassphrase');
	});

	it('refuses a file asking for key-derivation work outside the accepted range, before deriving', async () => {
		// The count is edited in place (same length, so the header's recorded length holds); a
		// count in range would be derived and then fail as a wrong passphrase, not as damage.
		const asking = (bytes: Uint8Array, from: string, to: string) =>
			Uint8Array.from(
				new TextDecoder('latin1')
					.decode(bytes)
					.replace(`"iterations":${from}`, `"iterations":${to}`),
				(c) => c.charCodeAt(0)
			);
		const light = (await writeBackup(shop(), { passphrase: 'pw', iterations: 1000 })).bytes;
		await rejectsWith(openBackup(asking(light, '1000', '99.0'), 'pw'), 'damaged');
		const heavy = (await writeBackup(shop(), { passphrase: 'pw', iterations: 1_000_000 })).bytes;
		// Nine million: seconds here, hours on an old phone for a count in the billions.
		await rejectsWith(openBackup(asking(heavy, '1000000', '9000000'), 'pw'), 'damaged');
	});

	it("refuses a plain file whose damage falls inside a customer's text", async () => {
		const { bytes } = await writeBackup(shop());
		// Bytes inside a name still decode as a doc: only the checksum notices the change.
		const at = findBytes(bytes, new TextEncoder().encode('王秀英'));
		expect(at).toBeGreaterThan(0);
		const altered = bytes.slice();
		altered[at + 2] = altered[at + 2]! ^ 1;
		await rejectsWith(openBackup(altered), 'damaged');
		expect((await openBackup(bytes)).summary.customers).toBe(1);
	});

	it('still opens a plain file written before files carried a checksum', async () => {
		const { bytes } = await writeBackup(shop());
		const text = new TextDecoder('latin1').decode(bytes);
		const withoutChecksum = text.replace(/,"sha256":"[^"]+"/, '');
		expect(withoutChecksum).not.toBe(text);
		// The header's length field (after the magic word) shrinks with it.
		const magicLength = 'CLIENTBOOK-BACKUP'.length;
		const header = new DataView(bytes.buffer, bytes.byteOffset + magicLength, 4);
		const old = Uint8Array.from(withoutChecksum, (c) => c.charCodeAt(0));
		new DataView(old.buffer, magicLength, 4).setUint32(
			0,
			header.getUint32(0, true) - (text.length - withoutChecksum.length),
			true
		);
		expect((await openBackup(old)).summary.customers).toBe(1);
	});

	it('refuses a backup from a newer version of the format', async () => {
		const { bytes } = await writeBackup(shop());
		const text = new TextDecoder('latin1').decode(bytes);
		const newer = Uint8Array.from(text.replace('"version":1', '"version":9'), (c) =>
			c.charCodeAt(0)
		);
		await rejectsWith(openBackup(newer), 'newerVersion');
	});
});

describe('backup reminder', () => {
	it('is due with no backup, or more than 7 calendar days after the last', async () => {
		const { backupDue } = await import('../../src/lib/features/backup/ui/backup-status.svelte');
		const local = (day: number, hour: number) => new Date(2026, 5, day, hour).getTime();
		const now = local(11, 9);
		expect(backupDue(null, now)).toBe(true);
		// June 4 is 7 calendar days before June 11, late in the day or early.
		expect(backupDue(local(4, 8), now)).toBe(false);
		expect(backupDue(local(4, 23), now)).toBe(false);
		expect(backupDue(local(3, 23), now)).toBe(true);
	});
});

function findBytes(haystack: Uint8Array, needle: Uint8Array): number {
	outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
		for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
		return i;
	}
	return -1;
}
