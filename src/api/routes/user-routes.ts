/**
 * Administration of users and tokens over HTTP (the admin permission): list and create users,
 * disable one (its sessions end, its tokens stop working), list, create and revoke tokens. The
 * same use cases as `tally user` and `tally token` (src/services/user-accounts.ts). A created
 * token is in the answer once and never again; lists show no secret and no hash.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ROLES } from '../../domain/roles.ts';
import type { StoredToken, StoredUser } from '../../storage/incident-store.ts';
import { createUser, disableUser, issueToken, revokeToken } from '../../services/user-accounts.ts';
import type { ApiApp, AppDeps } from '../app-deps.ts';
import { limitBody } from '../body-limit.ts';
import { permissionDoc } from '../permission-doc.ts';
import { requirePermission } from '../request-auth.ts';
import { errorResponse } from '../schemas.ts';

/** A user or token body is a few fields: 16 KiB, or the server's body limit when that is smaller. */
const ADMIN_BODY_BYTES = 16 * 1024;

const UserSchema = z
  .strictObject({ name: z.string(), role: z.enum(ROLES), disabled: z.boolean(), can_log_in: z.boolean(), created_at: z.string(), disabled_at: z.string().nullable() })
  .openapi('User');
const NewUserSchema = z
  .strictObject({ name: z.string(), role: z.string(), password: z.string().nullable().optional().openapi({ description: 'At least 10 characters; omitted or null: the user only holds tokens' }) })
  .openapi('NewUser');
const TokenSchema = z
  .strictObject({ id: z.string(), user: z.string(), label: z.string().nullable(), created_at: z.string(), expires_at: z.string().nullable(), revoked_at: z.string().nullable() })
  .openapi('Token');
const NewTokenSchema = z
  .strictObject({ user: z.string(), label: z.string().max(200).nullable().optional(), expires_at: z.iso.datetime({ offset: true }).nullable().optional() })
  .openapi('NewToken');
const IssuedTokenSchema = z
  .strictObject({ id: z.string(), token: z.string().openapi({ description: 'Shown once: only its hash is kept' }), user: z.string(), expires_at: z.string().nullable() })
  .openapi('IssuedToken');
const NameParam = z.object({ name: z.string().openapi({ param: { name: 'name', in: 'path' } }) });
const TokenIdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });

const userJson = (u: StoredUser): z.infer<typeof UserSchema> => ({
  name: u.name,
  role: u.role,
  disabled: u.disabled,
  can_log_in: u.passwordHash !== null,
  created_at: u.createdAt,
  disabled_at: u.disabledAt,
});
const tokenJson = (t: StoredToken): z.infer<typeof TokenSchema> => ({ id: t.id, user: t.userName, label: t.label, created_at: t.createdAt, expires_at: t.expiresAt, revoked_at: t.revokedAt });

const refusals = {
  401: errorResponse('No credentials, or not valid ones'),
  403: errorResponse('The caller is not an admin, or a cookie-authenticated request lacks its X-CSRF-Token'),
};

export function registerUserRoutes(app: ApiApp, deps: AppDeps): void {
  const admin = requirePermission(deps, 'admin');
  const maxBytes = Math.min(ADMIN_BODY_BYTES, deps.maxBodyBytes ?? ADMIN_BODY_BYTES);
  const json = (schema: z.ZodType) => ({ body: { required: true, content: { 'application/json': { schema } } } });

  app.openapi(
    createRoute({
      method: 'get', path: '/api/v1/users', operationId: 'listUsers', tags: ['users'], summary: 'Every user, by name',
      ...permissionDoc('admin'), middleware: [admin] as const,
      responses: { 200: { description: 'The users', content: { 'application/json': { schema: z.strictObject({ items: z.array(UserSchema) }) } } }, ...refusals },
    }),
    async (c) => c.json({ items: (await deps.store.listUsers()).map(userJson) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/v1/users', operationId: 'createUser', tags: ['users'], summary: 'Create a user with a role',
      ...permissionDoc('admin'), middleware: [admin, limitBody('POST /api/v1/users', maxBytes)] as const,
      request: json(NewUserSchema),
      responses: {
        201: { description: 'The user', content: { 'application/json': { schema: UserSchema } } },
        400: errorResponse('A name, role or password that is not valid'),
        ...refusals,
        409: errorResponse('The name is taken'),
        413: errorResponse(`The body is over ${maxBytes} bytes`),
        415: errorResponse('The Content-Type is not application/json'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json') as z.infer<typeof NewUserSchema>;
      const user = await createUser(deps.store, { name: body.name, role: body.role, password: body.password ?? null }, deps.clock());
      return c.json(userJson(user), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/v1/users/{name}/disable', operationId: 'disableUser', tags: ['users'], summary: 'Disable a user: its sessions end and its tokens stop working',
      ...permissionDoc('admin'), middleware: [admin] as const,
      request: { params: NameParam },
      responses: { 200: { description: 'The user', content: { 'application/json': { schema: UserSchema } } }, ...refusals, 404: errorResponse('No user has this name') },
    }),
    async (c) => {
      const { name } = c.req.valid('param');
      await disableUser(deps.store, name, deps.clock());
      return c.json(userJson((await deps.store.getUser(name))!), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get', path: '/api/v1/tokens', operationId: 'listTokens', tags: ['users'], summary: 'Every token (no secrets), oldest first',
      ...permissionDoc('admin'), middleware: [admin] as const,
      responses: { 200: { description: 'The tokens', content: { 'application/json': { schema: z.strictObject({ items: z.array(TokenSchema) }) } } }, ...refusals },
    }),
    async (c) => c.json({ items: (await deps.store.listTokens()).map(tokenJson) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post', path: '/api/v1/tokens', operationId: 'createToken', tags: ['users'], summary: 'Create a token for a user; the answer is the only time it is shown',
      ...permissionDoc('admin'), middleware: [admin, limitBody('POST /api/v1/tokens', maxBytes)] as const,
      request: json(NewTokenSchema),
      responses: {
        201: { description: 'The token', content: { 'application/json': { schema: IssuedTokenSchema } } },
        400: errorResponse('The body is not valid, or the user is disabled'),
        ...refusals,
        404: errorResponse('No user has this name'),
        413: errorResponse(`The body is over ${maxBytes} bytes`),
        415: errorResponse('The Content-Type is not application/json'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json') as z.infer<typeof NewTokenSchema>;
      const issued = await issueToken(deps.store, { userName: body.user, label: body.label ?? null, expiresAt: body.expires_at ?? null }, deps.clock());
      return c.json({ id: issued.id, token: issued.token, user: issued.userName, expires_at: issued.expiresAt }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete', path: '/api/v1/tokens/{id}', operationId: 'revokeToken', tags: ['users'], summary: 'Revoke a token',
      ...permissionDoc('admin'), middleware: [admin] as const,
      request: { params: TokenIdParam },
      responses: { 204: { description: 'Revoked' }, ...refusals, 404: errorResponse('No token has this id, or it was already revoked') },
    }),
    async (c) => {
      await revokeToken(deps.store, c.req.valid('param').id, deps.clock());
      return c.body(null, 204);
    },
  );
}
