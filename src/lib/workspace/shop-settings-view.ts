import type { WorkspaceDoc } from '../crdt/workspace-doc';
import { readValueSettings, type ValueSettings } from '../features/value/rules/value-settings';
import { VALUE_SETTINGS_KEY } from '../features/value/value-keys';
import {
	readLoyaltySettings,
	type LoyaltySettings
} from '../features/loyalty/rules/loyalty-settings';
import { LOYALTY_SETTINGS_KEY } from '../features/loyalty/loyalty-keys';
import { readCareSettings, type CareSettings } from '../features/care/rules/care-settings';
import { CARE_SETTINGS_KEY } from '../features/care/care-keys';
import { KIOSK_LEADS_KEY } from '../features/leads/leads-keys';
import { FEEDBACK_RULES_KEY } from '../features/feedback/feedback-keys';
import { RETENTION_RULES_KEY } from '../features/privacy/retention-keys';

export interface ShopSettingsView {
	valueSettings: ValueSettings;
	loyaltySettings: LoyaltySettings;
	careSettings: CareSettings;
	/**
	 * The walk-in kiosk's settings as stored (null when never set): read on the page by the kiosk
	 * screens (`readKioskSettings`), so the workspace's first load does not carry their rules.
	 */
	kioskSettings: unknown;
	/** The feedback response-time rules as stored (null when never set), read likewise. */
	feedbackRules: unknown;
	/** The retention rules as stored (null when never set), read likewise. */
	retentionRules: unknown;
}

/** The shop's settings as the page shows them, each unreadable part as its default. */
export function readShopSettings(ws: WorkspaceDoc): ShopSettingsView {
	return {
		valueSettings: readValueSettings(ws.meta.get(VALUE_SETTINGS_KEY)),
		loyaltySettings: readLoyaltySettings(ws.meta.get(LOYALTY_SETTINGS_KEY)),
		careSettings: readCareSettings(ws.meta.get(CARE_SETTINGS_KEY)),
		kioskSettings: ws.meta.get(KIOSK_LEADS_KEY) ?? null,
		feedbackRules: ws.meta.get(FEEDBACK_RULES_KEY) ?? null,
		retentionRules: ws.meta.get(RETENTION_RULES_KEY) ?? null
	};
}
