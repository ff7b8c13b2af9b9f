/** The doc root of the team's role decisions (its entries: role-entries.ts). */
export const ROLES_ROOT = 'roles';
