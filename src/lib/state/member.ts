import { newId } from '../crdt/ids';

const MEMBER_KEY = 'clientbook.memberId';

/** A stable id for this device's member, written into updatedBy of every change it makes. */
export function loadMemberId(): string {
	try {
		const saved = localStorage.getItem(MEMBER_KEY);
		if (saved) return saved;
		const created = newId();
		localStorage.setItem(MEMBER_KEY, created);
		return created;
	} catch {
		// Without storage the id lasts for this visit only; changes are still attributed.
		return newId();
	}
}
