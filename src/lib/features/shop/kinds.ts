import type { TableKind } from '../../core/record-kind';
import { readMember } from './member-records';
import type { MemberRow } from '../../projection/db';

/** How each colleague is shown: name and colour. */
export const memberKind: TableKind<MemberRow> = {
	root: 'members',
	storage: 'value',
	read: readMember,
	personal: { about: 'team' },
	table: { name: 'members', schema: 'memberId', version: 1 }
};
