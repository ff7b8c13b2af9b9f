/** Where the team owner's device keeps the private key that signs roles: that device only. */
const OWNER_KEY_STORAGE = 'clientbook.ownerKey';

interface StoredOwnerKey {
	publicKey: string;
	privateJwk: JsonWebKey;
}

/** Makes the owner's keys when a team is started; returns the public key for the invite. */
export async function makeOwnerKey(): Promise<string> {
	const { createOwnerKeys } = await import('../role-signing');
	const keys = await createOwnerKeys();
	localStorage.setItem(OWNER_KEY_STORAGE, JSON.stringify(keys));
	return keys.publicKey;
}

/** The private key, when this device is the owner of the team whose public key is `ownerKey`. */
export function ownerPrivateKey(ownerKey: string | undefined): JsonWebKey | null {
	if (!ownerKey) return null;
	try {
		const stored = JSON.parse(
			localStorage.getItem(OWNER_KEY_STORAGE) ?? 'null'
		) as StoredOwnerKey | null;
		return stored && stored.publicKey === ownerKey ? stored.privateJwk : null;
	} catch {
		return null;
	}
}
