// Drafting, versions, comments, lint and approval of communications and holding statements.
import type { ActionContext } from '../context.ts';
import type { Channel, Communication, CommunicationComment, CommunicationSummary, HoldingStatement, LintResult, TemplatePreview, VersionDiff } from './communications.types.ts';

/** A communication of an incident, or a holding statement (incidentId null). */
export interface CommunicationRef { incidentId: string | null; id: string }

export class CommunicationsService {
  async list(_ctx: ActionContext, _incidentId: string): Promise<CommunicationSummary[]> { throw new Error('in progress'); }
  async preview(_ctx: ActionContext, _incidentId: string, _input: { channel: Channel; subject?: string | undefined; body?: string | undefined }): Promise<TemplatePreview> { throw new Error('in progress'); }
  async draft(_ctx: ActionContext, _incidentId: string, _input: { channel: Channel; subject?: string | undefined; body?: string | undefined }): Promise<Communication> { throw new Error('in progress'); }
  async get(_ctx: ActionContext, _ref: CommunicationRef): Promise<Communication> { throw new Error('in progress'); }
  async edit(_ctx: ActionContext, _ref: CommunicationRef, _input: { subject: string; body: string }): Promise<Communication> { throw new Error('in progress'); }
  async diff(_ctx: ActionContext, _ref: CommunicationRef, _from: number, _to: number): Promise<VersionDiff> { throw new Error('in progress'); }
  async comment(_ctx: ActionContext, _ref: CommunicationRef, _body: string): Promise<CommunicationComment> { throw new Error('in progress'); }
  async lint(_ctx: ActionContext, _ref: CommunicationRef): Promise<LintResult> { throw new Error('in progress'); }
  async approve(_ctx: ActionContext, _ref: CommunicationRef, _version: number): Promise<Communication> { throw new Error('in progress'); }
  async exportMarkdown(_ctx: ActionContext, _ref: CommunicationRef): Promise<{ filename: string; text: string }> { throw new Error('in progress'); }
  async holdingStatements(_ctx: ActionContext): Promise<HoldingStatement[]> { throw new Error('in progress'); }
  async draftHolding(_ctx: ActionContext, _input: { channel: Channel; title: string; subject: string; body: string }): Promise<HoldingStatement> { throw new Error('in progress'); }
}
