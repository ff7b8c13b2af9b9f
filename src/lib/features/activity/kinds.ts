import type { TableKind } from '../../core/record-kind';
import { readTask } from './activity-records';
import type { RecordMap } from '../../crdt/workspace-doc';
import type { TaskRow } from '../../projection/db';
import { toTaskRow } from '../../projection/task-row';

/** Follow-up tasks: one Y.Map each, projected with the day they show up on. */
export const taskKind: TableKind<TaskRow> = {
	root: 'tasks',
	storage: 'entity',
	read: (id, map) => toTaskRow(readTask(id, map as RecordMap)),
	personal: { about: 'customer', customerOf: (task) => task.customerId },
	// Version 2: rows carry `assignedTo`.
	table: { name: 'tasks', schema: 'id, customerId, [status+effectiveDue]', version: 2 },
	summary: 'tasks'
};
