import type { TaskRecord } from '../crdt/activity-records';
import { effectiveDue } from '../domain/follow-ups';
import type { TaskRow } from './db';

export function toTaskRow(record: TaskRecord): TaskRow {
	return { ...record, effectiveDue: effectiveDue(record) };
}
