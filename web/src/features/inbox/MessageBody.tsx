// One message's content. Everything in it came from a stranger: the plain text is shown by default
// (React escapes it); the HTML part only when asked, in a frame with an EMPTY sandbox (no scripts,
// no same-origin, no forms, no popups, no navigation) loading the server's sanitised document,
// which carries its own CSP. Attachments are listed, never previewed: download only.
import { useState } from 'react';
import type { Ticket } from '../../types.ts';

type Message = Ticket['messages'][number];
type Attachment = Message['attachments'][number];

function bytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KiB`;
  return `${(size / 1024 / 1024).toFixed(1)} MiB`;
}

function CopyButton({ text, what }: { text: string; what: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed'); // no clipboard access (e.g. plain http): the hash selects with one click
    }
  }
  const caption = { idle: 'Copy', copied: 'Copied', failed: 'Select the hash to copy it' }[state];
  return (
    <button type="button" className="link" onClick={copy} aria-label={`Copy ${what}`}>
      {caption}
    </button>
  );
}

function AttachmentRow({ ticketId, attachment: a }: { ticketId: string; attachment: Attachment }) {
  return (
    <li>
      <div>
        <strong className="filename">{a.filename}</strong>{' '}
        <span className="muted">
          {a.contentType} · {bytes(a.size)}
        </span>{' '}
        {a.withheldReason ? (
          <span className="muted">— contents not kept: {a.withheldReason}</span>
        ) : (
          <a href={`/api/tickets/${ticketId}/attachments/${a.id}`} download={a.filename} aria-label={`Download ${a.filename}`}>
            Download
          </a>
        )}
      </div>
      <div className="small">
        SHA-256 <code className="hash">{a.sha256}</code> <CopyButton text={a.sha256} what={`SHA-256 of ${a.filename}`} />
      </div>
    </li>
  );
}

export function MessageBody({ ticketId, message }: { ticketId: string; message: Message }) {
  const [formatted, setFormatted] = useState(false);
  return (
    <div className="message-body">
      {message.parseWarning ? (
        <p className="state warning" role="note">
          Could not be read fully: {message.parseWarning}
        </p>
      ) : null}
      {message.hasHtml ? (
        <p className="view-toggle">
          <button type="button" className="link" aria-pressed={formatted} onClick={() => setFormatted(!formatted)}>
            {formatted ? 'Show plain text' : 'Show formatted (HTML)'}
          </button>
        </p>
      ) : null}
      {formatted && message.hasHtml ? (
        <iframe
          className="mail-html"
          sandbox=""
          referrerPolicy="no-referrer"
          title="Formatted message (sanitised HTML)"
          src={`/api/tickets/${ticketId}/messages/${message.id}/html`}
        />
      ) : (
        <pre className="body">{message.bodyText}</pre>
      )}
      {message.attachments.length ? (
        <ul className="attachments" aria-label="Attachments">
          {message.attachments.map((a) => (
            <AttachmentRow key={a.id} ticketId={ticketId} attachment={a} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
