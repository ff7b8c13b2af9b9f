import * as v from 'valibot';
import { entityOf } from '../../crdt/workspace-doc';
import { args, command } from '../../core/command';
import type { BulkResult } from './bulk-commands';
import { customerFields, customerPatch, id, idList, shape, text } from '../../core/arg-shapes';
import {
	createCustomer,
	createCustomers,
	deleteCustomer,
	restoreCustomer,
	updateCustomer
} from './customer-commands';

/** Changes to many customers at once are logged with how many changed. */
const bulkEdit = {
	action: 'bulkEdit' as const,
	rows: (result: BulkResult) => (result.ok ? result.value : undefined)
};

/** What can be done to customers: each command's arguments, undo and audit, declared once. */
export const customerCommands = {
	createCustomer: command({ args: args(customerFields), undo: 'step', run: createCustomer }),
	createCustomers: command({
		args: args(v.array(customerFields)),
		undo: 'step',
		run: createCustomers
	}),
	updateCustomer: command({ args: args(id, customerPatch), undo: 'step', run: updateCustomer }),
	// Changes to many customers at once (a segment's members), loaded on first use.
	tagCustomers: command({
		args: args(idList, text),
		undo: 'step',
		audit: bulkEdit,
		load: async () => (await import('./bulk-commands')).tagCustomers
	}),
	untagCustomers: command({
		args: args(idList, text),
		undo: 'step',
		audit: bulkEdit,
		load: async () => (await import('./bulk-commands')).untagCustomers
	}),
	setCustomersStage: command({
		args: args(idList, text),
		undo: 'step',
		audit: bulkEdit,
		load: async () => (await import('./bulk-commands')).setCustomersStage
	}),
	addTasksFor: command({
		args: args(idList, shape({ title: text, due: text, dueTime: text })),
		undo: 'step',
		audit: bulkEdit,
		load: async () => (await import('./bulk-commands')).addTasksFor
	}),
	deleteCustomer: command({
		args: args(id),
		undo: 'token',
		audit: { action: 'delete' },
		run: deleteCustomer,
		// A colleague's edit on top keeps the undo history from taking it back: restore it.
		undoFallback: (ctx, customerId) =>
			ctx.ws.doc.transact(
				() => entityOf(ctx.ws.customers, customerId)?.delete('deletedAt'),
				ctx.origin
			)
	}),
	restoreCustomer: command({ args: args(id), undo: 'step', run: restoreCustomer }),
	mergeCustomers: command({
		args: args(id, id, customerFields),
		undo: 'token',
		audit: { action: 'merge' },
		load: async () => (await import('../duplicates/merge-commands')).mergeCustomers
	})
};
