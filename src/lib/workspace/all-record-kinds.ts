import type { RecordKind } from '../core/record-kind';
import { interactionKind, purchaseKind, tombstoneKind } from '../features/activity/event-kinds';
import { customerKind } from '../features/customers/kinds';
import { pointsEntryKind } from '../features/loyalty/kinds';
import { issuedCodeKind, redemptionKind } from '../features/coupons/code-kinds';
import { automationLogKind, greetingQueueKind } from '../features/automations/log-kinds';
import { erasureKind } from '../features/privacy/erasure-records';
import { auditKind } from '../features/audit/audit-entries';
import { roleKind } from '../features/roles/role-entries';
import { APP_TABLE_KINDS } from './record-kinds';

// Apart from record-kinds.ts, which the worker's first load carries: these bring the points,
// coupon and automation readers, which only a customer's copy and an erasure need (on demand).
/**
 * The kinds kept in the doc alone: customers (projected by the projector itself) and the
 * records the worker reads from the doc (events, points, coupons' codes, automations' log).
 */
export const DOC_ONLY_KINDS: readonly RecordKind[] = [
	customerKind,
	purchaseKind,
	interactionKind,
	tombstoneKind,
	pointsEntryKind,
	issuedCodeKind,
	redemptionKind,
	automationLogKind,
	greetingQueueKind,
	erasureKind,
	auditKind,
	roleKind
];

/** Every kind of record in the doc; only `meta` (the shop's settings) is not a root of records. */
export const ALL_RECORD_KINDS: readonly RecordKind[] = [...DOC_ONLY_KINDS, ...APP_TABLE_KINDS];
