// Saved mail texts the team edits: named, versioned, with placeholders (see render.ts, catalogue.ts).
export interface TemplateVersion {
  key: string;
  version: number;
  name: string;
  subject: string;
  body: string;
  createdAt: Date;
  /** Who saved it ('secdesk' for the defaults). */
  createdBy: string;
}

export interface TemplateVariable {
  name: string;
  description: string;
}

export interface MessageTemplate {
  key: string;
  purpose: string;
  variables: TemplateVariable[];
  current: TemplateVersion;
}

export interface MessageTemplateWithVersions extends MessageTemplate {
  /** Newest first. */
  versions: TemplateVersion[];
}

export interface NewTemplateVersion {
  name: string;
  subject: string;
  body: string;
  createdById: string | null;
  createdBy: string;
}

/** A rendered mail, ready to be checked by a person and sent. */
export interface RenderedTemplate {
  subject: string;
  body: string;
  template: { key: string; version: number; name: string } | null;
}

/** The values placeholders stand for that come from configuration. */
export interface TemplateSettings {
  teamName: string;
  securityAddress: string;
  supportAddress: string;
  programmeUrl: string;
  disclosurePolicyUrl: string;
  dmcaAddress: string;
  dmcaPolicyUrl: string;
}
