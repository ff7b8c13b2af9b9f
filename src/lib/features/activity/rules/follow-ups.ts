import { addDays } from '../../../domain/dates';

export type TaskStatus = 'open' | 'done';

export interface FollowUpTask {
	id: string;
	customerId: string;
	/** The first task of a repeating follow-up; every later occurrence carries it. */
	seriesId: string;
	status: TaskStatus;
	due: string;
	snoozedUntil: string;
	repeatAfterPurchaseDays: number;
	createdAt: number;
}

export type FollowUpChange<T extends FollowUpTask = FollowUpTask> =
	{ kind: 'reschedule'; taskId: string; due: string } | { kind: 'create'; from: T; due: string };

/** The day a task actually shows up: its snooze date when snoozed, else its due date. */
export function effectiveDue(task: Pick<FollowUpTask, 'due' | 'snoozedUntil'>): string {
	return task.snoozedUntil !== '' && task.snoozedUntil > task.due ? task.snoozedUntil : task.due;
}

/**
 * What a new purchase does to a customer's repeating follow-ups (回访 N days after each purchase):
 * an open occurrence is moved to N days after this purchase; a finished one gets a successor.
 */
export function followUpsAfterPurchase<T extends FollowUpTask>(
	customerTasks: readonly T[],
	purchaseDateKey: string
): FollowUpChange<T>[] {
	const latestBySeries = new Map<string, T>();
	for (const task of customerTasks) {
		if (task.repeatAfterPurchaseDays <= 0) continue;
		const known = latestBySeries.get(task.seriesId);
		if (!known || task.createdAt > known.createdAt) latestBySeries.set(task.seriesId, task);
	}
	const changes: FollowUpChange<T>[] = [];
	for (const latest of latestBySeries.values()) {
		const due = addDays(purchaseDateKey, latest.repeatAfterPurchaseDays);
		if (latest.status === 'open') changes.push({ kind: 'reschedule', taskId: latest.id, due });
		else changes.push({ kind: 'create', from: latest, due });
	}
	return changes;
}

export type TodayBucket = 'overdue' | 'today' | 'later';

export function todayBucket(
	task: Pick<FollowUpTask, 'due' | 'snoozedUntil'>,
	todayKey: string
): TodayBucket {
	const due = effectiveDue(task);
	if (due < todayKey) return 'overdue';
	if (due === todayKey) return 'today';
	return 'later';
}
