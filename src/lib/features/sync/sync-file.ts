import * as Y from 'yjs';
import { sealFile, SealedFileError, unsealFile, type SealedFormat } from '../backup/sealed-file';
import type { WorkspaceDoc } from '../../crdt/workspace-doc';
import { fromBase64, toBase64 } from '../../domain/base64';
import { checkFileSize } from '../../domain/file-limits';

/**
 * A sync file: changes carried by hand (USB stick, e-mail, chat) between colleagues who cannot
 * reach each other over a network. It holds the updates the colleague lacks — everything after
 * the state their last file showed — or the whole archive, plus the sender's state vector so the
 * colleague's next file back can be just as small. Inside a team it is encrypted with the team
 * secret; outside one it is plain, like an unencrypted backup.
 */
export const CHANGES_FORMAT: SealedFormat = {
	magic: 'CLIENTBOOK-CHANGES',
	format: 'clientbook-changes',
	version: 1
};
export const CHANGES_EXTENSION = '.clientbook-changes';
/**
 * The team secret is 256 random bits, so stretching it buys nothing; a few rounds keep the
 * format the same as a passphrase-protected backup.
 */
const SECRET_ITERATIONS = 1000;

export interface ChangesInfo {
	createdAt: number;
	fromMemberId: string;
	fromName: string;
	/** True when the file carries the whole archive rather than a difference. */
	full: boolean;
	/** The sender's state vector (base64), i.e. everything the sender had. */
	stateVector: string;
}

export async function writeChanges(
	ws: WorkspaceDoc,
	options: {
		memberId: string;
		memberName: string;
		/** What the colleague is known to have; null for the whole archive. */
		since: Uint8Array | null;
		secret?: string;
		now?: number;
	}
): Promise<{ bytes: Uint8Array; info: ChangesInfo }> {
	const stateVector = Y.encodeStateVector(ws.doc);
	const update = options.since
		? Y.encodeStateAsUpdate(ws.doc, options.since)
		: Y.encodeStateAsUpdate(ws.doc);
	const info: ChangesInfo = {
		createdAt: options.now ?? Date.now(),
		fromMemberId: options.memberId,
		fromName: options.memberName,
		full: options.since === null,
		stateVector: toBase64(stateVector)
	};
	const bytes = await sealFile(CHANGES_FORMAT, info, update, {
		passphrase: options.secret,
		iterations: SECRET_ITERATIONS
	});
	return { bytes, info };
}

function readInfo(value: unknown): ChangesInfo {
	if (typeof value !== 'object' || value === null) throw new SealedFileError('damaged');
	const info = value as Record<string, unknown>;
	if (
		typeof info.createdAt !== 'number' ||
		typeof info.fromMemberId !== 'string' ||
		typeof info.fromName !== 'string' ||
		typeof info.full !== 'boolean' ||
		typeof info.stateVector !== 'string'
	) {
		throw new SealedFileError('damaged');
	}
	return info as unknown as ChangesInfo;
}

export interface OpenedChanges {
	info: ChangesInfo;
	update: Uint8Array;
	senderState: Uint8Array;
}

/**
 * Opens a sync file and checks that its update and state vector parse, so a damaged file is
 * refused before anything touches the archive. (A difference cannot be applied to an empty doc
 * to check it, as a backup is: it builds on what the receiver already has.)
 */
export async function openChanges(bytes: Uint8Array, secret?: string): Promise<OpenedChanges> {
	checkFileSize('changes', bytes.length);
	const { info, update } = await unsealFile(CHANGES_FORMAT, bytes, secret);
	const checked = readInfo(info);
	let senderState: Uint8Array;
	try {
		Y.decodeUpdate(update);
		senderState = fromBase64(checked.stateVector);
		Y.decodeStateVector(senderState);
	} catch {
		throw new SealedFileError('damaged');
	}
	return { info: checked, update, senderState };
}
