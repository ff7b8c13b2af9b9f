import { decodeEventValue } from '../activity/event-values';
import { entitiesOf, eventOwner, type WorkspaceDoc } from '../../crdt/workspace-doc';
import { AUTOMATIONS_ROOT, readAutomation } from './kinds';
import type { AutomationRow } from './rules/automations';

export function automationRules(ws: WorkspaceDoc): AutomationRow[] {
	const rules: AutomationRow[] = [];
	for (const [id, map] of entitiesOf(ws.doc.getMap(AUTOMATIONS_ROOT))) {
		const rule = readAutomation(id, map);
		if (rule) rules.push(rule);
	}
	return rules;
}

export interface LogEntry {
	id: string;
	ruleId: string;
	customerId: string;
	occasion: string;
	at: number;
	by: string;
	actions: string[];
}

const MAX_MOMENT = 8.64e15;

export function readLogEntry(id: string, stored: unknown): LogEntry | null {
	const value = decodeEventValue(stored);
	if (!value) return null;
	const { ruleId, customerId, occasion, at, by, actions } = value;
	if (typeof ruleId !== 'string' || typeof customerId !== 'string') return null;
	if (typeof at !== 'number' || !Number.isFinite(at) || Math.abs(at) > MAX_MOMENT) return null;
	return {
		id,
		ruleId,
		customerId,
		occasion: typeof occasion === 'string' ? occasion.slice(0, 40) : '',
		at,
		by: typeof by === 'string' ? by : '',
		actions: Array.isArray(actions) ? actions.filter((a): a is string => typeof a === 'string') : []
	};
}

/** Per rule: how many results it wrote in all, and the latest ones (newest first). */
export function automationLog(
	ws: WorkspaceDoc,
	latest = 20
): Record<string, { count: number; latest: LogEntry[] }> {
	const byRule: Record<string, { count: number; latest: LogEntry[] }> = {};
	for (const [id, value] of ws.automationLog.entries()) {
		const entry = readLogEntry(id, value);
		if (!entry) continue;
		const rule = (byRule[entry.ruleId] ??= { count: 0, latest: [] });
		rule.count++;
		rule.latest.push({ ...entry, customerId: eventOwner(ws, entry.customerId) });
	}
	for (const rule of Object.values(byRule)) {
		rule.latest.sort((a, b) => b.at - a.at);
		rule.latest.length = Math.min(rule.latest.length, latest);
	}
	return byRule;
}

/** What automations did since `since`, newest first (for Today). */
export function automationResultsSince(ws: WorkspaceDoc, since: number): LogEntry[] {
	const found: LogEntry[] = [];
	for (const [id, value] of ws.automationLog.entries()) {
		const entry = readLogEntry(id, value);
		if (entry && entry.at >= since)
			found.push({ ...entry, customerId: eventOwner(ws, entry.customerId) });
	}
	return found.sort((a, b) => b.at - a.at);
}

export interface QueuedGreeting {
	id: string;
	customerId: string;
	templateId: string;
	at: number;
	/** When it was sent (or set aside); absent while it waits on the send list. */
	doneAt?: number;
}

export function readQueuedGreeting(id: string, stored: unknown): QueuedGreeting | null {
	const entry = decodeEventValue(stored);
	if (!entry || typeof entry.customerId !== 'string') return null;
	const { at, doneAt } = entry;
	const greeting: QueuedGreeting = {
		id,
		customerId: entry.customerId,
		templateId: typeof entry.templateId === 'string' ? entry.templateId : '',
		at: typeof at === 'number' && Number.isFinite(at) ? at : 0
	};
	if (doneAt !== undefined) greeting.doneAt = typeof doneAt === 'number' ? doneAt : 0;
	return greeting;
}

/** Greetings automations put on the send list and nobody has sent yet. */
export function queuedGreetings(ws: WorkspaceDoc): QueuedGreeting[] {
	const found: QueuedGreeting[] = [];
	for (const [id, value] of ws.greetingQueue.entries()) {
		const greeting = readQueuedGreeting(id, value);
		if (!greeting || greeting.doneAt !== undefined) continue;
		found.push({ ...greeting, customerId: eventOwner(ws, greeting.customerId) });
	}
	return found.sort((a, b) => a.at - b.at);
}
