import { describe, expect, it } from 'vitest';
import {
	cleanServerUrl,
	createTeamSpace,
	inviteLink,
	parseInvite,
	parseServerList,
	relayRoomName,
	rotateTeamSecret
} from '../../src/lib/features/sync/team-space';

const servers = { signaling: ['wss://signal.example.com'], relay: 'wss://relay.example.com/y' };

describe('team spaces', () => {
	it('are created with a random room id and a 256-bit secret', () => {
		const a = createTeamSpace(servers);
		const b = createTeamSpace(servers);
		expect(a.roomId).toMatch(/^clientbook-[A-Za-z0-9_-]{22}$/);
		expect(a.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(a.roomId).not.toBe(b.roomId);
		expect(a.secret).not.toBe(b.secret);
		expect(a.signaling).toEqual(servers.signaling);
	});

	it('round-trip through an invite link whose secret sits only in the fragment', () => {
		const space = createTeamSpace(servers);
		const link = inviteLink('https://shop.example.com/app/', space);
		const url = new URL(link);
		expect(url.pathname).toBe('/app/sync/join');
		expect(url.search).toBe('');
		expect(url.hash).toContain(`key=${space.secret}`);
		expect(parseInvite(link)).toEqual(space);
		// Pasting only the part after # works too, with stray whitespace.
		expect(parseInvite(`  ${url.hash.slice(1)}\n`)).toEqual(space);
	});

	it('carry the owner’s public key, through a new secret too; a malformed one spoils the invite', () => {
		const ownerKey = 'B'.repeat(87);
		const space = { ...createTeamSpace(servers), ownerKey };
		const link = inviteLink('https://x.test/', space);
		expect(parseInvite(link)).toEqual(space);
		expect(rotateTeamSecret(space).ownerKey).toBe(ownerKey);
		expect(parseInvite(link.replace(/owner=[^&]+/, 'owner=short'))).toBeNull();
		expect(parseInvite(link.replace(/owner=[^&]+/, `owner=${'%2F'.repeat(87)}`))).toBeNull();
	});

	it('refuse incomplete, altered or foreign invites', () => {
		const link = inviteLink('https://x.test/', createTeamSpace(servers));
		expect(parseInvite('')).toBeNull();
		expect(parseInvite('https://x.test/sync/join')).toBeNull();
		expect(parseInvite(link.replace(/key=[^&]+/, 'key=short'))).toBeNull();
		expect(parseInvite(link.replace('v=1', 'v=2'))).toBeNull();
		expect(parseInvite(link.replace(/room=[^&]+/, 'room=other-room'))).toBeNull();
		expect(parseInvite(link.replace(/relay=[^&]+/, 'relay=http%3A%2F%2Fevil'))).toBeNull();
		expect(parseInvite(`${link}&signal=javascript%3Aalert(1)`)).toBeNull();
		expect(parseInvite('<script>alert(1)</script>')).toBeNull();
	});

	it('keep an invite without a relay or without signaling', () => {
		const relayOnly = createTeamSpace({ signaling: [], relay: 'ws://192.168.1.5:1234' });
		expect(parseInvite(inviteLink('http://localhost:5173', relayOnly))).toEqual(relayOnly);
		const p2pOnly = createTeamSpace({ signaling: ['ws://10.0.0.2:4444'], relay: null });
		expect(parseInvite(inviteLink('http://localhost:5173', p2pOnly))).toEqual(p2pOnly);
	});

	it('rotate to a new room and secret on the same servers', () => {
		const space = createTeamSpace(servers);
		const rotated = rotateTeamSecret(space);
		expect(rotated.roomId).not.toBe(space.roomId);
		expect(rotated.secret).not.toBe(space.secret);
		expect(rotated.relay).toBe(space.relay);
		expect(rotated.signaling).toEqual(space.signaling);
	});

	it('name the relay room from the secret, so the room id alone does not reveal it', async () => {
		const space = createTeamSpace(servers);
		const name = await relayRoomName(space);
		expect(name).toMatch(/^clientbook-[0-9a-f]{32}$/);
		expect(name).not.toContain(space.roomId.slice('clientbook-'.length));
		expect(await relayRoomName({ ...space })).toBe(name);
		expect(await relayRoomName({ ...space, secret: `${space.secret.slice(1)}A` })).not.toBe(name);
	});
});

describe('server addresses', () => {
	it('accept ws:// and wss:// only', () => {
		expect(cleanServerUrl(' wss://relay.example.com/ ')).toBe('wss://relay.example.com');
		expect(cleanServerUrl('ws://192.168.1.5:1234')).toBe('ws://192.168.1.5:1234');
		expect(cleanServerUrl('https://relay.example.com')).toBeNull();
		expect(cleanServerUrl('wss://user:pw@relay.example.com')).toBeNull();
		expect(cleanServerUrl('relay.example.com')).toBeNull();
		expect(cleanServerUrl('')).toBeNull();
	});

	it('parse a typed list, dropping duplicates and reporting bad entries', () => {
		expect(parseServerList('wss://a.test\nwss://a.test/, ws://b.test:4444\nnonsense')).toEqual({
			urls: ['wss://a.test', 'ws://b.test:4444'],
			invalid: ['nonsense']
		});
		expect(parseServerList('  \n ')).toEqual({ urls: [], invalid: [] });
	});
});
