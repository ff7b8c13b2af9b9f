import { describe, expect, it } from 'vitest';
import {
	relayEndpoint,
	reviewInviteServers,
	serverHost
} from '../../src/lib/features/sync/rules/invite-servers';
import { DEFAULT_SIGNALING } from '../../src/lib/features/sync/team-space';

const firstJoin = { saved: null, defaults: DEFAULT_SIGNALING, appHost: 'shop.example.com' };

describe('an invite’s servers, reviewed before joining', () => {
	it('names hosts by name and port only', () => {
		expect(serverHost('wss://Relay.Example.com/y?token=abc')).toBe('relay.example.com');
		expect(serverHost('ws://10.0.0.5:4444')).toBe('10.0.0.5:4444');
		expect(serverHost('wss://relay.example.com:443/')).toBe('relay.example.com');
	});

	it('on a first join, trusts only the app’s default signaling and the app’s own host', () => {
		const review = reviewInviteServers(
			{
				signaling: [...DEFAULT_SIGNALING, 'wss://shop.example.com/signal'],
				relay: 'wss://relay.evil.test/y'
			},
			firstJoin
		);
		expect(review.servers).toEqual([
			{
				kind: 'signaling',
				url: DEFAULT_SIGNALING[0],
				host: 'y-webrtc-eu.fly.dev',
				known: true
			},
			{
				kind: 'signaling',
				url: 'wss://shop.example.com/signal',
				host: 'shop.example.com',
				known: true
			},
			{ kind: 'relay', url: 'wss://relay.evil.test/y', host: 'relay.evil.test', known: false }
		]);
		expect(review.unknownHosts).toEqual(['relay.evil.test']);
	});

	it('trusts the team’s saved servers on this device, whatever their path or token', () => {
		const saved = { signaling: ['ws://10.0.0.5:4444'], relay: 'wss://relay.shop.test/?token=a' };
		const review = reviewInviteServers(
			{ signaling: ['ws://10.0.0.5:4444/'], relay: 'wss://relay.shop.test/other?token=b' },
			{ ...firstJoin, saved }
		);
		expect(review.unknownHosts).toEqual([]);
		expect(review.servers.every((server) => server.known)).toBe(true);
	});

	it('counts another port on a known host as a different server', () => {
		const review = reviewInviteServers(
			{ signaling: ['ws://10.0.0.5:4445'], relay: null },
			{ ...firstJoin, saved: { signaling: ['ws://10.0.0.5:4444'], relay: null } }
		);
		expect(review.unknownHosts).toEqual(['10.0.0.5:4445']);
	});

	it('lists each unknown host once, in the invite’s order', () => {
		const review = reviewInviteServers(
			{ signaling: ['wss://b.test', 'wss://a.test/x', 'wss://b.test/y'], relay: 'wss://a.test' },
			firstJoin
		);
		expect(review.unknownHosts).toEqual(['b.test', 'a.test']);
		expect(review.servers).toHaveLength(4);
	});

	it('an invite without servers asks nothing', () => {
		expect(reviewInviteServers({ signaling: [], relay: null }, firstJoin)).toEqual({
			servers: [],
			unknownHosts: []
		});
	});
});

describe('a relay address for y-websocket', () => {
	it('moves a token in the query string to the params, after the room', () => {
		expect(relayEndpoint('wss://relay.example.com/?token=s3cr%C3%A9t&x=1')).toEqual({
			serverUrl: 'wss://relay.example.com',
			params: { token: 's3crét', x: '1' }
		});
	});

	it('leaves a plain address as it is, path included', () => {
		expect(relayEndpoint('ws://127.0.0.1:4446')).toEqual({
			serverUrl: 'ws://127.0.0.1:4446',
			params: {}
		});
		expect(relayEndpoint('wss://example.com/relay/')).toEqual({
			serverUrl: 'wss://example.com/relay',
			params: {}
		});
	});
});
