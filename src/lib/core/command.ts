import * as v from 'valibot';
import type { CommandContext } from './command-context';
import { CommandRefused } from './command-refused';
import type { AuditAction } from './audit-action';

/**
 * How a command is taken back:
 * - `step`: it joins the undo history (Ctrl+Z, the Undo button of the shell);
 * - `token`: it also hands out an undo for exactly this step, kept after later steps are
 *   undone or redone (the Undo of its toast, "undo import");
 * - `none`: it is never undone here (a colleague's changes, a backup merged in).
 */
export type UndoPolicy = 'step' | 'token' | 'none';

/** Writes several chunks as one undo step, listening for Cancel between them. */
export type WriteInSteps = <T>(
	items: readonly T[],
	writeChunk: (ctx: CommandContext, chunk: readonly T[]) => void
) => Promise<{ cancelled: boolean }>;

/** What a job is given besides its context: a way to write in steps, and its progress. */
export interface JobTools {
	writeInSteps: WriteInSteps;
}

interface CommandBase<Undo extends UndoPolicy> {
	/**
	 * The arguments as they cross from the page: their structure only. The rules (a name is
	 * required, a discount fits the lines) are the command's own and answer with a result.
	 */
	args: v.GenericSchema<unknown, unknown[]>;
	undo: Undo;
	/**
	 * The origin its writes carry when it is not undone (`undo: 'none'`): how other parts of the
	 * app tell, say, a merged sync file from a restored backup.
	 */
	origin?: object;
}

/**
 * How the audit log records a command: its action and, where it touched many, how many (from
 * its result and arguments). A command without one is not logged.
 */
export interface AuditOf<Args extends unknown[], Result> {
	action: AuditAction;
	rows?: (result: Result, args: Args) => number | undefined;
}

/** A command that writes in one go: `run` is the transaction (or a few, in one undo step). */
export interface WriteCommand<
	Args extends unknown[],
	Result,
	Undo extends UndoPolicy
> extends CommandBase<Undo> {
	job?: false;
	// Inferred from `run` or `load` alone: a `rows` that reads fewer arguments must not narrow them.
	audit?: AuditOf<NoInfer<Args>, NoInfer<Result>>;
	/** Loads the code that writes, for commands kept out of the worker's first load. */
	load?: () => Promise<(ctx: CommandContext, ...args: Args) => Result>;
	run?: (ctx: CommandContext, ...args: Args) => Result;
	/**
	 * Takes the step back when the undo history no longer can (a colleague's change landed on
	 * top); only for `token` commands.
	 */
	undoFallback?: (ctx: CommandContext, ...args: Args) => void;
}

/** A long write with progress and Cancel: cancelled, it takes back what it wrote. */
export interface JobCommand<Args extends unknown[], Result> extends CommandBase<'token'> {
	job: true;
	// Inferred from `run` or `load` alone: a `rows` that reads fewer arguments must not narrow them.
	audit?: AuditOf<NoInfer<Args>, NoInfer<Result>>;
	/** Says whether it was cancelled (see `WriteInSteps`), and what it did. */
	run: (
		ctx: CommandContext,
		tools: JobTools,
		...args: Args
	) => Promise<{ cancelled: boolean; value: Result }>;
}

// The registry holds commands of every argument and result type; `any` is what lets a
// declaration with its own types be stored and looked up there (each is checked where written).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = WriteCommand<any, any, UndoPolicy> | JobCommand<any, any>;

export function command<Args extends unknown[], Result, Undo extends UndoPolicy>(
	spec: WriteCommand<Args, Result, Undo> &
		(
			| { run: WriteCommand<Args, Result, Undo>['run'] }
			| { load: WriteCommand<Args, Result, Undo>['load'] }
		)
): WriteCommand<Args, Result, Undo> {
	return spec;
}

export function jobCommand<Args extends unknown[], Result>(
	spec: Omit<JobCommand<Args, Result>, 'job' | 'undo'>
): JobCommand<Args, Result> {
	return { ...spec, job: true, undo: 'token' };
}

/** The schema of a command's arguments: a tuple of the schemas of each, and no more. */
export const args = <const Items extends v.TupleItems>(...items: Items) => v.strictTuple(items);

/** What the page receives from a job. */
export type JobOutcome<Result> =
	{ cancelled: true } | { cancelled: false; result: Result; undoToken: number | null };

export { CommandRefused };

/**
 * Checks a call's arguments against the declaration; throws `CommandRefused` when they do not
 * fit. The arguments go on as given: a check never drops a field the command reads.
 */
export function checkArgs(name: string, spec: AnyCommand, given: unknown): unknown[] {
	const parsed = v.safeParse(spec.args, given);
	if (parsed.success) return given as unknown[];
	const issue = parsed.issues[0];
	const where = issue.path?.map((step) => String(step.key)).join('.') ?? '';
	throw new CommandRefused(`${name}: argument ${where || '(all)'} is not valid (${issue.message})`);
}
