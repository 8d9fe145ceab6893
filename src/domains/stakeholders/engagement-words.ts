// Cadence, channel and DRI in words for the preview and the UI.
import { ON_CALL_ROLE_LABELS } from '../oncall/oncall-roles.ts';
import type { Cadence, Channel, Contact, Dri } from './stakeholders.types.ts';

export function cadenceWords(cadence: Cadence): string {
  if (cadence.kind === 'continuous') return 'continuously, on every update';
  const { minutes } = cadence;
  if (minutes === 60) return 'every hour';
  if (minutes % 60 === 0) return `every ${minutes / 60} hours`;
  return minutes === 1 ? 'every minute' : `every ${minutes} minutes`;
}

const names = (contacts: readonly Contact[]) => contacts.map((c) => c.name).join(', ');

export function channelWords(channel: Channel, contacts: readonly Contact[]): string {
  switch (channel.kind) {
    case 'direct_message':
      return contacts.length ? `direct message to ${names(contacts)}` : 'direct message to each contact';
    case 'channel':
      return `the ${channel.target} channel`;
    case 'incident_channel':
      return "the incident's channel";
    case 'email':
      return `email to ${channel.target}`;
  }
}

/** "Security Incident Manager On Call (Dana Scully)", or the group with its contacts. */
export function driWords(dri: Dri, holder: string | null | undefined, groupContacts: readonly Contact[] | undefined): string {
  if (dri.kind === 'on_call_role') {
    const role = ON_CALL_ROLE_LABELS[dri.role];
    if (holder === undefined) return role;
    return holder === null ? `${role} (nobody on call)` : `${role} (${holder})`;
  }
  return groupContacts?.length ? `${dri.group} (${names(groupContacts)})` : dri.group;
}
