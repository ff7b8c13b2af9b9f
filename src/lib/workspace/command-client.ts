import type { JobCommand, JobOutcome, UndoPolicy, WriteCommand } from '../core/command';

/** Takes back exactly one step; resolves false when it no longer applies. */
export type Undo = () => Promise<boolean>;

/** A job's progress reports and its Cancel. */
export interface JobProgress {
	onProgress(done: number, total: number): void;
	signal?: AbortSignal;
}

type PageResult<Result, Undo_ extends UndoPolicy> = Undo_ extends 'token'
	? { result: Result; undo: Undo }
	: Result;

/** A call for each command that is not a job, typed from its declaration. */
export type CommandCalls<Commands> = {
	[
		K in keyof Commands as Commands[K] extends { job: true } ? never : K
	]: Commands[K] extends WriteCommand<infer Args, infer Result, infer Undo_>
		? (...args: Args) => Promise<PageResult<Awaited<Result>, Undo_>>
		: never;
};

/** A call for each job, its progress and Cancel last. */
export type JobCalls<Commands> = {
	[
		K in keyof Commands as Commands[K] extends { job: true } ? K : never
	]: Commands[K] extends JobCommand<infer Args, infer Result>
		? (
				...args: [...Args, JobProgress]
			) => Promise<{ cancelled: true } | { cancelled: false; result: Result; undo: Undo }>
		: never;
};

export interface CommandTransport {
	runCommand(
		name: string,
		args: unknown[]
	): Promise<{ result: unknown; undoToken?: number | null }>;
	runJob(name: string, args: unknown[], progress: JobProgress): Promise<JobOutcome<unknown>>;
	undoStep(token: number): Promise<boolean>;
}

/**
 * The page's calls of the worker's commands: one function per declared command, made on first
 * use from its name, so no command needs a wrapper of its own on the page.
 */
export function commandCalls<Commands>(transport: CommandTransport): CommandCalls<Commands> {
	return byName(async (name, args) => {
		const outcome = await transport.runCommand(name, args);
		if (!('undoToken' in outcome)) return outcome.result;
		return { result: outcome.result, undo: undoOf(transport, outcome.undoToken ?? null) };
	}) as CommandCalls<Commands>;
}

export function jobCalls<Commands>(transport: CommandTransport): JobCalls<Commands> {
	return byName(async (name, args) => {
		const progress = args.pop() as JobProgress;
		const outcome = await transport.runJob(name, args, progress);
		if (outcome.cancelled) return outcome;
		return { cancelled: false, result: outcome.result, undo: undoOf(transport, outcome.undoToken) };
	}) as JobCalls<Commands>;
}

function undoOf(transport: CommandTransport, token: number | null): Undo {
	return () => (token === null ? Promise.resolve(false) : transport.undoStep(token));
}

function byName(call: (name: string, args: unknown[]) => Promise<unknown>): object {
	const calls = new Map<string, (...args: unknown[]) => Promise<unknown>>();
	return new Proxy(
		{},
		{
			get(_, name) {
				// Not a thenable: awaiting the calls object must not call a command named "then".
				if (typeof name !== 'string' || name === 'then') return undefined;
				let made = calls.get(name);
				if (!made) calls.set(name, (made = (...args: unknown[]) => call(name, args)));
				return made;
			}
		}
	);
}
