import { findDuplicateGroups, type DuplicateGroup } from '../rules/duplicates';
import { FIELD_SEPARATOR } from '../../customers/rules/search-keys';
import type { CustomerRow } from '../../../projection/db';
import { customerList } from '../../customers/ui/customer-list.svelte';

const DISMISSED_KEY = 'clientbook.notDuplicates';

export interface ShownGroup extends DuplicateGroup {
	key: string;
	members: CustomerRow[];
}

/** A group is known by its members; if a new one joins, the group is suggested again. */
export function groupKey(ids: readonly string[]): string {
	return [...ids].sort().join('|');
}

function loadDismissed(): string[] {
	try {
		const parsed: unknown = JSON.parse(localStorage.getItem(DISMISSED_KEY) ?? '[]');
		return Array.isArray(parsed) ? parsed.filter((item) => typeof item === 'string') : [];
	} catch {
		return [];
	}
}

/**
 * Likely duplicate groups in the archive, found again whenever the list changes. The pinyin
 * comes from the rows' search text (computed once by the projector), not recomputed here.
 */
class DuplicatesState {
	dismissed = $state<string[]>(typeof localStorage === 'undefined' ? [] : loadDismissed());

	readonly groups: ShownGroup[] = $derived.by(() => {
		const rows = customerList.rows;
		const byId = new Map(rows.map((row) => [row.id, row]));
		const pinyinByName = new Map(
			rows.map((row) => [row.name, row.searchText.split(FIELD_SEPARATOR)[1] ?? ''])
		);
		const ordered = [...rows].sort((a, b) => a.createdAt - b.createdAt);
		return findDuplicateGroups(
			ordered.map((row) => ({
				id: row.id,
				name: row.name,
				phone: row.phone,
				otherPhones: row.otherPhones ?? '',
				email: row.email,
				otherEmails: row.otherEmails ?? '',
				wechat: row.wechat
			})),
			(name) => pinyinByName.get(name) ?? ''
		)
			.map((group) => ({
				...group,
				key: groupKey(group.ids),
				members: group.ids.map((id) => byId.get(id)!).filter(Boolean)
			}))
			.filter((group) => !this.dismissed.includes(group.key));
	});

	dismiss(key: string): void {
		this.dismissed = [...this.dismissed, key];
		localStorage.setItem(DISMISSED_KEY, JSON.stringify(this.dismissed));
	}
}

export const duplicates = new DuplicatesState();
