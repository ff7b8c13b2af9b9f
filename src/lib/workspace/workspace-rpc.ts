import workspaceWorkerUrl from 'virtual:workspace-worker-url';
import { WORKSPACE_WORKER_NAME } from './worker-name';
import type { WorkspaceCore, WorkspaceJob, WorkspaceView } from './workspace-core';

/** The core's methods the page may call (its fields and getters are not reachable). */
export type CoreMethod = {
	[K in keyof WorkspaceCore]: WorkspaceCore[K] extends (...args: never[]) => unknown ? K : never;
}[keyof WorkspaceCore];

/** Methods whose last parameter is a job: progress reports and a cancel switch. */
export type JobMethod = 'runJob';

type Method<K extends CoreMethod> = WorkspaceCore[K] extends (...args: infer A) => infer R
	? { args: A; result: Awaited<R> }
	: never;

type JobArgs<K extends JobMethod> = Method<K>['args'] extends [...infer A, WorkspaceJob]
	? A
	: never;

export type WorkspaceRequest =
	{ id: number; method: CoreMethod; args: unknown[]; job: boolean } | { cancel: number };

export type WorkspaceReply =
	| { id: number; value: unknown }
	| { id: number; error: SentError }
	| { id: number; progress: [done: number, total: number] }
	| { view: Partial<WorkspaceView> }
	| { replacedElsewhere: true }
	| { measure: { name: string; duration: number } };

/**
 * An error as it crosses to the page: its kind and message. Browsers differ in what survives
 * structured cloning of errors (DOMExceptions, custom fields), and "QuotaExceededError: …" is
 * what the user needs to read.
 */
export interface SentError {
	name: string;
	message: string;
}

function sendableError(error: unknown): SentError {
	if (error instanceof Error || error instanceof DOMException)
		return { name: error.name, message: error.message };
	return { name: 'Error', message: String(error) };
}

function receivedError({ name, message }: SentError): Error {
	const error = new Error(message);
	error.name = name;
	return error;
}

/** The half of a Worker or MessagePort both sides use. */
export interface Endpoint {
	postMessage(message: unknown, transfer?: Transferable[]): void;
	onmessage: ((event: MessageEvent) => void) | null;
}

/**
 * Answers the page's calls with the core's methods. Each call's result or error is sent back
 * under its id; a job's progress goes the same way, and `{ cancel: id }` aborts that job.
 */
export function serveWorkspace(core: WorkspaceCore, endpoint: Endpoint): void {
	const jobs = new Map<number, AbortController>();
	endpoint.onmessage = (event: MessageEvent<WorkspaceRequest>) => {
		const request = event.data;
		if ('cancel' in request) return void jobs.get(request.cancel)?.abort();
		const { id, method, args } = request;
		const call = core[method] as (...args: unknown[]) => unknown;
		let run: () => unknown = () => call.apply(core, args);
		if (request.job) {
			const controller = new AbortController();
			jobs.set(id, controller);
			const job: WorkspaceJob = {
				onProgress: (done, total) => endpoint.postMessage({ id, progress: [done, total] }),
				signal: controller.signal
			};
			run = () => call.apply(core, [...args, job]);
		}
		Promise.resolve()
			.then(run)
			.then(
				(value) => endpoint.postMessage({ id, value } satisfies WorkspaceReply),
				(error: unknown) =>
					endpoint.postMessage({ id, error: sendableError(error) } satisfies WorkspaceReply)
			)
			.finally(() => jobs.delete(id));
	};
}

interface Pending {
	resolve(value: unknown): void;
	reject(error: unknown): void;
	onProgress?: (done: number, total: number) => void;
}

/** The page's side: calls the core's methods and hears what the core announces. */
export class WorkspaceClient {
	readonly #endpoint: Endpoint;
	readonly #pending = new Map<number, Pending>();
	#nextId = 1;

	constructor(
		endpoint: Endpoint,
		listeners: {
			onView(patch: Partial<WorkspaceView>): void;
			onReplacedElsewhere(): void;
			onMeasure(measure: { name: string; duration: number }): void;
		}
	) {
		this.#endpoint = endpoint;
		endpoint.onmessage = (event: MessageEvent<WorkspaceReply>) => {
			const reply = event.data;
			if ('view' in reply) return listeners.onView(reply.view);
			if ('replacedElsewhere' in reply) return listeners.onReplacedElsewhere();
			if ('measure' in reply) return listeners.onMeasure(reply.measure);
			const pending = this.#pending.get(reply.id);
			if (!pending) return;
			if ('progress' in reply) return pending.onProgress?.(...reply.progress);
			this.#pending.delete(reply.id);
			if ('error' in reply) pending.reject(receivedError(reply.error));
			else pending.resolve(reply.value);
		};
	}

	/** Calls a core method; `transfer` hands over ports or buffers instead of copying them. */
	call<K extends CoreMethod>(
		method: K,
		args: Method<K>['args'],
		transfer: Transferable[] = []
	): Promise<Method<K>['result']> {
		return this.#send(this.#nextId++, method, args, false, transfer) as Promise<
			Method<K>['result']
		>;
	}

	/** Calls a long-running method with progress reports; aborting `signal` cancels it. */
	job<K extends JobMethod>(
		method: K,
		args: JobArgs<K>,
		onProgress: (done: number, total: number) => void,
		signal?: AbortSignal
	): Promise<Method<K>['result']> {
		const id = this.#nextId++;
		const promise = this.#send(id, method, args, true, [], onProgress);
		signal?.addEventListener('abort', () => this.#endpoint.postMessage({ cancel: id }), {
			once: true
		});
		if (signal?.aborted) this.#endpoint.postMessage({ cancel: id });
		return promise as Promise<Method<K>['result']>;
	}

	/** Rejects every call still waiting: the worker is gone. */
	failAll(error: unknown): void {
		for (const pending of this.#pending.values()) pending.reject(error);
		this.#pending.clear();
	}

	#send(
		id: number,
		method: CoreMethod,
		args: readonly unknown[],
		job: boolean,
		transfer: Transferable[],
		onProgress?: (done: number, total: number) => void
	): Promise<unknown> {
		return new Promise((resolve, reject) => {
			this.#pending.set(id, { resolve, reject, onProgress });
			const request: WorkspaceRequest = { id, method, args: [...args], job };
			this.#endpoint.postMessage(request, transfer);
		});
	}
}

/**
 * The worker the workspace runs in: an entry of the app's own build (see vite.config.ts), so it
 * shares the page's chunks.
 */
export function startWorkspaceWorker(): Worker {
	return new Worker(workspaceWorkerUrl, { type: 'module', name: WORKSPACE_WORKER_NAME });
}
