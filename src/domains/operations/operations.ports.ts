export interface QueueCounts {
  name: string;
  queued: number;
  deferred: number;
  active: number;
  failed: number;
  deadLetters: number;
}

export interface DeadLetter {
  id: string;
  queue: string;
  originalQueue: string;
  createdAt: Date;
  data: unknown;
  error: string;
}

export interface JobsAdmin {
  counts(): Promise<QueueCounts[]>;
  deadLetters(): Promise<DeadLetter[]>;
  retryDeadLetter(deadQueue: string, id: string): Promise<string | null>;
}
