// The renderers, for the live server, the static export and the last-state fallback.
export { renderStatusHtml, renderIncidentHtml, renderHistoryHtml, renderNotFoundHtml } from './html.ts';
export { renderSummaryJson, summaryOf } from './summary-json.ts';
export { renderAtom, renderRss } from './feeds.ts';
export { renderBadge } from './badge.ts';
export { renderMarkdown, markdownToText } from './markdown.ts';
export { statusPageCsp } from './page-style.ts';
export { buildSnapshot, notModified, rendered, CONTENT_TYPES, type Rendered, type StatusSnapshot } from './snapshot.ts';
export { overallStatus, eventImpact } from './labels.ts';
