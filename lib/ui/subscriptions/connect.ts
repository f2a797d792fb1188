/** The subscriptions model wired to the background and the permissions API, for the options page. */
import { browser } from 'wxt/browser';
import { request } from '../../messages/client';
import { createSubscriptionsModel } from './subscriptions-model';

/** The subscriptions panel, talking to the background. */
export function connectSubscriptions() {
  return createSubscriptionsModel({
    list: () => request('subscriptions.list', {}),
    add: (url) => request('subscriptions.add', { url }),
    remove: (id) => request('subscriptions.remove', { id }),
    check: (id) => request('subscriptions.check', { id }),
    requestPermission: (origin) => browser.permissions.request({ origins: [`${origin}/*`] }),
  });
}
