/**
 * Search as you type without a fixed pause: the first change is asked at once,
 * at most one request is in flight, and the changes made while it runs are
 * folded into one request sent as soon as it is answered. So the wait adapts
 * to how long the search takes (none when it is idle, one answer's time when
 * it is busy), the background never queues answers nobody will read, and an
 * answer is delivered only while it answers the latest question: an older one
 * never replaces a newer one, and a question dropped by {@link LatestRequest.cancel}
 * is never delivered.
 */

/** Where the answers go; called only for the latest question. */
export interface LatestRequestHandlers<Q, A> {
  answer(question: Q, answer: A): void;
  error(question: Q, error: unknown): void;
  /** Called when no question is waiting or in flight any more (delivered, failed or cancelled). */
  idle?(): void;
}

/** The scheduler made by {@link createLatestRequest}. */
export interface LatestRequest<Q> {
  /** Asks `question`: at once when nothing is in flight, else once the request in flight is answered. */
  ask(question: Q): void;
  /** Drops the waiting question and the answer of the one in flight (e.g. the box was cleared). */
  cancel(): void;
  /** Whether a question is in flight or waiting. */
  busy(): boolean;
}

/** Creates a {@link LatestRequest} over `send` (the request to the background). */
export function createLatestRequest<Q, A>(
  send: (question: Q) => Promise<A>,
  handlers: LatestRequestHandlers<Q, A>,
): LatestRequest<Q> {
  /** Bumped by every ask and cancel: an answer is delivered only if nothing happened since its ask. */
  let generation = 0;
  let inFlight = false;
  let waiting: { question: Q; generation: number } | null = null;

  function start(question: Q, asked: number): void {
    inFlight = true;
    void (async () => {
      let outcome: () => void;
      try {
        const answer = await send(question); // called now, synchronously: no pause before asking
        outcome = () => handlers.answer(question, answer);
      } catch (error) {
        outcome = () => handlers.error(question, error);
      }
      settle(outcome, asked);
    })();
  }

  function settle(deliver: () => void, asked: number): void {
    inFlight = false;
    if (waiting) {
      const next = waiting;
      waiting = null;
      start(next.question, next.generation);
      return;
    }
    if (asked === generation) deliver();
    if (!inFlight && !waiting) handlers.idle?.();
  }

  return {
    ask(question: Q): void {
      const asked = ++generation;
      if (inFlight) waiting = { question, generation: asked };
      else start(question, asked);
    },
    cancel(): void {
      ++generation;
      const hadWork = inFlight || waiting !== null;
      waiting = null;
      if (hadWork && !inFlight) handlers.idle?.();
    },
    busy: () => inFlight || waiting !== null,
  };
}
