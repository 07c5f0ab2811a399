import type { Answerer, Clock, Logger } from '../../src/core/ports.ts';

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-11-02T09:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  set(d: Date): void {
    this.current = new Date(d);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface LogLine {
  level: string;
  obj: object;
  msg?: string;
}

/** Logger that keeps lines for assertions (e.g. that secrets never show up). */
export function memoryLogger(lines: LogLine[] = []): Logger & { lines: LogLine[] } {
  const make = (bindings: Record<string, unknown>): Logger & { lines: LogLine[] } => {
    const at = (level: string) => (obj: object, msg?: string) =>
      void lines.push({ level, obj: { ...bindings, ...obj }, msg });
    return {
      lines,
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (b) => make({ ...bindings, ...b }),
    };
  };
  return make({});
}

/** Answerer for core tests: echoes a fixed text (the real ones are tested in test/answerer). */
export function fixedAnswerer(text = 'The answer.'): Answerer {
  return { answer: async () => ({ text, sources: [], answerer: 'fixed' }) };
}
