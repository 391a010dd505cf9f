/**
 * Assertions shared by the API tests: an error response is RFC 9457 problem details
 * (`application/problem+json`) with the agreed `error` object (`{ error: { status, code, message,
 * parameter? } }`, checked with the same schema the OpenAPI description publishes), the status in
 * the body equals the HTTP status, and a parameter error's
 * message names the parameter and the value received.
 */
import assert from 'node:assert/strict';
import { ErrorSchema } from '../../src/api/schemas.ts';
import type { ApiApp } from '../../src/api/app-deps.ts';

export interface ExpectedError {
  status: number;
  code: string;
  parameter?: string;
  /** Text the message must contain (the bad value, usually). */
  mentions?: string;
}

export async function assertError(res: Response, want: ExpectedError, context: string): Promise<ReturnType<typeof ErrorSchema.parse>> {
  const text = await res.text();
  assert.equal(res.status, want.status, `${context}: status ${res.status}, body ${text}`);
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/, `${context}: content-type`);
  const body = ErrorSchema.parse(JSON.parse(text));
  assert.equal(body.error.status, want.status, `${context}: status in the body`);
  assert.equal(body.status, want.status, `${context}: the problem's status`);
  assert.equal(body.detail, body.error.message, `${context}: the problem's detail is the message`);
  assert.equal(body.error.code, want.code, `${context}: code (${body.error.message})`);
  if (want.parameter !== undefined) {
    assert.equal(body.error.parameter, want.parameter, `${context}: parameter (${body.error.message})`);
    assert.ok(body.error.message.includes(want.parameter), `${context}: message names ${want.parameter}: ${body.error.message}`);
  }
  if (want.mentions !== undefined) assert.ok(body.error.message.includes(want.mentions), `${context}: message mentions ${want.mentions}: ${body.error.message}`);
  return body;
}

export async function expectGetError(app: ApiApp, path: string, want: ExpectedError): Promise<void> {
  await assertError(await app.request(path), want, `GET ${path}`);
}
