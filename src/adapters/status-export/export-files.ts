// Paths of a static status page export, checked before any target joins them under its root.
export type { ExportFile } from '../../domains/status-export/status-export.types.ts';

/** A relative path without `..`, absolute parts or backslashes: every target joins it under its root. */
export function checkExportPath(file: string): string {
  const parts = file.split('/');
  if (file === '' || file.startsWith('/') || file.includes('\\') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new Error(`export path ${JSON.stringify(file)} is not a plain relative path`);
  }
  return file;
}
