// The small pages around a private status page: sign in (password and/or mailed link), link sent,
// use the link (a button: mail scanners follow links, only a person presses it). Escaped, no script,
// the public pages' one stylesheet (so their CSP hash allows it).
import type { Branding } from '../statuspage/statuspage.types.ts';
import { escapeHtml as e } from '../statuspage/render/escape.ts';
import { pageStyle } from '../statuspage/render/page-style.ts';

function layout(branding: Branding, title: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${e(title)}</title>
<style>${pageStyle(branding.brandColor).css}</style>
</head>
<body>
<header class="brand"><div class="wrap"><span>${e(branding.name)} status</span></div></header>
<main id="main" class="wrap">
${main}
</main>
</body>
</html>
`;
}

export interface SignInOptions {
  base: string;
  pageName: string;
  password: boolean;
  email: boolean;
  message?: string | undefined;
}

export function renderSignIn(branding: Branding, o: SignInOptions): string {
  const password = o.password
    ? `<section aria-labelledby="pw-h"><h2 id="pw-h">With the page's password</h2>
<form method="post" action="${e(o.base)}/sign-in">
<label for="pw">Password</label>
<input id="pw" type="password" name="password" required autocomplete="current-password" maxlength="256">
<button type="submit">Sign in</button>
</form></section>`
    : '';
  const email = o.email
    ? `<section aria-labelledby="mail-h"><h2 id="mail-h">With a link by mail</h2>
<form method="post" action="${e(o.base)}/email">
<label for="email">Your work email address</label>
<input id="email" type="email" name="email" required autocomplete="email" maxlength="254">
<button type="submit">Send me a link</button>
</form></section>`
    : '';
  const none = !o.password && !o.email ? '<p>This page is open only to visitors from its allowed networks.</p>' : '';
  const message = o.message ? `<p role="alert"><strong>${e(o.message)}</strong></p>` : '';
  return layout(branding, `${o.pageName} · sign in`, `<h1>${e(o.pageName)}</h1>\n<p>This status page is private.</p>\n${message}${password}${email}${none}`);
}

export function renderLinkSent(branding: Branding, base: string, pageName: string): string {
  return layout(
    branding,
    `${pageName} · check your mail`,
    `<h1>${e(pageName)}</h1>
<p>If this address may see the page, a sign-in link is on its way. It works once, for 30 minutes.</p>
<p><a href="${e(base)}">Back</a></p>`,
  );
}

export function renderUseLink(branding: Branding, action: string, pageName: string): string {
  return layout(
    branding,
    `${pageName} · sign in`,
    `<h1>${e(pageName)}</h1>
<form method="post" action="${e(action)}"><button type="submit">Open the status page</button></form>`,
  );
}
