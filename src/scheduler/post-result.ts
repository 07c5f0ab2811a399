/** What happened to one period's digest in one channel during one run. */
export interface PostResult {
  periodKey: string;
  platform: string;
  channelId: string;
  /**
   * posted: this run posted it; failed: this run's attempt failed (retried on a later run);
   * already_posted / in_progress: another run did or is doing it; gave_up: attempts exhausted.
   */
  outcome: 'posted' | 'failed' | 'already_posted' | 'in_progress' | 'gave_up';
  attempt?: number;
  error?: string;
}

type SkipReason = 'no_schedule' | 'before_first_run' | 'no_channels' | 'locked';

export interface DigestRun {
  periodKey: string | null;
  /** Set when the run did nothing at all, and why. */
  skipped?: SkipReason;
  results: PostResult[];
}
