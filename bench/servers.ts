/** The servers a benchmark run starts: the built app, a signaling server, the analytics probe. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { buildSync } from 'esbuild';
import sirv from 'sirv';

/** The app's analytics code around bench/analytics-probe.ts, bundled for a page's worker. */
const analyticsProbe = buildSync({
	entryPoints: ['bench/analytics-probe.ts'],
	bundle: true,
	format: 'esm',
	platform: 'browser',
	target: 'es2022',
	write: false
}).outputFiles[0]!.contents;

/** The production build plus the generated archives, served like a static host would. */
export function serve(archives: Map<string, Uint8Array[]>): Promise<Server> {
	const assets = sirv('build', { single: true, dev: false });
	const server = createServer((req, res) => {
		// Dexie itself, for the raw bulkPut the import is compared with.
		if (req.url === '/__bench/dexie.mjs') {
			res.writeHead(200, { 'content-type': 'text/javascript' });
			return void res.end(readFileSync('node_modules/dexie/dist/dexie.mjs'));
		}
		if (req.url === '/__bench/analytics-probe.mjs') {
			res.writeHead(200, { 'content-type': 'text/javascript' });
			return void res.end(analyticsProbe);
		}
		const match = /^\/__bench\/(\w+)-(\d+)\.bin$/.exec(req.url ?? '');
		if (match) {
			const body = archives.get(match[1]!)?.[Number(match[2])];
			if (!body) return void res.writeHead(404).end();
			res.writeHead(200, { 'content-type': 'application/octet-stream' });
			return void res.end(body);
		}
		assets(req, res, () => {
			res.writeHead(404).end();
		});
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A free TCP port on this machine, for the signaling server. */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createNetServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

/** y-webrtc's own signaling server, as `npm run signaling` starts it. */
export async function startSignaling(): Promise<{ url: string; process: ChildProcess }> {
	const port = await freePort();
	const child = spawn(process.execPath, ['node_modules/y-webrtc/bin/server.js'], {
		env: { ...process.env, PORT: String(port) },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	await new Promise<void>((resolve, reject) => {
		child.once('error', reject);
		child.stdout!.on('data', (data: Buffer) => {
			if (data.toString().includes('running')) resolve();
		});
	});
	return { url: `ws://127.0.0.1:${port}`, process: child };
}
