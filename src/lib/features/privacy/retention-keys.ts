/** The meta map's key for the shop's retention rules (see rules/retention.ts). */
export const RETENTION_RULES_KEY = 'retentionRules';
