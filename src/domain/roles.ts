/**
 * Who may do what: the three roles and the four permissions of the API and CLI, and the one table
 * between them (docs/decisions/0016-users-and-roles.md). Every check of a role anywhere in Tally
 * asks `roleAllows`; no other module lists which role holds which permission.
 *
 * - read: list, search and export incidents, documents, tallies and statistics;
 * - review: change an incident's review status (the review routes come with the review queue);
 * - ingest: post documents (store, extract, relink);
 * - admin: manage users, tokens and policy.
 */

export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = ['read', 'review', 'ingest', 'admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The role → permission table. A viewer reads; an analyst also reviews and ingests; an admin does everything. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  viewer: ['read'],
  analyst: ['read', 'review', 'ingest'],
  admin: ['read', 'review', 'ingest', 'admin'],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
