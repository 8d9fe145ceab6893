// One file of a static status page export: its path relative to the export root, type and bytes.
export interface ExportFile {
  path: string;
  contentType: string;
  body: Uint8Array;
}

/** A relative path without `..`, absolute parts or backslashes: every target joins it under its root. */
export function checkExportPath(file: string): string {
  const parts = file.split('/');
  if (file === '' || file.startsWith('/') || file.includes('\\') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new Error(`export path ${JSON.stringify(file)} is not a plain relative path`);
  }
  return file;
}
