/**
 * Words that wink-nlp's English stop-word list flags but that decide what a question is about
 * ("how do I *say* X", "*call* mom", "*give* me a summary"), so heed treats them as content.
 */
const MEANINGFUL = new Set(['say', 'make', 'get', 'give', 'show', 'go', 'put', 'take', 'call']);

/** Whether a token (with wink-nlp's stop-word flag) is a function word that says little on its own. */
export function isStopWord(lemma: string, flaggedByWink: boolean): boolean {
  return flaggedByWink && !MEANINGFUL.has(lemma);
}
