import { choiceLabels as labelsOf } from '../../i18n/exported-words';
import {
	CONSENT_METHODS,
	CONSENT_STATES,
	CUSTOMER_SOURCES,
	GENDERS,
	BIRTHDAY_CALENDARS,
	LIFECYCLE_STAGES
} from '../customers/rules/customer';

/**
 * The words for each choice in both languages, so an import reads a column written by our
 * export in either language (or by hand with the stored keys).
 */
export const CHOICE_FIELDS = {
	gender: GENDERS,
	birthdayCalendar: BIRTHDAY_CALENDARS,
	stage: LIFECYCLE_STAGES,
	source: CUSTOMER_SOURCES,
	consent: CONSENT_STATES,
	consentMethod: CONSENT_METHODS
} as const;
export type ChoiceField = keyof typeof CHOICE_FIELDS;

export function choiceLabels(field: ChoiceField, key: string): string[] {
	return labelsOf(field, key);
}
