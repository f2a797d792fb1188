/**
 * Routes protocol requests to the corpus. Knows nothing of browser APIs: the
 * service worker hands it raw messages and a way to get the corpus, so it is
 * tested in Node.
 */
import {
  NAMES_PAGE,
  parseRequest,
  type CardContext,
  type CardListPage,
  type EntityCard,
  type Payload,
  type CorpusStatus,
  type Envelope,
  type Request,
  type RequestName,
  type Reply,
  type SerializedError,
} from '../messages/protocol';
import { pagePath } from '../messages/pages';
import type { CorpusEditor } from '../edits/corpus-editor';
import { listEntities } from '../edits/entity-list';
import { NotFoundError, type CorpusQuery } from '../query/corpus-query';
import { entitySummary, findEntities, queryDocuments, queryEntities } from '../query/corpus-tables';
import type { SubscriptionManager } from '../subscriptions/subscription-manager';
import { findClipDuplicate } from '../clip/duplicate';
import { textKey } from '../import/merge';
import { cardOwner, type CardSessions } from './card-sessions';
import type { PopoverGrants } from './popover-grants';
import { mayCall, type Caller } from './sender';

/** Requests that manage the corpus; answered by {@link ManageServices} (lib/edits, lib/subscriptions). */
type ManageName =
  | 'entities.list'
  | 'entity.edit'
  | 'documents.edit'
  | 'documents.delete'
  | 'documents.undoDelete'
  | 'corpus.restoreBundled'
  | 'corpus.status'
  | 'corpus.reload'
  | `subscriptions.${'list' | 'add' | 'remove' | 'check'}`;

/** Requests that need no corpus (answered before it is loaded). */
type NoCorpusName = 'tabs.open';

/** Requests of the popover's token handshake; they need the caller's tab (lib/background/popover-grants.ts). */
type PopoverName = 'popover.grant' | 'popover.card';

/** Card requests: a card answer keeps its state for its further pages (lib/background/card-sessions.ts). */
type CardName = 'entity.card' | 'card.more';

type Handlers = {
  [N in Exclude<RequestName, ManageName | PopoverName | NoCorpusName | CardName>]: (
    corpus: CorpusQuery,
    payload: Request<N>['payload'],
  ) => Reply<N> | Promise<Reply<N>>;
};

/** What the corpus-changing requests need; the service worker builds it (lib/background/subscriptions.ts). */
export interface ManageServices {
  editor: CorpusEditor;
  subscriptions: SubscriptionManager;
  /** Empties the store (the bundled pack answers), clears the edit log and fetches subscriptions again. */
  restoreBundled(): Promise<void>;
}

/** The loaded corpus as a service (lib/background/corpus-holder.ts). */
export interface CorpusService {
  status(): Promise<CorpusStatus>;
  /** Drops the cached corpus, loads the store's active generation and tells open tabs. */
  reload(): Promise<CorpusStatus>;
}

/** Opens the extension's own pages in tabs; the service worker gives it `browser.tabs`. */
export interface TabsService {
  /** Opens `path` (inside the extension, e.g. `/reader.html?doc=…`) in a new tab. */
  open(path: string): Promise<void>;
}

/** Everything the service worker hands the router besides the corpus. */
export type BackgroundServices = ManageServices & { corpus: CorpusService; tabs: TabsService };

const manageHandlers: {
  [N in ManageName]: (s: BackgroundServices, payload: Request<N>['payload'], corpus: CorpusQuery) => Promise<Reply<N>>;
} = {
  'entities.list': (_s, p, c) => Promise.resolve(listEntities(c.data, p.query, p.limit)),
  'entity.edit': async (s, p) => ({ editIds: await s.editor.apply(p.edits) }),
  'documents.edit': async (s, p) => ({ editIds: await s.editor.apply([{ op: 'docMeta', ...p }]) }),
  'documents.delete': async (s, p) => ({ undoToken: await s.editor.deleteDocuments(p.docIds) }),
  'documents.undoDelete': async (s, p) => (await s.editor.undoDelete(p.undoToken), {}),
  'corpus.restoreBundled': async (s) => (await s.restoreBundled(), {}),
  'corpus.status': (s) => s.corpus.status(),
  'corpus.reload': (s) => s.corpus.reload(),
  'subscriptions.list': (s) => s.subscriptions.list(),
  'subscriptions.add': (s, p) => s.subscriptions.add(p.url),
  'subscriptions.remove': async (s, p) => (await s.subscriptions.remove(p.id), {}),
  'subscriptions.check': (s, p) => s.subscriptions.check(p.id),
};

/** What `popover.card` answers for a bad token and for an entity no longer in the corpus alike. */
export const NOTHING_TO_SHOW = 'Dossier: nothing to show here';

const popoverHandlers: {
  [N in Exclude<PopoverName, 'popover.card'>]: (
    grants: PopoverGrants,
    tabId: number,
    payload: Request<N>['payload'],
    corpus: CorpusQuery,
  ) => Reply<N> | Promise<Reply<N>>;
} = {
  'popover.grant': (g, tabId, p) => ({ token: g.grant(p.entityId, tabId, p.context) }),
};

/** A card for `owner`, with a token for its further pages when there are any and `cards` keeps them. */
async function openCard(
  corpus: CorpusQuery,
  entityId: string,
  context: CardContext | undefined,
  cards: CardSessions | undefined,
  owner: string | null,
): Promise<EntityCard> {
  const { card, state } = await corpus.openCard(entityId, context);
  const { quotes, statements, passages } = card.next;
  if (!cards || owner === null || (quotes ?? statements ?? passages) === null) return card;
  return { ...card, more: cards.open(owner, corpus, state) };
}

/** What a popover token was granted for. */
type Granted = NonNullable<ReturnType<PopoverGrants['redeem']>>;

/** Spends a `popover.card` token; a bad token and a gone entity look alike. */
function redeemPopover(context: RouteContext, token: string): Granted {
  const { grants } = context;
  if (!grants) throw new Error('Dossier: "popover.card" is not available here');
  const granted = grants.redeem(token, tabOf(context.caller));
  if (granted === null) throw new NotFoundError(NOTHING_TO_SHOW);
  return granted;
}

/** The popover frame's card for a redeemed token (`popover.card`); a bad token and a gone entity look alike. */
async function popoverCard(context: RouteContext, granted: Granted, corpus: CorpusQuery): Promise<EntityCard> {
  try {
    return await openCard(corpus, granted.entityId, granted.context, context.cards, cardOwner(context.caller));
  } catch (error) {
    throw error instanceof NotFoundError ? new NotFoundError(NOTHING_TO_SHOW) : error;
  }
}

/** A further page of a card its caller was given (`card.more`). */
function cardMore(context: RouteContext, payload: Payload<'card.more'>, corpus: CorpusQuery): Promise<CardListPage> {
  const owner = cardOwner(context.caller);
  const state = owner === null ? null : context.cards?.get(payload.token, owner, corpus);
  if (!state) throw new NotFoundError('Dossier: this card is no longer open; open it again to see more');
  return corpus.cardPage(state, payload.list, payload.from);
}

const handlers: Handlers = {
  search: (c, { query, limit, ...filters }) => c.search(query, limit, filters),
  'documents.list': (c) => c.documents(),
  'document.get': (c, p) => c.document(p.docId),
  'entities.get': (c, p) => c.refs(p.ids),
  'clip.check': (c, p) =>
    findClipDuplicate(c.model.documents, p, async (docs) => {
      const texts = await c.texts(docs);
      return docs.map((d) => textKey(texts.get(d)!));
    }),
  'corpus.documents': (c, p) => queryDocuments(c.data, p),
  'corpus.entities': (c, p) => queryEntities(c.data, p),
  'corpus.entity': (c, p) => {
    const row = entitySummary(c.data, p.entityId);
    if (!row) throw new NotFoundError(`Dossier: no entity "${p.entityId}" in the corpus`);
    return row;
  },
  'corpus.findEntity': (c, p) => findEntities(c.data, p.query, p.limit, p.exclude),
  'names.get': (c, p) => {
    const table = c.names();
    if (p.knownVersion === table.version) return { unchanged: true, version: table.version };
    const from = p.from ?? 0;
    const next = from + NAMES_PAGE;
    return {
      version: table.version,
      names: table.names.slice(from, next),
      from,
      next: next < table.names.length ? next : null,
    };
  },
};

function serialize(error: unknown): SerializedError {
  if (error instanceof NotFoundError) return { code: 'not-found', message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}

/** Who asks and what answers: everything {@link route} needs besides the message. */
export interface RouteContext {
  /** The sender, classified by `classifySender` (lib/background/sender.ts). */
  caller: Caller;
  getCorpus: () => Promise<CorpusQuery>;
  /**
   * After a question failed on `stale`, the corpus to ask it again (once), or undefined to report the failure
   * (`CorpusHolder.fresh`: a segment merged away before the worker reloaded).
   */
  freshCorpus?: (stale: CorpusQuery, error: unknown) => Promise<CorpusQuery | undefined>;
  /** Corpus management; without it those requests fail (tests). */
  services?: BackgroundServices;
  /** Popover tokens; without them `popover.*` requests fail (tests). */
  grants?: PopoverGrants;
  /** Open cards for `card.more`; without them cards come without a `more` token. */
  cards?: CardSessions;
}

function tabOf(caller: Caller): number {
  if (caller.kind === 'content-script' || caller.kind === 'popover-frame') return caller.tabId;
  throw new Error('Dossier: this request needs a tab');
}

/**
 * Answers one message that `isDossierMessage` accepted; malformed ones get an
 * `invalid-request` reply, and requests the caller may not send (see `ACCESS`
 * in lib/background/sender.ts) a `forbidden` one, before the corpus is touched.
 */
export async function route(message: unknown, context: RouteContext): Promise<Envelope<unknown>> {
  const request = parseRequest(message);
  if (!request) {
    const name = (message as { name?: unknown }).name;
    return {
      ok: false,
      error: {
        code: 'invalid-request',
        message: `Dossier: malformed request ${JSON.stringify(String(name)).slice(0, 80)}`,
      },
    };
  }
  if (!mayCall(context.caller, request.name)) {
    return {
      ok: false,
      error: { code: 'forbidden', message: `Dossier: "${request.name}" is not available to ${context.caller.kind}` },
    };
  }
  if (request.name === 'tabs.open') {
    if (!context.services)
      return { ok: false, error: { code: 'internal', message: 'Dossier: "tabs.open" is not available here' } };
    try {
      // The address is made here from the validated fields: a sender never chooses the URL.
      await context.services.tabs.open(pagePath((request as Request<'tabs.open'>).payload));
      return { ok: true, value: {} };
    } catch (error) {
      return { ok: false, error: serialize(error) };
    }
  }
  let corpus: CorpusQuery;
  try {
    corpus = await context.getCorpus();
  } catch (error) {
    return {
      ok: false,
      error: { code: 'not-ready', message: `Dossier: the corpus could not be loaded: ${serialize(error).message}` },
    };
  }
  // A popover token is redeemed once, before the corpus is asked, so that asking again does not spend it twice.
  let granted: Granted | undefined;
  try {
    if (request.name === 'popover.card')
      granted = redeemPopover(context, (request.payload as Payload<'popover.card'>).token);
    return { ok: true, value: await answer(request, context, corpus, granted) };
  } catch (error) {
    const again = await context.freshCorpus?.(corpus, error).catch(() => undefined);
    if (!again) return { ok: false, error: serialize(error) };
    try {
      return { ok: true, value: await answer(request, context, again, granted) };
    } catch (second) {
      return { ok: false, error: serialize(second) };
    }
  }
}

async function answer(
  request: Request,
  context: RouteContext,
  corpus: CorpusQuery,
  granted: Granted | undefined,
): Promise<unknown> {
  const { name, payload } = request;
  if (name === 'popover.card') return popoverCard(context, granted!, corpus);
  if (name === 'entity.card') {
    const { entityId } = payload as Payload<'entity.card'>;
    return openCard(corpus, entityId, undefined, context.cards, cardOwner(context.caller));
  }
  if (name === 'card.more') return cardMore(context, payload as Payload<'card.more'>, corpus);
  if (name in manageHandlers) {
    const { services } = context;
    if (!services) throw new Error(`Dossier: "${name}" is not available here`);
    const manage = manageHandlers[name as ManageName] as (
      s: BackgroundServices,
      p: unknown,
      c: CorpusQuery,
    ) => Promise<unknown>;
    return manage(services, payload, corpus);
  }
  if (name in popoverHandlers) {
    const { grants } = context;
    if (!grants) throw new Error(`Dossier: "${name}" is not available here`);
    const popover = popoverHandlers[name as Exclude<PopoverName, 'popover.card'>] as (
      g: PopoverGrants,
      tabId: number,
      p: unknown,
      c: CorpusQuery,
    ) => unknown;
    return popover(grants, tabOf(context.caller), payload, corpus);
  }
  const handler = handlers[name as Exclude<RequestName, ManageName | PopoverName | NoCorpusName | CardName>] as (
    c: CorpusQuery,
    p: unknown,
  ) => unknown;
  return handler(corpus, payload);
}
