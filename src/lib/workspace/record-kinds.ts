import type { TableKind } from '../core/record-kind';
import { taskKind } from '../features/activity/kinds';
import { fieldDefKind } from '../features/custom-fields/kinds';
import { reportKind } from '../features/insights/kinds';
import { changeKind } from '../features/customers/kinds';
import { productKind } from '../features/products/kinds';
import { segmentKind } from '../features/segments/kinds';
import { memberKind } from '../features/shop/kinds';
import { tagColorKind } from '../features/tags/kinds';
import { campaignKind } from '../features/coupons/kinds';
import { templateKind } from '../features/care/kinds';
import { automationKind } from '../features/automations/kinds';
import { dealKind, dealMoveKind, pipelineKind } from '../features/deals/kinds';
import { consentKind, leadEventKind } from '../features/leads/kinds';
import { feedbackEventKind, feedbackKind } from '../features/feedback/kinds';
import { invitationKind, responseKind, surveyKind } from '../features/feedback/survey-kinds';

/**
 * The kinds of record the projector keeps a table of, besides customers (whose rows carry
 * metrics from their events: see projector.ts). Their tables are declared to Dexie in
 * projection/db.ts too, which opens on the page without these readers; a unit test keeps the
 * two the same.
 */
export const APP_TABLE_KINDS: readonly TableKind[] = [
	taskKind,
	fieldDefKind,
	tagColorKind,
	changeKind,
	productKind,
	memberKind,
	segmentKind,
	reportKind,
	campaignKind,
	templateKind,
	automationKind,
	pipelineKind,
	dealKind,
	dealMoveKind,
	leadEventKind,
	consentKind,
	feedbackKind,
	feedbackEventKind,
	surveyKind,
	invitationKind,
	responseKind
];
