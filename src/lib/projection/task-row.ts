import type { TaskRecord } from '../features/activity/activity-records';
import { effectiveDue } from '../features/activity/rules/follow-ups';
import type { TaskRow } from './db';

export function toTaskRow(record: TaskRecord): TaskRow {
	return { ...record, effectiveDue: effectiveDue(record) };
}
