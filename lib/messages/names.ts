/**
 * The whole name table, read a page at a time (`names.get` sends
 * {@link NAMES_PAGE} names per reply), so that no single reply takes a page's
 * content script more than a few milliseconds to parse.
 */
import type { NameEntry, NamePage, NameTable, Payload, Reply } from './protocol';

/** Sends `names.get` (the `request` of ./client.ts, or a stand-in in tests). */
export type NamesRequest = (payload: Payload<'names.get'>) => Promise<Reply<'names.get'>>;

/** Pages read again from the start when the corpus changes while they are read, at most. */
const RESTARTS = 3;

/**
 * Reads every page of the current name table.
 * @throws Error when the corpus keeps changing while it is read.
 */
export async function fetchNameTable(send: NamesRequest): Promise<NameTable> {
  for (let attempt = 0; attempt <= RESTARTS; attempt++) {
    const first = await send({});
    if ('unchanged' in first) throw new Error('Dossier: names.get answered "unchanged" without a known version');
    const names: NameEntry[] = [...first.names];
    let page: NamePage = first;
    while (page.next !== null) {
      const reply = await send({ from: page.next });
      if ('unchanged' in reply || reply.version !== first.version) break; // the corpus changed: start again
      names.push(...reply.names);
      page = reply;
    }
    if (page.next === null) return { version: first.version, names };
  }
  throw new Error('Dossier: the corpus kept changing while its names were read');
}
