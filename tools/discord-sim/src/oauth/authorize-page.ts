import type { APIUser } from 'discord-api-types/v10';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The sign-in page: pick a simulated user; each choice is a plain link and the form posts back. */
export function authorizePage(users: APIUser[], query: URLSearchParams, appName: string): string {
  const link = (id: string) => {
    const q = new URLSearchParams(query);
    q.set('login_as', id);
    return `?${q.toString()}`;
  };
  const hidden = [...query.entries()]
    .filter(([key]) => key !== 'login_as')
    .map(([key, value]) => `<input type="hidden" name="${escape(key)}" value="${escape(value)}">`)
    .join('');
  const items = users
    .map(
      (u) =>
        `<li><a href="${escape(link(u.id))}" data-user-id="${u.id}">${escape(u.global_name ?? u.username)}</a> <small>@${escape(u.username)} · ${u.id}</small></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Sign in to ${escape(appName)} — Discord simulator</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;background:#313338;color:#dbdee1}
a{color:#00a8fc}li{margin:.3rem 0}small{color:#949ba4}</style></head>
<body><h1>Discord simulator</h1><p><b>${escape(appName)}</b> wants to know who you are (scopes: ${escape(query.get('scope') ?? 'identify')}).</p>
<form method="post">${hidden}<label>Sign in as <input name="login_as" list="users" placeholder="user id" required></label>
<button type="submit">Authorize</button></form>
<datalist id="users">${users.map((u) => `<option value="${u.id}">${escape(u.username)}</option>`).join('')}</datalist>
<h2>Simulated users</h2><ul>${items}</ul></body></html>`;
}
