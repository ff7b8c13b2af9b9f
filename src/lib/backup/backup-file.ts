import * as Y from 'yjs';
import { isDeleted, workspaceDoc, type WorkspaceDoc } from '../crdt/workspace-doc';

/**
 * A backup file: the whole workspace (the Y.Doc state) with a format version and a summary,
 * optionally encrypted. Layout:
 *   "CLIENTBOOK-BACKUP" (17 bytes) · header length (uint32 LE) · header (JSON, UTF-8) · payload
 *   payload (plain or AES-256-GCM encrypted): summary length (uint32 LE) · summary JSON · update
 * The header holds the format version and, when encrypted, the cipher, the key derivation
 * (PBKDF2-SHA256), its iterations, salt and IV. It is bound to the ciphertext as additional
 * data, so changing a parameter makes decryption fail rather than silently succeed.
 */
const MAGIC = new TextEncoder().encode('CLIENTBOOK-BACKUP');
export const BACKUP_FORMAT_VERSION = 1;
export const PBKDF2_ITERATIONS = 600_000;
export const BACKUP_EXTENSION = '.clientbook';

export interface BackupSummary {
	createdAt: number;
	customers: number;
	purchases: number;
	interactions: number;
	tasks: number;
	schemaVersion: number;
}

interface Encryption {
	cipher: 'AES-256-GCM';
	kdf: 'PBKDF2-SHA256';
	iterations: number;
	salt: string;
	iv: string;
}

interface BackupHeader {
	format: 'clientbook-backup';
	version: number;
	encryption: Encryption | null;
}

export type BackupProblem =
	'notBackup' | 'damaged' | 'newerVersion' | 'needPassphrase' | 'wrongPassphrase';

export class BackupError extends Error {
	constructor(readonly problem: BackupProblem) {
		super(problem);
		this.name = 'BackupError';
	}
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

function uint32(value: number): Uint8Array {
	const bytes = new Uint8Array(4);
	new DataView(bytes.buffer).setUint32(0, value, true);
	return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

function readUint32(bytes: Uint8Array, offset: number): number {
	if (offset + 4 > bytes.length) throw new BackupError('damaged');
	return new DataView(bytes.buffer, bytes.byteOffset + offset, 4).getUint32(0, true);
}

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number) {
	const material = await crypto.subtle.importKey(
		'raw',
		new TextEncoder().encode(passphrase.normalize('NFC')),
		'PBKDF2',
		false,
		['deriveKey']
	);
	return crypto.subtle.deriveKey(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
		material,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
}

/** Counts what a workspace holds (live customers, events, open and done tasks). */
export function summariseWorkspace(ws: WorkspaceDoc, createdAt = Date.now()): BackupSummary {
	let customers = 0;
	for (const map of ws.customers.values()) if (!isDeleted(map)) customers++;
	const schemaVersion = ws.meta.get('schemaVersion');
	return {
		createdAt,
		customers,
		purchases: ws.purchases.size,
		interactions: ws.interactions.size,
		tasks: ws.tasks.size,
		schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 0
	};
}

export async function writeBackup(
	ws: WorkspaceDoc,
	options: { passphrase?: string; iterations?: number; now?: number } = {}
): Promise<{ bytes: Uint8Array; summary: BackupSummary }> {
	const summary = summariseWorkspace(ws, options.now);
	const summaryBytes = new TextEncoder().encode(JSON.stringify(summary));
	const payload = concat(uint32(summaryBytes.length), summaryBytes, Y.encodeStateAsUpdate(ws.doc));
	let encryption: Encryption | null = null;
	let body = payload;
	let key: CryptoKey | null = null;
	if (options.passphrase) {
		const salt = crypto.getRandomValues(new Uint8Array(16));
		const iv = crypto.getRandomValues(new Uint8Array(12));
		const iterations = options.iterations ?? PBKDF2_ITERATIONS;
		encryption = {
			cipher: 'AES-256-GCM',
			kdf: 'PBKDF2-SHA256',
			iterations,
			salt: toBase64(salt),
			iv: toBase64(iv)
		};
		key = await deriveKey(options.passphrase, salt, iterations);
	}
	const header: BackupHeader = {
		format: 'clientbook-backup',
		version: BACKUP_FORMAT_VERSION,
		encryption
	};
	const headerBytes = new TextEncoder().encode(JSON.stringify(header));
	if (key && encryption) {
		body = new Uint8Array(
			await crypto.subtle.encrypt(
				{
					name: 'AES-GCM',
					iv: fromBase64(encryption.iv) as BufferSource,
					additionalData: headerBytes as BufferSource
				},
				key,
				payload as BufferSource
			)
		);
	}
	return { bytes: concat(MAGIC, uint32(headerBytes.length), headerBytes, body), summary };
}

interface ParsedFile {
	header: BackupHeader;
	headerBytes: Uint8Array;
	body: Uint8Array;
}

function parseFile(bytes: Uint8Array): ParsedFile {
	if (bytes.length < MAGIC.length || MAGIC.some((byte, i) => bytes[i] !== byte)) {
		throw new BackupError('notBackup');
	}
	const headerLength = readUint32(bytes, MAGIC.length);
	const headerStart = MAGIC.length + 4;
	if (headerStart + headerLength > bytes.length) throw new BackupError('damaged');
	const headerBytes = bytes.subarray(headerStart, headerStart + headerLength);
	let header: BackupHeader;
	try {
		header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
	} catch {
		throw new BackupError('damaged');
	}
	if (header.format !== 'clientbook-backup' || typeof header.version !== 'number') {
		throw new BackupError('damaged');
	}
	if (header.version > BACKUP_FORMAT_VERSION) throw new BackupError('newerVersion');
	return { header, headerBytes, body: bytes.subarray(headerStart + headerLength) };
}

/** Whether the file needs a passphrase to open (throws when it is not a backup at all). */
export function isEncryptedBackup(bytes: Uint8Array): boolean {
	return parseFile(bytes).header.encryption !== null;
}

export interface OpenedBackup {
	summary: BackupSummary;
	update: Uint8Array;
}

/**
 * Opens a backup: decrypts it when needed and checks that its content really is a workspace
 * (by loading it into a scratch doc), so a damaged file is refused before anything is touched.
 */
export async function openBackup(bytes: Uint8Array, passphrase?: string): Promise<OpenedBackup> {
	const { header, headerBytes, body } = parseFile(bytes);
	let payload = body;
	if (header.encryption) {
		if (!passphrase) throw new BackupError('needPassphrase');
		const { salt, iv, iterations } = header.encryption;
		let key: CryptoKey;
		try {
			key = await deriveKey(passphrase, fromBase64(salt), iterations);
		} catch {
			throw new BackupError('damaged');
		}
		try {
			payload = new Uint8Array(
				await crypto.subtle.decrypt(
					{
						name: 'AES-GCM',
						iv: fromBase64(iv) as BufferSource,
						additionalData: headerBytes as BufferSource
					},
					key,
					body as BufferSource
				)
			);
		} catch {
			// GCM cannot tell a wrong key from altered bytes; the message says both.
			throw new BackupError('wrongPassphrase');
		}
	}
	const summaryLength = readUint32(payload, 0);
	if (4 + summaryLength > payload.length) throw new BackupError('damaged');
	const update = payload.subarray(4 + summaryLength);
	const scratch = new Y.Doc();
	try {
		Y.applyUpdate(scratch, update);
	} catch {
		throw new BackupError('damaged');
	}
	// A truncated update can leave parts pending instead of failing: that is damage too.
	if (scratch.store.pendingStructs || scratch.store.pendingDs) throw new BackupError('damaged');
	let stated: Partial<BackupSummary> = {};
	try {
		stated = JSON.parse(new TextDecoder().decode(payload.subarray(4, 4 + summaryLength)));
	} catch {
		throw new BackupError('damaged');
	}
	// Counts come from the content itself; only the date is taken from the summary.
	const summary = summariseWorkspace(workspaceDoc(scratch), Number(stated.createdAt) || 0);
	scratch.destroy();
	return { summary, update };
}
