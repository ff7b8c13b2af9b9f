import * as Y from 'yjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { addPurchase } from '../../../src/lib/features/activity/activity-commands';
import {
	createCustomer,
	updateCustomer
} from '../../../src/lib/features/customers/customer-commands';
import { FileTooLargeError } from '../../../src/lib/domain/file-limits';
import {
	BACKUP_FORMAT,
	isEncryptedBackup,
	openBackup,
	writeBackup
} from '../../../src/lib/features/backup/backup-file';
import { sealFile, SealedFileError } from '../../../src/lib/features/backup/sealed-file';
import { applyCountingCustomers } from '../../../src/lib/crdt/apply-update';
import {
	CHANGES_FORMAT,
	openChanges,
	writeChanges
} from '../../../src/lib/features/sync/sync-file';
import type { CommandContext } from '../../../src/lib/core/command-context';
import { customer, memberContext } from '../helpers';
import { concat, mutatedBytes, settings, timed, unexpected } from './fuzz';

/**
 * The doors of backups and sync files: whatever bytes arrive, opening gives the archive or a
 * `SealedFileError` / `FileTooLargeError` (each worded by the page), in bounded time; the
 * bytes and the archive that made them stay as they were, and a sync file that is refused
 * leaves the colleague's archive untouched (one that opens is merged as the app merges it).
 */
const PASSPHRASE = 'correct horse battery';
const SECRET = 'aW50ZW50aW9uYWxseS1sb25nLXRlYW0tc2VjcmV0LWtleQ';

let shop: CommandContext;
const files: Record<string, Uint8Array> = {};
let stateBefore: Uint8Array;

function fillShop(ctx: CommandContext): void {
	for (const [name, phone] of [
		['王秀英', '13800138001'],
		['Olivia Chen', '+44 20 7946 0018']
	] as const) {
		const created = createCustomer(ctx, customer({ name, phone, city: '杭州' }));
		if (!created.ok) throw new Error('setup');
		updateCustomer(ctx, created.value, { notes: `Likes oolong, ${name}` });
		addPurchase(ctx, {
			customerId: created.value,
			at: Date.UTC(2026, 0, 5),
			lines: [{ product: 'Tea', quantity: 2, unitPriceCents: 5000 }],
			discountCents: 0,
			payment: 'cash',
			channel: 'in_store',
			note: ''
		});
	}
}

beforeAll(async () => {
	shop = memberContext('li');
	fillShop(shop);
	const older = Y.encodeStateVector(shop.ws.doc);
	createCustomer(shop, customer({ name: 'Later customer' }));
	files['backup'] = (await writeBackup(shop.ws, { now: 1 })).bytes;
	files['backup-encrypted'] = (
		await writeBackup(shop.ws, { passphrase: PASSPHRASE, iterations: 1000, now: 1 })
	).bytes;
	const sender = { memberId: 'li', memberName: 'Li', now: 2 };
	files['changes'] = (await writeChanges(shop.ws, { ...sender, since: null })).bytes;
	files['changes-encrypted'] = (
		await writeChanges(shop.ws, { ...sender, since: null, secret: SECRET })
	).bytes;
	files['changes-since'] = (
		await writeChanges(shop.ws, { ...sender, since: older, secret: SECRET })
	).bytes;
	stateBefore = Y.encodeStateAsUpdate(shop.ws.doc);
});

const DOMAIN = [SealedFileError, FileTooLargeError];

async function opensBackupSafely(bytes: Uint8Array): Promise<void> {
	const before = bytes.slice();
	const encrypted = await timed(() => isEncryptedBackup(bytes));
	if (!encrypted.ok && unexpected(encrypted.error, ...DOMAIN)) throw encrypted.error;
	const opened = await timed(() => openBackup(bytes, PASSPHRASE));
	if (!opened.ok && unexpected(opened.error, ...DOMAIN)) throw opened.error;
	if (opened.ok) expect(opened.value.summary.customers).toBeGreaterThanOrEqual(0);
	expect(Buffer.compare(bytes, before)).toBe(0);
	expect(Y.encodeStateAsUpdate(shop.ws.doc)).toEqual(stateBefore);
}

async function opensChangesSafely(bytes: Uint8Array, secret?: string): Promise<void> {
	const colleague = memberContext('wang');
	createCustomer(colleague, customer({ name: 'Wang’s own customer' }));
	const theirs = Y.encodeStateAsUpdate(colleague.ws.doc);
	const opened = await timed(() => openChanges(bytes, secret));
	if (!opened.ok) {
		if (unexpected(opened.error, ...DOMAIN)) throw opened.error;
		// Refused: the colleague's archive is as it was.
		expect(Y.encodeStateAsUpdate(colleague.ws.doc)).toEqual(theirs);
		return;
	}
	// Opened: merged as the app merges a sync file, which must not throw either.
	applyCountingCustomers(colleague.ws, opened.value.update, { syncFile: true });
}

/** A sealed file around a header of any shape (the header is what a file says about itself). */
function withHeader(magic: string, header: unknown, body: Uint8Array): Uint8Array {
	const headerBytes = new TextEncoder().encode(JSON.stringify(header));
	const length = new Uint8Array(4);
	new DataView(length.buffer).setUint32(0, headerBytes.length, true);
	return concat(new TextEncoder().encode(magic), length, headerBytes, body);
}

const headers = (format: string) =>
	fc.record(
		{
			format: fc.oneof(fc.constant(format), fc.string({ maxLength: 20 })),
			version: fc.oneof(fc.constantFrom(0, 1, 2, -1, 1.5, 1e300), fc.string({ maxLength: 4 })),
			encryption: fc.oneof(
				fc.constant(null),
				fc.record(
					{
						cipher: fc.oneof(fc.constant('AES-256-GCM'), fc.string({ maxLength: 12 })),
						kdf: fc.oneof(fc.constant('PBKDF2-SHA256'), fc.string({ maxLength: 12 })),
						// Inside the accepted range only its lowest: each derivation costs real time.
						iterations: fc.constantFrom(-1, 0, 999, 1000, 1001, 5_000_001, 1e12, 1.5, '1000'),
						salt: fc.oneof(fc.base64String({ maxLength: 44 }), fc.string({ maxLength: 70 })),
						iv: fc.oneof(fc.base64String({ maxLength: 24 }), fc.string({ maxLength: 70 }))
					},
					{ requiredKeys: [] }
				),
				fc.anything({ maxDepth: 2 })
			),
			sha256: fc.oneof(fc.base64String({ maxLength: 44 }), fc.anything({ maxDepth: 1 }))
		},
		{ requiredKeys: [] }
	);

// Many readings per test: the default 5 s is for one; each reading keeps its own bound.
describe('fuzzing backups and sync files', { timeout: 60_000 }, () => {
	it('backups, plain and encrypted: mutated files open or are refused with a reason', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(mutatedBytes(files['backup']!), mutatedBytes(files['backup-encrypted']!)),
				opensBackupSafely
			),
			settings(100)
		);
	});

	it('sync files, whole and since a state, plain and encrypted: mutated files too', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					mutatedBytes(files['changes']!).map((bytes) => [bytes, undefined] as const),
					mutatedBytes(files['changes-encrypted']!).map((bytes) => [bytes, SECRET] as const),
					mutatedBytes(files['changes-since']!).map((bytes) => [bytes, SECRET] as const)
				),
				([bytes, secret]) => opensChangesSafely(bytes, secret)
			),
			settings(100)
		);
	});

	it('headers of any shape around a real body, for both kinds of file', async () => {
		const body = (name: string) => {
			const file = files[name]!;
			const at = new TextEncoder().encode(BACKUP_FORMAT.magic).length;
			const length = new DataView(file.buffer, file.byteOffset + at, 4).getUint32(0, true);
			return file.subarray(at + 4 + length);
		};
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					headers(BACKUP_FORMAT.format).map((header) => ({
						backup: withHeader(BACKUP_FORMAT.magic, header, body('backup-encrypted'))
					})),
					headers(CHANGES_FORMAT.format).map((header) => ({
						changes: withHeader(CHANGES_FORMAT.magic, header, body('changes'))
					}))
				),
				async (file) =>
					'backup' in file
						? opensBackupSafely(file.backup)
						: opensChangesSafely(file.changes, SECRET)
			),
			settings(100)
		);
	});

	it('damaged updates and summaries sealed as if whole (the hash matches), for both kinds', async () => {
		// A plain file's hash refuses damage on the way; this reaches what lies behind it: the
		// scratch doc a backup is tried in, and the decoding of a sync file's update.
		const update = Y.encodeStateAsUpdate(shop.ws.doc);
		const info = {
			createdAt: 2,
			fromMemberId: 'li',
			fromName: 'Li',
			full: true,
			stateVector: 'AAE='
		};
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(mutatedBytes(update), fc.uint8Array({ maxLength: 256 })),
				fc.oneof(fc.constant<unknown>(info), fc.anything({ maxDepth: 2 })),
				async (damaged, said) => {
					await opensBackupSafely(await sealFile(BACKUP_FORMAT, said, damaged));
					await opensChangesSafely(await sealFile(CHANGES_FORMAT, said, damaged));
				}
			),
			settings(120)
		);
	});

	it('random bytes, bare or behind the right magic word', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.uint8Array({ maxLength: 512 }),
				fc.constantFrom('', BACKUP_FORMAT.magic, CHANGES_FORMAT.magic),
				async (bytes, magic) => {
					const file = concat(new TextEncoder().encode(magic), bytes);
					await opensBackupSafely(file);
					await opensChangesSafely(file, SECRET);
				}
			),
			settings(100)
		);
	});
});
