import { toBase64Url } from '../../domain/base64';

/**
 * A team space: what a device needs to find its colleagues and read what they send. Kept on the
 * device only (never in the doc, which the relay can read); it leaves the device only inside an
 * invite the user chooses to share.
 *
 * - `roomId` names the WebRTC room; it travels in clear to the signaling servers, so it is
 *   random and says nothing about the shop.
 * - `secret` is the room password: y-webrtc derives an AES key from it and encrypts everything
 *   it sends, signaling included, so a peer without it learns nothing.
 * - `relayRoom` (derived from both) is the room on the relay, so knowing the room id alone is
 *   not enough to fetch the archive from a relay.
 */
export interface TeamSpace {
	roomId: string;
	secret: string;
	/** WebRTC signaling servers (ws:// or wss://); empty = no peer-to-peer. */
	signaling: string[];
	/** A y-websocket relay (ws:// or wss://), or null. */
	relay: string | null;
	/**
	 * The public key of the device that started the team (base64url, raw P-256): only roles it
	 * signed count (see features/roles). Absent in teams started before roles.
	 */
	ownerKey?: string;
}

export const INVITE_PATH = 'sync/join';
const INVITE_VERSION = '1';
/** The Yjs project's public signaling server, the same one y-webrtc uses by default. */
export const DEFAULT_SIGNALING = ['wss://y-webrtc-eu.fly.dev'];

function randomToken(bytes: number): string {
	return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export function createTeamSpace(servers: Pick<TeamSpace, 'signaling' | 'relay'>): TeamSpace {
	return {
		roomId: `clientbook-${randomToken(16)}`,
		secret: randomToken(32),
		signaling: servers.signaling,
		relay: servers.relay
	};
}

/**
 * A new room and secret for the same servers. Devices that only know the old secret (a lost
 * phone, a colleague who left) can no longer reach the team; the others join again with the
 * new invite.
 */
export function rotateTeamSecret(space: TeamSpace): TeamSpace {
	const rotated = createTeamSpace(space);
	return space.ownerKey ? { ...rotated, ownerKey: space.ownerKey } : rotated;
}

/** A server address as typed by the user, or null when it is not a WebSocket URL. */
export function cleanServerUrl(text: string): string | null {
	const trimmed = text.trim();
	if (trimmed === '') return null;
	try {
		const url = new URL(trimmed);
		if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return null;
		if (url.username || url.password || url.hash) return null;
		return url.href.replace(/\/$/, '');
	} catch {
		return null;
	}
}

/** Servers from a list the user typed (one per line or comma-separated); bad entries are reported. */
export function parseServerList(text: string): { urls: string[]; invalid: string[] } {
	const entries = text
		.split(/[\s,]+/)
		.map((entry) => entry.trim())
		.filter(Boolean);
	const urls: string[] = [];
	const invalid: string[] = [];
	for (const entry of entries) {
		const url = cleanServerUrl(entry);
		if (url === null) invalid.push(entry);
		else if (!urls.includes(url)) urls.push(url);
	}
	return { urls, invalid };
}

/**
 * The invite link. Everything sits in the fragment (after #), which browsers never send to the
 * web server that serves the app.
 */
export function inviteLink(appBase: string, space: TeamSpace): string {
	const params = new URLSearchParams({ v: INVITE_VERSION, room: space.roomId, key: space.secret });
	for (const url of space.signaling) params.append('signal', url);
	if (space.relay) params.set('relay', space.relay);
	if (space.ownerKey) params.set('owner', space.ownerKey);
	const base = appBase.endsWith('/') ? appBase : `${appBase}/`;
	return `${base}${INVITE_PATH}#${params.toString()}`;
}

const TOKEN = /^[A-Za-z0-9_-]+$/;

/**
 * Reads an invite from a link, a scanned QR code or pasted text: the whole link or only the
 * part after #. Returns null for anything that is not a complete, well-formed invite.
 */
export function parseInvite(text: string): TeamSpace | null {
	const trimmed = text.trim();
	const hashAt = trimmed.indexOf('#');
	const fragment = hashAt >= 0 ? trimmed.slice(hashAt + 1) : trimmed;
	let params: URLSearchParams;
	try {
		params = new URLSearchParams(fragment);
	} catch {
		return null;
	}
	const roomId = params.get('room') ?? '';
	const secret = params.get('key') ?? '';
	if (params.get('v') !== INVITE_VERSION) return null;
	if (!roomId.startsWith('clientbook-') || !TOKEN.test(roomId.slice('clientbook-'.length)))
		return null;
	if (!TOKEN.test(secret) || secret.length < 32) return null;
	const signaling = params.getAll('signal').map(cleanServerUrl);
	if (signaling.some((url) => url === null)) return null;
	const relayText = params.get('relay');
	const relay = relayText === null ? null : cleanServerUrl(relayText);
	if (relayText !== null && relay === null) return null;
	// An owner key that is not one leaves the invite unusable rather than roles unchecked.
	const ownerKey = params.get('owner');
	if (ownerKey !== null && (!TOKEN.test(ownerKey) || ownerKey.length !== 87)) return null;
	return {
		roomId,
		secret,
		signaling: signaling as string[],
		relay,
		...(ownerKey ? { ownerKey } : {})
	};
}

/**
 * The room name on the relay: a hash of the room id and the secret, so it cannot be guessed from
 * the room id that the signaling servers see.
 */
export async function relayRoomName(space: TeamSpace): Promise<string> {
	const input = new TextEncoder().encode(`clientbook-relay|${space.roomId}|${space.secret}`);
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', input));
	return `clientbook-${[...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
