/**
 * Entity cards at scale: 10,000 White House briefings (1,000 with --quick).
 * - card latency, ranked by a page context (a paragraph that names the entity,
 *   from another article of the corpus, and a title) and unranked (newest
 *   first), for the most mentioned entities, median and p95, with the texts
 *   read as the store reads them (one deserialized record per document);
 * - a further page ("N more in the corpus");
 * - what Donald Trump's card opens on for two pages about different things,
 *   beside the unranked card (issue #16: "opens on an arbitrary press-release paragraph").
 */
import { deserialize, serialize } from 'node:v8';
import type { CardContext, EntityCard } from '../../lib/messages/protocol';
import { compactPack } from '../../lib/pack/model';
import { CorpusQuery, type TextSource } from '../../lib/query/corpus-query';
import { buildSearchIndexes } from '../../lib/search/records';
import { defineBench } from './lib/contract';
import { summarize } from './lib/measure';
import { briefingsPack } from './search/pack-cache';

/** The target: a card answer's p95 at 10,000 documents. */
const TARGET_CARD_P95_MS = 50;

/** Texts as the store serves them: one serialized record of UTF-8 bytes per document, the last 64 kept. */
function storedTexts(texts: readonly string[]): TextSource {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const records = texts.map((t) => serialize(encoder.encode(t)));
  const cache = new Map<number, string>();
  return (docs) => {
    const out = docs.map((d) => {
      const text = cache.get(d) ?? decoder.decode(deserialize(records[d]!) as Uint8Array);
      cache.delete(d);
      cache.set(d, text);
      return text;
    });
    for (const key of cache.keys()) if (cache.size > 64) cache.delete(key);
    return Promise.resolve(out);
  };
}

/** A small deterministic random generator, so that every run asks the same cards. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function firstItems(card: EntityCard): string[] {
  const cut = (t: string) => (t.length > 110 ? `${t.slice(0, 107).replace(/\s+/g, ' ')}…` : t.replace(/\s+/g, ' '));
  return [
    card.quotes[0] ? `quote: “${cut(card.quotes[0].text)}” (${card.quotes[0].doc.date ?? 'undated'})` : 'quote: none',
    card.statements[0]
      ? `statement: ${cut(card.statements[0].text)} (${card.statements[0].doc.date ?? 'undated'})`
      : 'statement: none',
    card.passages[0]
      ? `passage: ${cut(card.passages[0].text)} (${card.passages[0].doc.date ?? 'undated'})`
      : 'passage: none',
  ];
}

export default defineBench({
  name: 'card',
  description:
    'entity card latency ranked by a page context vs unranked, on 10,000 briefings; what Trump’s card opens on',
  needsShared: true,
  async run(ctx) {
    const count = Number(process.env.DOSSIER_CARD_DOCS) || (ctx.quick ? 1000 : 10_000);
    const { pack } = await briefingsPack(ctx.root, ctx.sharedDir!, count, (line) => ctx.log(line));
    ctx.log('card: indexing');
    const texts = pack.documents.map((d) => d.text);
    const model = compactPack(pack);
    const indexes = buildSearchIndexes(model, (n) => texts[n]!);
    const corpus = new CorpusQuery({
      model: deserialize(serialize(model)) as typeof model,
      indexes: deserialize(serialize(indexes)) as typeof indexes,
      texts: storedTexts(texts),
    });
    corpus.warm();

    // The most mentioned entities (the heaviest cards), and for each a context: a paragraph that names
    // it from one of its articles, with that article's title, as if the user read that article.
    const data = corpus.data;
    const byMentions = model.entities
      .map((e, n) => ({ id: e.id, n, mentions: data.mentionsByEntity.of(n).length }))
      .sort((a, b) => b.mentions - a.mentions)
      .slice(0, ctx.quick ? 40 : 150);
    const random = lcg(16);
    const asks = byMentions.map(({ id, n }) => {
      const rows = data.mentionsByEntity.of(n);
      const mention = rows[Math.floor(random() * rows.length)]!;
      const doc = model.mentions.doc[mention]!;
      const passage = data.passageAt(doc, model.mentions.start[mention]!);
      const text = passage >= 0 ? texts[doc]!.slice(model.passages.start[passage], model.passages.end[passage]) : '';
      const context: CardContext = { text: text.slice(0, 2000), title: pack.documents[doc]!.title.slice(0, 300) };
      return { id, context };
    });

    ctx.log(`card: ${asks.length} entities, ranked and unranked`);
    const ranked: number[] = [];
    const unranked: number[] = [];
    const more: number[] = [];
    for (let round = 0; round < (ctx.quick ? 1 : 2); round++) {
      for (const { id, context } of asks) {
        let t = performance.now();
        const { card, state } = await corpus.openCard(id, context);
        ranked.push(performance.now() - t);
        t = performance.now();
        await corpus.card(id);
        unranked.push(performance.now() - t);
        const list = card.next.passages !== null ? 'passages' : card.next.quotes !== null ? 'quotes' : null;
        if (list) {
          t = performance.now();
          await corpus.cardPage(state, list, card.next[list]!);
          more.push(performance.now() - t);
        }
      }
    }
    const r = summarize(ranked);
    const u = summarize(unranked);
    const m = summarize(more);

    // The most mentioned entity named Trump ("Donald J. Trump" in the briefings).
    const trumpIndex = byMentions.find(({ n }) => /\bTrump\b/.test(model.entities[n]!.name))?.n ?? -1;
    const notes = [
      `${count} documents, ${pack.entities.length} entities, ${pack.passages.length} passages, ${pack.quotes.length} quotes; the ${asks.length} most mentioned entities (${byMentions[0]!.mentions}…${byMentions[byMentions.length - 1]!.mentions} mentions), each card asked ${ctx.quick ? 1 : 2}×`,
      `ranked card p95 ${r.p95.toFixed(1)} ms (target ≤ ${TARGET_CARD_P95_MS} ms): ${r.p95 <= TARGET_CARD_P95_MS ? 'met' : 'NOT met'}`,
    ];
    if (trumpIndex >= 0) {
      const trump = model.entities[trumpIndex]!;
      const pages: [string, CardContext][] = [
        [
          'a page on tariffs and trade with China',
          {
            title: 'Trump raises tariffs on Chinese steel and aluminum',
            text: 'President Trump announced new tariffs on steel and aluminum imports from China on Thursday, saying the trade deficit had cost American manufacturing jobs.',
          },
        ],
        [
          'a page on a hurricane',
          {
            title: 'Hurricane recovery: Trump visits Florida',
            text: 'Trump toured neighborhoods flooded by the hurricane and promised federal disaster assistance to families who lost their homes, as FEMA crews restored power.',
          },
        ],
      ];
      const plain = await corpus.card(trump.id);
      notes.push(
        `${trump.name}: ${plain.totals.documents} articles, ${plain.totals.quotes} quotes, ${plain.totals.statements} statements, ${plain.totals.passages} passages`,
        `  unranked (newest first): ${firstItems(plain).join(' | ')}`,
      );
      for (const [label, context] of pages) {
        const t = performance.now();
        const card = await corpus.card(trump.id, context);
        notes.push(`  ${label} (${(performance.now() - t).toFixed(1)} ms): ${firstItems(card).join(' | ')}`);
      }
    } else {
      notes.push('no entity named Trump among the most mentioned in this pack');
    }
    return {
      rows: [
        { step: 'card, unranked (newest first; baseline)', 'median ms': u.median, 'p95 ms': u.p95, '× baseline': 1 },
        {
          step: 'card, ranked by a page context',
          'median ms': r.median,
          'p95 ms': r.p95,
          '× baseline': r.median / u.median,
        },
        { step: 'further page (card.more)', 'median ms': m.median, 'p95 ms': m.p95, '× baseline': m.median / u.median },
      ],
      notes,
      metrics: {
        'card.rankedP50Ms': r.median,
        'card.rankedP95Ms': r.p95,
        'card.unrankedP50Ms': u.median,
        'card.unrankedP95Ms': u.p95,
        'card.moreP95Ms': m.p95,
      },
    };
  },
});
