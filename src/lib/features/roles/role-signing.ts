import { fromBase64Url, toBase64Url } from '../../domain/base64';
import type { Role, RoleEntry } from './role-entries';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** What the owner signs: the decision itself, so a signature cannot be moved to another. */
export const roleMessage = (entry: Pick<RoleEntry, 'member' | 'role' | 'at'>) =>
	new TextEncoder().encode(`clientbook-role|${entry.member}|${entry.role}|${entry.at}`);

/** The owner's keys: the public one travels in the invite, the private one stays on the device. */
export async function createOwnerKeys(): Promise<{ publicKey: string; privateJwk: JsonWebKey }> {
	const pair = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
	const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
	return {
		publicKey: toBase64Url(raw),
		privateJwk: await crypto.subtle.exportKey('jwk', pair.privateKey)
	};
}

export async function signRole(
	privateJwk: JsonWebKey,
	decision: Pick<RoleEntry, 'member' | 'role' | 'at'>
): Promise<string> {
	const key = await crypto.subtle.importKey('jwk', privateJwk, ALGORITHM, false, ['sign']);
	return toBase64Url(new Uint8Array(await crypto.subtle.sign(SIGNING, key, roleMessage(decision))));
}

async function publicKeyOf(ownerKey: string): Promise<CryptoKey | null> {
	try {
		return await crypto.subtle.importKey('raw', fromBase64Url(ownerKey), ALGORITHM, false, [
			'verify'
		]);
	} catch {
		return null;
	}
}

/**
 * Each member's role as the owner last decided it, from the entries the owner's key signed;
 * entries with no valid signature (written by anyone else) are left out, as if never written.
 */
export async function verifiedRoles(
	entries: readonly RoleEntry[],
	ownerKey: string | undefined
): Promise<Map<string, Role>> {
	const roles = new Map<string, Role>();
	const key = ownerKey ? await publicKeyOf(ownerKey) : null;
	if (!key) return roles;
	const latest = new Map<string, RoleEntry>();
	const sorted = [...entries].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
	for (const entry of sorted) {
		let valid = false;
		try {
			valid = await crypto.subtle.verify(
				SIGNING,
				key,
				fromBase64Url(entry.sig),
				roleMessage(entry)
			);
		} catch {
			valid = false;
		}
		if (valid) latest.set(entry.member, entry);
	}
	for (const [member, entry] of latest) roles.set(member, entry.role);
	return roles;
}
