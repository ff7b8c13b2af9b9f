/**
 * Which servers an invite would have this device talk to, and which of them this device has not
 * trusted before. An invite is a link anyone can craft: one naming a stranger's relay would hand
 * that stranger the archive, so the join page names such hosts and asks first.
 */

/** The servers part of a team space (kept structural: rules import nothing above them). */
export interface InviteServers {
	signaling: readonly string[];
	relay: string | null;
}

export interface ReviewedServer {
	kind: 'signaling' | 'relay';
	/** The address as the invite gives it, token included (it is the user's to see). */
	url: string;
	/** What a person recognises: host name and port, nothing else. */
	host: string;
	/** True when this device already uses (or ships with) a server on that host. */
	known: boolean;
}

export interface ServerReview {
	servers: ReviewedServer[];
	/** The hosts not yet trusted on this device, each once, in the invite's order. */
	unknownHosts: string[];
}

/**
 * A server's host and port ("relay.example.com", "10.0.0.5:4444"), or the text itself when it
 * does not parse (then it can never match a trusted host).
 */
export function serverHost(url: string): string {
	try {
		return new URL(url).host.toLowerCase();
	} catch {
		return url;
	}
}

/**
 * Trust is by host (name and port), not by full address: whoever runs a host runs every path on
 * it, and a relay token in the query string must not make a known relay look new.
 *
 * Known hosts are the team's saved servers on this device (none before a first join), the app's
 * default signaling servers, and the host serving the app itself (it already serves the code that
 * reads the archive, so a signaling server beside it adds no one new).
 */
export function reviewInviteServers(
	invite: InviteServers,
	trusted: { saved: InviteServers | null; defaults: readonly string[]; appHost: string }
): ServerReview {
	const knownHosts = new Set<string>([
		...trusted.defaults.map(serverHost),
		trusted.appHost.toLowerCase(),
		...(trusted.saved?.signaling ?? []).map(serverHost),
		...(trusted.saved?.relay ? [serverHost(trusted.saved.relay)] : [])
	]);
	const servers: ReviewedServer[] = [
		...invite.signaling.map((url) => ({ kind: 'signaling' as const, url })),
		...(invite.relay ? [{ kind: 'relay' as const, url: invite.relay }] : [])
	].map((server) => {
		const host = serverHost(server.url);
		return { ...server, host, known: knownHosts.has(host) };
	});
	const unknownHosts = [...new Set(servers.filter((s) => !s.known).map((s) => s.host))];
	return { servers, unknownHosts };
}

/**
 * A relay address split for y-websocket, which appends the room to the path: a query string in
 * the saved address (a token a reverse proxy checks, see docs/sync.md) travels as its params, so
 * "wss://relay.example/?token=abc" becomes "wss://relay.example/<room>?token=abc".
 */
export function relayEndpoint(relay: string): {
	serverUrl: string;
	params: Record<string, string>;
} {
	const url = new URL(relay);
	const params: Record<string, string> = {};
	for (const [key, value] of url.searchParams) params[key] = value;
	url.search = '';
	return { serverUrl: url.href.replace(/\/+$/, ''), params };
}
