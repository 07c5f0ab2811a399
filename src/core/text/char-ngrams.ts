/**
 * Character n-grams of one word, padded with a boundary mark so prefixes and suffixes count as their
 * own features: "card" with n = 3 → "<ca", "car", "ard", "rd>". Typos and inflections ("acount",
 * "cards") still share most of their n-grams with the intended word.
 */
export function charNgrams(word: string, min = 3, max = 4): string[] {
  const padded = `<${word}>`;
  const out: string[] = [];
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
  }
  return out;
}
