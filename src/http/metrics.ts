import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { OpsCounts } from '../core/insights/ops-counts.ts';
import type { CounterName, HistogramName, Logger, Metrics } from '../core/ports.ts';

const REFRESH_MS = 60_000;
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const COUNTERS: Record<CounterName, { help: string; labels: string[] }> = {
  store_retries_total: { help: 'Store operations retried after a transient failure.', labels: ['error'] },
  handler_errors_total: { help: 'Inbound handler failures, by platform.', labels: ['platform'] },
  slack_signature_failures_total: {
    help: 'Slack requests refused for a missing, stale or forged signature.',
    labels: ['reason'],
  },
  feedback_recorded_total: { help: 'Feedback recorded by this instance.', labels: ['platform', 'kind'] },
};
const HISTOGRAMS: Record<HistogramName, { help: string; labels: string[] }> = {
  click_ack_seconds: { help: 'From a click arriving to its acknowledgement.', labels: ['platform'] },
  negative_feedback_seconds: {
    help: 'Processing of negative feedback (vote, trigger window, review).',
    labels: [],
  },
  answer_seconds: { help: 'Answering a question (answerer + recording).', labels: ['answerer'] },
};

/**
 * prom-client behind heed's Metrics port: per-instance counters and histograms, plus gauges derived
 * from the database that a background refresh updates at most once a minute — a scrape only reads memory.
 */
export class PromMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly counters = new Map<string, Counter>();
  private readonly histograms = new Map<string, Histogram>();
  private readonly gauges;
  private refreshedAt = 0;
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly source: () => Promise<OpsCounts>,
    private readonly logger: Logger,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'heed_' });
    for (const [name, c] of Object.entries(COUNTERS))
      this.counters.set(
        name,
        new Counter({ name: `heed_${name}`, help: c.help, labelNames: c.labels, registers: [this.registry] }),
      );
    for (const [name, h] of Object.entries(HISTOGRAMS))
      this.histograms.set(
        name,
        new Histogram({
          name: `heed_${name}`,
          help: h.help,
          labelNames: h.labels,
          buckets: SECONDS,
          registers: [this.registry],
        }),
      );
    const gauge = (name: string, help: string, labelNames: string[] = []) =>
      new Gauge({ name, help, labelNames, registers: [this.registry] });
    this.gauges = {
      interactions: gauge('heed_interactions_last_7d', 'Questions answered in the last 7 days (database).'),
      feedback: gauge('heed_feedback_last_7d', 'Feedback of the last 7 days by kind (database).', ['kind']),
      openReviews: gauge('heed_reviews_open', 'Reviews open now (database).'),
      knowledge: gauge('heed_knowledge_patterns', 'Patterns with a knowledge entry (database).'),
      age: gauge('heed_metrics_refresh_age_seconds', 'Age of the database-derived gauges.'),
    };
  }

  inc(name: CounterName, labels: Record<string, string> = {}): void {
    this.counters.get(name)?.inc(labels);
  }

  observe(name: HistogramName, seconds: number, labels: Record<string, string> = {}): void {
    this.histograms.get(name)?.observe(labels, seconds);
  }

  /** Recomputes the database-derived gauges (once at a time). */
  refresh(): Promise<void> {
    this.refreshing ??= this.source()
      .then((c) => {
        this.gauges.interactions.set(c.interactions7d);
        for (const [kind, n] of Object.entries(c.feedback7d)) this.gauges.feedback.set({ kind }, n);
        this.gauges.openReviews.set(c.openReviews);
        this.gauges.knowledge.set(c.knowledgePatterns);
        this.refreshedAt = Date.now();
      })
      .catch((err: unknown) => this.logger.warn({ err: (err as Error).message }, 'metrics refresh failed'))
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  /** The scrape: starts a background refresh when the gauges are older than a minute, never waits for it. */
  async text(): Promise<string> {
    if (Date.now() - this.refreshedAt >= REFRESH_MS) void this.refresh();
    this.gauges.age.set(this.refreshedAt === 0 ? -1 : (Date.now() - this.refreshedAt) / 1000);
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
