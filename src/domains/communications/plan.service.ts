// The incident's communications plan: decisions people record, and where the flow stands.
import type { Role } from '../../authz/roles.ts';
import type { ActionContext } from '../context.ts';
import type { Audience } from '../fanout/fanout.types.ts';
import type { Channel, ChannelRoles, CommsPlan, ExtendedTeam, ExtendedTeamTask } from './communications.types.ts';

export interface TaskChange { done?: boolean; ownerId?: string | null; dueAt?: Date | null }
export interface CommsSettings { channelRoles: ChannelRoles[]; securityNoticesListId: string | null }

export class CommsPlanService {
  async get(_ctx: ActionContext, _incidentId: string): Promise<CommsPlan> { throw new Error('in progress'); }
  async decideScope(_ctx: ActionContext, _incidentId: string, _input: { scope: string; frequencyMinutes: number }): Promise<CommsPlan> { throw new Error('in progress'); }
  async decideMedium(_ctx: ActionContext, _incidentId: string, _channels: Channel[]): Promise<CommsPlan> { throw new Error('in progress'); }
  async addTask(_ctx: ActionContext, _incidentId: string, _input: { team: ExtendedTeam; title: string; ownerId: string | null; dueAt: Date | null }): Promise<ExtendedTeamTask> { throw new Error('in progress'); }
  async changeTask(_ctx: ActionContext, _incidentId: string, _taskId: string, _change: TaskChange): Promise<ExtendedTeamTask> { throw new Error('in progress'); }
  async attachList(_ctx: ActionContext, _incidentId: string, _audience: Audience, _listId: string): Promise<CommsPlan> { throw new Error('in progress'); }
  async startRound(_ctx: ActionContext, _incidentId: string, _final: boolean): Promise<CommsPlan> { throw new Error('in progress'); }
  async overrideCustomersFirst(_ctx: ActionContext, _incidentId: string, _input: { round: number; channel: Channel; reason: string }): Promise<CommsPlan> { throw new Error('in progress'); }
  async settings(_ctx: ActionContext): Promise<CommsSettings> { throw new Error('in progress'); }
  async setChannelRoles(_ctx: ActionContext, _channel: Channel, _roles: { draft: Role[]; review: Role[]; send: Role[] }): Promise<ChannelRoles> { throw new Error('in progress'); }
  async setSecurityNoticesList(_ctx: ActionContext, _listId: string | null): Promise<CommsSettings> { throw new Error('in progress'); }
}
