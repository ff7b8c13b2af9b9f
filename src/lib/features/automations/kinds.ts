import type { TableKind } from '../../core/record-kind';
import { num, str, type RecordMap } from '../../crdt/workspace-doc';
import {
	ACTION_KINDS,
	MAX_ACTIONS,
	TRIGGER_KINDS,
	type Action,
	type AutomationRow,
	type Trigger
} from './rules/automation-records';

export const AUTOMATIONS_ROOT = 'automations';

function parse(value: unknown): unknown {
	if (typeof value !== 'string') return null;
	try {
		return JSON.parse(value);
	} catch {
		return null;
	}
}

const record = (value: unknown): Record<string, unknown> | null =>
	typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: null;

function readTrigger(value: unknown): Trigger | null {
	const v = record(parse(value));
	if (!v || !TRIGGER_KINDS.includes(v['kind'] as Trigger['kind'])) return null;
	const days = v['days'];
	return {
		kind: v['kind'] as Trigger['kind'],
		days:
			typeof days === 'number' && Number.isInteger(days) && days >= 0 && days <= 3650 ? days : 0,
		tierId: typeof v['tierId'] === 'string' ? v['tierId'].slice(0, 40) : ''
	};
}

function readActions(value: unknown): Action[] | null {
	const list = parse(value);
	if (!Array.isArray(list) || list.length === 0 || list.length > MAX_ACTIONS) return null;
	const actions: Action[] = [];
	for (const item of list) {
		const v = record(item);
		if (!v || !ACTION_KINDS.includes(v['kind'] as Action['kind'])) return null;
		const points = v['points'];
		actions.push({
			kind: v['kind'] as Action['kind'],
			text: typeof v['text'] === 'string' ? v['text'].slice(0, 200) : '',
			ref: typeof v['ref'] === 'string' ? v['ref'].slice(0, 40) : '',
			points:
				typeof points === 'number' && Number.isInteger(points) && Math.abs(points) <= 1e6
					? points
					: 0
		});
	}
	return actions;
}

/** A stored rule; one whose trigger or actions cannot be read is no rule (never run). */
export function readAutomation(id: string, map: RecordMap): AutomationRow | null {
	const name = str(map, 'name');
	const trigger = readTrigger(map.get('trigger'));
	const actions = readActions(map.get('actions'));
	if (!name || !trigger || !actions) return null;
	return {
		id,
		name,
		enabled: map.get('enabled') === true,
		trigger,
		segmentId: str(map, 'segmentId'),
		actions,
		createdAt: num(map, 'createdAt'),
		updatedAt: num(map, 'updatedAt')
	};
}

/** The shop's automation rules, shared with colleagues. */
export const automationKind: TableKind<AutomationRow> = {
	root: AUTOMATIONS_ROOT,
	storage: 'entity',
	read: (id, map) => readAutomation(id, map as RecordMap),
	personal: { about: 'shop' },
	table: { name: 'automations', schema: 'id, name', version: 1 },
	summary: 'automations'
};
