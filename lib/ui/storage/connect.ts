/** Wires the storage panel to the background and to `navigator.storage` (its one user in the page). */
import { request } from '../../messages/client';
import { createStorageModel, type StorageModel } from './storage-model';

/**
 * The storage model bound to this page; asks for persistent storage once, quietly, as the page opens.
 * @param importingHere true while this page runs an import (the panel then waits for its end instead of polling).
 */
export function connectStorage(importingHere?: () => boolean): StorageModel {
  const model = createStorageModel({
    status: () => request('corpus.status', {}),
    ...(importingHere ? { importingHere } : {}),
    persist: async () => (navigator.storage?.persist ? navigator.storage.persist() : null),
  });
  // The corpus is the user's work: ask the browser not to evict it under storage pressure.
  void model.persistQuietly();
  return model;
}
