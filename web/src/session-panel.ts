/**
 * The dashboard's login and logout (docs/decisions/0016-users-and-roles.md): a small form in the
 * header posts the name and password to POST /api/v1/session, which sets the HttpOnly session cookie
 * (no script here ever sees it) and answers the session's CSRF token; "Sign out" sends DELETE
 * /api/v1/session with that token in X-CSRF-Token. On load GET /api/v1/session says who is signed in
 * (and gives the CSRF token again). Where reads are open the form stays folded behind a "Sign in"
 * button (one tab stop in the header); on a private server it is open from the start. After a login
 * or logout the page reloads, so every panel reads
 * again with the new credentials — on a private server (`tally serve --private`) the data appear
 * only then. No inline script: this module is bundled like the rest (the CSP forbids inline code).
 */
import { API_BASE } from './api-client.ts';

interface SessionJson {
  user: { name: string; role: string } | null;
  via: 'session' | 'token' | 'server-token' | null;
  permissions: string[];
  csrf_token: string | null;
  expires_at: string | null;
}

let csrfToken: string | null = null;

/** Headers a state-changing request of this page must carry (the session's CSRF token). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

function element<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`dashboard markup: element #${id} is missing from index.html`);
  return node as T;
}

async function errorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    return body.error?.message ?? `HTTP ${res.status}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

export async function initSessionPanel(reload: () => void = () => window.location.reload()): Promise<void> {
  const who = element<HTMLElement>('account-who');
  const logout = element<HTMLButtonElement>('account-logout');
  const form = element<HTMLFormElement>('login-form');
  const open = element<HTMLButtonElement>('login-open');
  const error = element<HTMLElement>('login-error');

  const show = (session: SessionJson) => {
    csrfToken = session.csrf_token;
    const signedIn = session.user !== null && session.via === 'session';
    const mustSignIn = !signedIn && !session.permissions.includes('read');
    who.hidden = !signedIn;
    logout.hidden = !signedIn;
    open.hidden = signedIn || mustSignIn;
    form.hidden = !mustSignIn;
    who.textContent = signedIn ? `Signed in as ${session.user!.name} (${session.user!.role})` : '';
  };

  open.addEventListener('click', () => {
    open.hidden = true;
    open.setAttribute('aria-expanded', 'true');
    form.hidden = false;
    element<HTMLInputElement>('login-name').focus();
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    error.hidden = true;
    void fetch(`${API_BASE}/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: String(data.get('name') ?? ''), password: String(data.get('password') ?? '') }),
    }).then(async (res) => {
      if (res.ok) return reload();
      error.textContent = res.status === 429 ? `Too many attempts: ${await errorMessage(res)}` : 'Sign-in failed: the name or password is wrong.';
      error.hidden = false;
    });
  });

  logout.addEventListener('click', () => {
    void fetch(`${API_BASE}/session`, { method: 'DELETE', headers: csrfHeaders() }).then(async (res) => {
      if (res.ok) return reload();
      who.textContent = `Sign-out failed: ${await errorMessage(res)}`;
    });
  });

  const res = await fetch(`${API_BASE}/session`);
  show(res.ok ? ((await res.json()) as SessionJson) : { user: null, via: null, permissions: [], csrf_token: null, expires_at: null });
}
