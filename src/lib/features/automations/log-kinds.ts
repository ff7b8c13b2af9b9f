import type { RecordKind } from '../../core/record-kind';
import {
	readLogEntry,
	readQueuedGreeting,
	type LogEntry,
	type QueuedGreeting
} from './automation-reads';

/** What automation rules did, one entry per rule, customer and occasion (doc only). */
export const automationLogKind: RecordKind<LogEntry> = {
	root: 'automationLog',
	storage: 'value',
	read: readLogEntry,
	personal: { about: 'customer', customerOf: (entry) => entry.customerId }
};

/** Greetings automations put on the send list (doc only). */
export const greetingQueueKind: RecordKind<QueuedGreeting> = {
	root: 'greetingQueue',
	storage: 'value',
	read: readQueuedGreeting,
	personal: { about: 'customer', customerOf: (greeting) => greeting.customerId }
};
