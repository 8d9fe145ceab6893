import type { AuditPort } from '../ports.ts';
import type { NewTemplateVersion, TemplateVersion } from './templates.types.ts';

export interface TemplatesRepository {
  /** The current version of every template, by key. */
  listCurrent(): Promise<TemplateVersion[]>;
  current(key: string): Promise<TemplateVersion | null>;
  /** Newest first. */
  versions(key: string): Promise<TemplateVersion[]>;
  /** Saves the next version (1 for a new key) and makes it current; returns its number. */
  addVersion(key: string, version: NewTemplateVersion, at: Date): Promise<number>;
  /** Saves version 1 unless the key exists; true when it was saved. */
  seed(key: string, version: NewTemplateVersion, at: Date): Promise<boolean>;
}

export interface TemplatesStore {
  templates: TemplatesRepository;
  audit: AuditPort;
}
