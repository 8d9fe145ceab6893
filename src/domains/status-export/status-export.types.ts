// A static copy of the public status page: files for a CDN or bucket, and the same responses kept on
// disk for the last-published fallback.

/** One file of an export: its path under the export root (mirroring the live URL), type and bytes. */
export interface ExportFile {
  path: string;
  contentType: string;
  body: Uint8Array;
}

/** One public response as served, with its validators. */
export interface SnapshotEntry {
  /** The route path, e.g. /status or /status/incidents/abc */
  url: string;
  contentType: string;
  body: Uint8Array;
  etag: string;
  lastModified: string;
}

export interface TargetResult {
  target: string;
  ok: boolean;
  files: number;
  error?: string;
}

export const STATUS_EXPORT_QUEUE = 'status.export';
