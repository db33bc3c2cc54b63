import { docker } from './client';
import { dockerImages } from './docker/images';
import { engineCall, engineRead } from './errors';
import type { ImagesApi } from './images-api';

// Until the engine registry lands: one images api for the one engine, anchored on globalThis so
// the custom server and Next's route bundle share its layer cache.
const KEY = Symbol.for('dockside.imagesApi');
type Holder = { [KEY]?: ImagesApi };

export function imagesApi(): ImagesApi {
  const holder = globalThis as Holder;
  holder[KEY] ??= dockerImages({
    get docker() {
      return docker();
    },
    read: (fn, what, deadlineMs) => engineRead(fn, what, deadlineMs),
    call: (fn, what) => engineCall(fn, what),
  });
  return holder[KEY];
}
