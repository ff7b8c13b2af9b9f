import { describe, expect, it } from 'vitest';
import type { WorkspaceCore, WorkspaceJob } from '../../src/lib/workspace/workspace-core';
import { serveWorkspace, WorkspaceClient } from '../../src/lib/workspace/workspace-rpc';

/** A stand-in for the core with just the methods these tests call. */
function fakeCore() {
	const cancelled: boolean[] = [];
	const core = {
		runCommand: async (name: string, args: [{ name: string }]) => ({
			result: { ok: true, value: `${name}:id-${args[0].name}` }
		}),
		writeBackup: async (passphrase: string | undefined) => {
			if (passphrase === 'full') {
				throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			}
			return { bytes: new Uint8Array([1, 2, 3]), summary: { passphrase } };
		},
		runJob: async (_name: string, [purchases]: [unknown[]], job: WorkspaceJob) => {
			for (let done = 1; done <= purchases.length; done++) {
				await new Promise((resolve) => setTimeout(resolve, 5));
				if (job.signal.aborted) {
					cancelled.push(true);
					return { cancelled: true };
				}
				job.onProgress(done, purchases.length);
			}
			return { cancelled: false, result: { created: purchases.length }, undoToken: 7 };
		}
	};
	return { core: core as unknown as WorkspaceCore, cancelled };
}

function connect() {
	const { core, cancelled } = fakeCore();
	const channel = new MessageChannel();
	serveWorkspace(core, channel.port1);
	const client = new WorkspaceClient(channel.port2, {
		onView: () => {},
		onReplacedElsewhere: () => {},
		onMeasure: () => {}
	});
	return { client, cancelled, close: () => channel.port1.close() };
}

describe('workspace RPC', () => {
	it('returns what the core returns, bytes included', async () => {
		const { client, close } = connect();
		const created = await client.call('runCommand', ['createCustomer', [{ name: 'Li' }]]);
		expect(created).toEqual({ result: { ok: true, value: 'createCustomer:id-Li' } });
		const backup = await client.call('writeBackup', [undefined]);
		expect(Array.from(backup.bytes)).toEqual([1, 2, 3]);
		close();
	});

	it("rejects with the core's error, keeping its kind", async () => {
		const { client, close } = connect();
		const failure = await client.call('writeBackup', ['full']).catch((error: unknown) => error);
		expect(failure).toMatchObject({ name: 'QuotaExceededError' });
		close();
	});

	it("reports a job's progress and cancels it on abort", async () => {
		const { client, cancelled, close } = connect();
		const progress: number[] = [];
		const done = await client.job('runJob', ['importPurchases', [[1, 2, 3]]], (n) =>
			progress.push(n)
		);
		expect(done).toMatchObject({ cancelled: false, result: { created: 3 } });
		expect(progress).toEqual([1, 2, 3]);

		const controller = new AbortController();
		const pending = client.job(
			'runJob',
			['importPurchases', [new Array(50).fill(0)]],
			(n) => n === 2 && controller.abort(),
			controller.signal
		);
		expect(await pending).toEqual({ cancelled: true });
		expect(cancelled).toEqual([true]);
		close();
	});
});
