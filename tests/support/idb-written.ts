/**
 * Counts what a Node tool's stores put into IndexedDB (fake-indexeddb): every `put` and
 * `add` of every object store, sized as `v8.serialize` sizes it (the structured clone
 * IndexedDB keeps). Import `fake-indexeddb/auto` first.
 */
import { serialize } from 'node:v8';

/** Bytes and records written since the last `take()`. */
export interface WrittenCounter {
  take(): { bytes: number; records: number };
}

/** Wraps IDBObjectStore's `put` and `add` (once per process) and returns the counter. */
export function countIdbWrites(): WrittenCounter {
  let bytes = 0;
  let records = 0;
  const proto = globalThis.IDBObjectStore.prototype;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its own `this`
  const put = proto.put;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its own `this`
  const add = proto.add;
  const tally = (value: unknown) => {
    bytes += serialize(value).length;
    records++;
  };
  proto.put = function (this: IDBObjectStore, ...a: Parameters<IDBObjectStore['put']>) {
    tally(a[0]);
    return put.apply(this, a);
  };
  proto.add = function (this: IDBObjectStore, ...a: Parameters<IDBObjectStore['add']>) {
    tally(a[0]);
    return add.apply(this, a);
  };
  return {
    take() {
      const out = { bytes, records };
      bytes = 0;
      records = 0;
      return out;
    },
  };
}
