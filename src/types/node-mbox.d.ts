// node-mbox ships no types; secdesk uses only MboxStream.
declare module 'node-mbox' {
  import type { Readable } from 'node:stream';
  export function MboxStream(input: Readable, options?: { includeMboxHeader?: boolean }): Readable;
}
