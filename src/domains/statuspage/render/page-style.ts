// The public pages' one stylesheet (inline, allowed by its hash in the CSP: the pages need no
// script and load nothing else). State colours reach 4.5:1 on white (WCAG 2.1 AA); the state is
// always written out as well, never shown by colour alone.
import { createHash } from 'node:crypto';
import { textColorOn } from './contrast.ts';

function css(brand: string): string {
  const onBrand = textColorOn(brand);
  return `*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#f6f8fa}
a{color:#0550ae}a:focus,button:focus,input:focus{outline:3px solid #0550ae;outline-offset:2px}
.wrap{max-width:52rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
.brand{background:${brand};color:${onBrand};padding:1rem 0}
.brand a{color:${onBrand};text-decoration:none;font-size:1.25rem;font-weight:600;display:inline-flex;align-items:center;gap:.75rem}
.brand img{max-height:2.5rem;max-width:12rem}
main.wrap{padding:1.5rem 1rem 3rem}
h1{font-size:1.5rem;margin:0}h2{font-size:1.25rem;margin:2rem 0 .75rem}h3{font-size:1rem;margin:1rem 0 .5rem}
.overall{background:#fff;border:1px solid #d0d7de;border-left:.5rem solid #1a7f37;border-radius:.5rem;padding:1rem}
.overall-minor{border-left-color:#9a6700}.overall-major{border-left-color:#bc4c00}.overall-critical{border-left-color:#cf222e}.overall-maintenance{border-left-color:#0969da}
.card{background:#fff;border:1px solid #d0d7de;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
.card h3{margin-top:0}
ul.components{list-style:none;margin:0;padding:0;background:#fff;border:1px solid #d0d7de;border-radius:.5rem}
ul.components li{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem;padding:.75rem 1rem;border-top:1px solid #d0d7de}
ul.components li:first-child{border-top:0}
.desc{display:block;color:#59636e;font-size:.875rem}
.state{font-weight:600}
.state-operational{color:#1a7f37}.state-degraded_performance{color:#9a6700}.state-partial_outage{color:#bc4c00}.state-major_outage{color:#cf222e}.state-under_maintenance{color:#0969da}
ol.updates{list-style:none;margin:0;padding:0}
ol.updates>li{border-top:1px solid #d0d7de;padding:.75rem 0}
ol.updates>li:first-child{border-top:0}
.meta{color:#59636e;font-size:.875rem}
.status{font-weight:600}
form label{display:block;font-weight:600}
input[type=email]{width:100%;max-width:24rem;padding:.5rem;border:1px solid #6e7781;border-radius:.25rem;font:inherit}
fieldset{border:1px solid #d0d7de;border-radius:.25rem;margin:1rem 0}
fieldset label{display:inline-flex;gap:.25rem;font-weight:400;margin-right:1rem}
button{background:#0550ae;color:#fff;border:0;border-radius:.25rem;padding:.5rem 1rem;font:inherit;cursor:pointer}
nav.pager{display:flex;justify-content:space-between;margin-top:1rem}
footer{color:#59636e;font-size:.875rem;padding:2rem 1rem;text-align:center}
@media (max-width:40rem){h1{font-size:1.25rem}main.wrap{padding-top:1rem}}`;
}

export interface PageStyle {
  css: string;
  /** The CSP source that allows exactly this stylesheet. */
  hashSource: string;
}

export function pageStyle(brandColor: string): PageStyle {
  const text = css(brandColor);
  return { css: text, hashSource: `'sha256-${createHash('sha256').update(text).digest('base64')}'` };
}

/** The CSP of the public pages: no script at all, this stylesheet only, images from here or the logo's origin. */
export function statusPageCsp(brandColor: string, logoUrl: string | null): string {
  const logoOrigin = logoUrl ? ` ${new URL(logoUrl).origin}` : '';
  return `default-src 'none'; style-src ${pageStyle(brandColor).hashSource}; img-src 'self' data:${logoOrigin}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;
}
