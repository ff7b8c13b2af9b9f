/** The meta map's key for the shop's response-time rules. */
export const FEEDBACK_RULES_KEY = 'feedbackRules';
