import { fromBase64, toBase64 } from '../../domain/base64';

/**
 * The container shared by backups and sync files: a magic word naming the kind of file, a JSON
 * header, then a payload that is plain or AES-256-GCM encrypted. Layout:
 *   magic · header length (uint32 LE) · header (JSON, UTF-8) · payload
 *   payload (plain or encrypted): info length (uint32 LE) · info JSON · Yjs update
 * The header holds the format version and, when encrypted, the cipher, the key derivation
 * (PBKDF2-SHA256), its iterations, salt and IV. It is bound to the ciphertext as additional
 * data, so changing a parameter makes decryption fail rather than silently succeed. What the
 * file says about itself (counts, sender) sits in the info, inside the encryption.
 * A plain file's header carries the payload's SHA-256 instead (files written before it have
 * none), so damage inside a customer's text is refused too: such bytes still decode as a doc.
 */
export interface SealedFormat {
	/** The file's first bytes, e.g. "CLIENTBOOK-BACKUP". */
	magic: string;
	/** The header's `format` field. */
	format: string;
	/** The newest version this code writes and reads. */
	version: number;
}

export const PBKDF2_ITERATIONS = 600_000;
/**
 * The key-derivation work a file may ask for: a file names its own iterations, and a hostile
 * one asking for billions would hold the device for hours. Sync files use 1,000 (their key is
 * the team's random secret), backups 600,000; anything outside is refused as damaged.
 */
export const ITERATIONS_ACCEPTED = { min: 1_000, max: 5_000_000 } as const;

interface Encryption {
	cipher: 'AES-256-GCM';
	kdf: 'PBKDF2-SHA256';
	iterations: number;
	salt: string;
	iv: string;
}

interface SealedHeader {
	format: string;
	version: number;
	encryption: Encryption | null;
	/** Base64 SHA-256 of a plain payload (absent when encrypted: GCM already authenticates). */
	sha256?: string;
}

async function sha256(bytes: Uint8Array): Promise<string> {
	return toBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource)));
}

export type SealedFileProblem =
	'wrongKind' | 'damaged' | 'newerVersion' | 'needPassphrase' | 'wrongPassphrase';

export class SealedFileError extends Error {
	constructor(readonly problem: SealedFileProblem) {
		super(problem);
		this.name = 'SealedFileError';
	}
}

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
	if (offset + 4 > bytes.length) throw new SealedFileError('damaged');
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

export async function sealFile(
	kind: SealedFormat,
	info: unknown,
	update: Uint8Array,
	options: { passphrase?: string; iterations?: number } = {}
): Promise<Uint8Array> {
	const infoBytes = new TextEncoder().encode(JSON.stringify(info));
	const payload = concat(uint32(infoBytes.length), infoBytes, update);
	let encryption: Encryption | null = null;
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
	const header: SealedHeader = {
		format: kind.format,
		version: kind.version,
		encryption,
		...(encryption ? {} : { sha256: await sha256(payload) })
	};
	const headerBytes = new TextEncoder().encode(JSON.stringify(header));
	let body = payload;
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
	const magic = new TextEncoder().encode(kind.magic);
	return concat(magic, uint32(headerBytes.length), headerBytes, body);
}

interface ParsedFile {
	header: SealedHeader;
	headerBytes: Uint8Array;
	body: Uint8Array;
}

function parseFile(kind: SealedFormat, bytes: Uint8Array): ParsedFile {
	const magic = new TextEncoder().encode(kind.magic);
	if (bytes.length < magic.length || magic.some((byte, i) => bytes[i] !== byte)) {
		throw new SealedFileError('wrongKind');
	}
	const headerLength = readUint32(bytes, magic.length);
	const headerStart = magic.length + 4;
	if (headerStart + headerLength > bytes.length) throw new SealedFileError('damaged');
	const headerBytes = bytes.subarray(headerStart, headerStart + headerLength);
	let header: SealedHeader;
	try {
		header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
	} catch {
		throw new SealedFileError('damaged');
	}
	if (header.format !== kind.format || typeof header.version !== 'number') {
		throw new SealedFileError('damaged');
	}
	if (header.version > kind.version) throw new SealedFileError('newerVersion');
	if (header.encryption && !isEncryption(header.encryption)) {
		throw new SealedFileError('damaged');
	}
	return { header, headerBytes, body: bytes.subarray(headerStart + headerLength) };
}

/** Encryption parameters this code can use, within the work it accepts (see above). */
function isEncryption(value: unknown): value is Encryption {
	if (typeof value !== 'object' || value === null) return false;
	const { cipher, kdf, iterations, salt, iv } = value as Record<string, unknown>;
	return (
		cipher === 'AES-256-GCM' &&
		kdf === 'PBKDF2-SHA256' &&
		Number.isInteger(iterations) &&
		(iterations as number) >= ITERATIONS_ACCEPTED.min &&
		(iterations as number) <= ITERATIONS_ACCEPTED.max &&
		typeof salt === 'string' &&
		salt.length <= 64 &&
		typeof iv === 'string' &&
		iv.length <= 64
	);
}

/** Whether the file needs a passphrase to open (throws when it is not this kind of file). */
export function isSealedWithPassphrase(kind: SealedFormat, bytes: Uint8Array): boolean {
	return parseFile(kind, bytes).header.encryption !== null;
}

/** Decrypts when needed and splits the payload; the caller checks what the update holds. */
export async function unsealFile(
	kind: SealedFormat,
	bytes: Uint8Array,
	passphrase?: string
): Promise<{ info: unknown; update: Uint8Array }> {
	const { header, headerBytes, body } = parseFile(kind, bytes);
	let payload = body;
	if (header.encryption) {
		if (!passphrase) throw new SealedFileError('needPassphrase');
		const { salt, iv, iterations } = header.encryption;
		let key: CryptoKey;
		try {
			key = await deriveKey(passphrase, fromBase64(salt), iterations);
		} catch {
			throw new SealedFileError('damaged');
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
			throw new SealedFileError('wrongPassphrase');
		}
	}
	if (typeof header.sha256 === 'string' && header.sha256 !== (await sha256(payload))) {
		throw new SealedFileError('damaged');
	}
	const infoLength = readUint32(payload, 0);
	if (4 + infoLength > payload.length) throw new SealedFileError('damaged');
	let info: unknown;
	try {
		info = JSON.parse(new TextDecoder().decode(payload.subarray(4, 4 + infoLength)));
	} catch {
		throw new SealedFileError('damaged');
	}
	return { info, update: payload.subarray(4 + infoLength) };
}
