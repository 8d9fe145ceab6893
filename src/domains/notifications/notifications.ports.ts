import type { DeliveryStatus } from '../tickets/tickets.types.ts';
import type { NewNotification, Notification, NotificationMail } from './notifications.types.ts';

export interface NotificationsRepository {
  /** The new notification's id, or null when this person already has one with the key. */
  insert(notification: NewNotification): Promise<string | null>;
  /** Newest first. */
  listForUser(userId: string, limit: number): Promise<Notification[]>;
  unreadCount(userId: string): Promise<number>;
  /** False when the person has no such notification. */
  markRead(userId: string, id: string, at: Date): Promise<boolean>;
  markAllRead(userId: string, at: Date): Promise<number>;
  forMail(id: string): Promise<NotificationMail | null>;
  markMail(id: string, status: DeliveryStatus, error: string | null): Promise<void>;
}
