import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';

type WinkNlp = ReturnType<typeof winkNLP>;
let instance: WinkNlp | undefined;

/** The shared wink-nlp pipeline, loaded on first use (~50 ms); only its tokeniser and lemmatiser are used. */
export function nlp(): WinkNlp {
  instance ??= winkNLP(model, ['pos']);
  return instance;
}
