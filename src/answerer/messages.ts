/** What heed says to a user when it has no answer, or when the answerer failed. */
export const DONT_KNOW =
  "I don't know the answer to that yet. If you do, press ✏️ to suggest a correction: once a moderator " +
  'approves it, I will answer this question with it from then on.';

export const LLM_UNAVAILABLE =
  "Sorry, I couldn't get an answer from the language model just now. Your question has been recorded; " +
  'please try again in a minute.';

export const AGENT_UNAVAILABLE =
  "Sorry, I couldn't get an answer from the assistant just now. Your question has been recorded; " +
  'please try again in a minute.';

export const AGENT_MALFORMED =
  "Sorry, the assistant sent back a reply I couldn't read. Your question has been recorded; " +
  'please try again in a minute.';

export const LLM_MALFORMED =
  "Sorry, the language model sent back a reply I couldn't read. Your question has been recorded; " +
  'please try again in a minute.';
